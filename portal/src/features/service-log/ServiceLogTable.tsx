import { Text } from '@mantine/core';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay } from '../../app/format';
import { AnchorLink } from '../../components/links';
import { NativeTable, plainTableFeatures } from '../../components/NativeTable';
import type { ServiceLogEntry } from './service-log-api';
import './service-log.css';

const helper = createColumnHelper<typeof plainTableFeatures, ServiceLogEntry>();

/** The log as a native table (screen readers announce rows and headers); it scrolls sideways on a phone. */
export function ServiceLogTable({
  rows,
  label,
  showEquipment = true,
}: {
  rows: readonly ServiceLogEntry[];
  label: string;
  /** The equipment page leaves the column out: every row is that machine's. */
  showEquipment?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('at', { header: () => t('serviceLog.columns.at') }),
        helper.accessor('ticketNumber', { header: () => t('serviceLog.columns.ticket') }),
        ...(showEquipment
          ? [helper.display({ id: 'equipment', header: () => t('serviceLog.columns.equipment') })]
          : []),
        helper.display({ id: 'holder', header: () => t('serviceLog.columns.holder') }),
        helper.accessor('kind', { header: () => t('serviceLog.columns.kind') }),
        helper.display({ id: 'by', header: () => t('serviceLog.columns.by') }),
        helper.accessor('result', { header: () => t('serviceLog.columns.result') }),
        helper.accessor('signedOff', { header: () => t('serviceLog.columns.signedOff') }),
      ]),
    [t, showEquipment],
  );
  const data = useMemo(() => [...rows], [rows]);
  const table = useTable({ features: plainTableFeatures, columns, data, getRowId: (row) => row.id });

  const cell = (row: ServiceLogEntry, columnId: string): ReactNode => {
    switch (columnId) {
      case 'at':
        return (
          <span className="service-log-nowrap">
            {row.day ? formatDay(row.day, i18n.language) : formatDateTime(row.at, i18n.language)}
          </span>
        );
      case 'ticketNumber':
        return (
          <AnchorLink to="/tickets/$number" params={{ number: row.ticketNumber }}>
            {t('serviceLog.ticketNumber', { number: row.ticketNumber })}
          </AnchorLink>
        );
      case 'equipment':
        return (
          <>
            <AnchorLink
              to="/inventario/$equipmentId"
              params={{ equipmentId: row.equipment.id }}
              fw={600}
              className="service-log-nowrap"
            >
              {row.equipment.inventoryNumber}
            </AnchorLink>
            <Text size="xs" c="dark.4">
              {row.equipment.typeLabel}
            </Text>
          </>
        );
      case 'holder':
        return row.holder?.name ?? '—';
      case 'kind':
        return (
          <>
            <Text size="sm" fw={600}>
              {t(`serviceLog.kinds.${row.kind}`)}
            </Text>
            {row.done && <Text size="sm">{row.done}</Text>}
          </>
        );
      case 'by':
        return (
          <>
            {row.by.company ? `${row.by.company} — ${row.by.name}` : row.by.name || '—'}
            {row.by.reportNumber && (
              <Text size="xs" c="dark.4">
                {t('serviceLog.report', { number: row.by.reportNumber })}
              </Text>
            )}
          </>
        );
      case 'result':
        return row.result ? t(`serviceLog.results.${row.result}`) : '—';
      case 'signedOff':
        return t(`serviceLog.signedOff.${row.signedOff === null ? 'pending' : row.signedOff ? 'yes' : 'no'}`);
      default:
        return null;
    }
  };

  return <NativeTable table={table} label={label} className="service-log" empty={t('serviceLog.empty')} cell={cell} />;
}
