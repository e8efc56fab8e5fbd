import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import { NativeTable, plainTableFeatures } from '../../components/NativeTable';
import type { Equipment } from './inventory-api';
import { StateBadge, useTypeLabel } from './labels';
import './inventory.css';

const helper = createColumnHelper<typeof plainTableFeatures, Equipment>();

/** The register as a native table: screen readers announce rows and headers; each number opens its page. */
export function EquipmentTable({ rows }: { rows: readonly Equipment[] }) {
  const { t } = useTranslation();
  const typeLabel = useTypeLabel();
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('inventoryNumber', { header: () => t('inventory.columns.number') }),
        helper.accessor('type', { header: () => t('inventory.columns.type') }),
        helper.display({ id: 'brandModel', header: () => t('inventory.columns.brandModel') }),
        helper.accessor('serial', { header: () => t('inventory.columns.serial') }),
        helper.display({ id: 'location', header: () => t('inventory.columns.location') }),
        helper.accessor('jurisdiction', { header: () => t('inventory.columns.jurisdiction') }),
        helper.accessor('state', { header: () => t('inventory.columns.state') }),
      ]),
    [t],
  );
  const data = useMemo(() => [...rows], [rows]);
  const table = useTable({ features: plainTableFeatures, columns, data, getRowId: (row) => row.id });

  const cell = (row: Equipment, columnId: string): ReactNode => {
    switch (columnId) {
      case 'inventoryNumber':
        return (
          <AnchorLink to="/inventario/$equipmentId" params={{ equipmentId: row.id }} fw={600}>
            {row.inventoryNumber}
          </AnchorLink>
        );
      case 'type':
        return typeLabel(row.type);
      case 'brandModel':
        return [row.brand, row.model].filter(Boolean).join(' ') || '—';
      case 'serial':
        return row.serial ?? '—';
      case 'location':
        return locationText(row) || '—';
      case 'jurisdiction':
        return row.jurisdiction ?? '—';
      case 'state':
        return <StateBadge state={row.state} />;
      default:
        return null;
    }
  };

  return (
    <NativeTable
      table={table}
      label={t('inventory.tableLabel')}
      className="inventory"
      empty={t('inventory.empty')}
      cell={cell}
    />
  );
}

export function locationText(equipment: Equipment): string {
  const { building, floor, office } = equipment.location;
  return [building, floor ? `${floor}` : null, office].filter(Boolean).join(' · ');
}
