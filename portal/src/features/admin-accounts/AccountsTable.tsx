import { Badge, Text, UnstyledButton } from '@mantine/core';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVE_COLOR, INACTIVE_COLOR } from './admin-accounts-api';
import type { AccountRow } from './admin-accounts-api';
import './admin-accounts.css';

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, AccountRow>();

/** The accounts found, as a native table; a name opens the account's panel. */
export function AccountsTable({
  rows,
  onOpen,
}: {
  rows: readonly AccountRow[];
  onOpen: (account: AccountRow) => void;
}) {
  const { t } = useTranslation();
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('name', { header: () => t('adminAccounts.columns.name') }),
        helper.accessor('email', { header: () => t('adminAccounts.columns.email') }),
        helper.accessor('role', { header: () => t('adminAccounts.columns.role') }),
        helper.display({ id: 'where', header: () => t('adminAccounts.columns.where') }),
        helper.accessor('active', { header: () => t('adminAccounts.columns.status') }),
      ]),
    [t],
  );
  const data = useMemo(() => [...rows], [rows]);
  const table = useTable({ features, columns, data, getRowId: (row) => row.id });

  const cell = (row: AccountRow, columnId: string): ReactNode => {
    switch (columnId) {
      case 'name':
        return (
          <UnstyledButton
            className="admin-accounts-open"
            onClick={() => onOpen(row)}
            aria-label={t('adminAccounts.openNamed', { name: row.name })}
          >
            <Text size="sm" fw={600} c="cau.8" td="underline" style={{ overflowWrap: 'anywhere' }}>
              {row.name}
            </Text>
            <Text size="xs" className="admin-accounts-phone-only" style={{ overflowWrap: 'anywhere' }}>
              {row.email} · {t(`roles.${row.role}`)}
            </Text>
          </UnstyledButton>
        );
      case 'email':
        return (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {row.email}
          </Text>
        );
      case 'role':
        return <Text size="sm">{t(`roles.${row.role}`)}</Text>;
      case 'where':
        return <Text size="sm">{row.area ?? row.jurisdiction ?? '—'}</Text>;
      case 'active':
        return (
          <Badge variant="filled" radius="sm" color={row.active ? ACTIVE_COLOR : INACTIVE_COLOR}>
            {row.active ? t('adminAccounts.active') : t('adminAccounts.inactive')}
          </Badge>
        );
      default:
        return null;
    }
  };

  return (
    <div className="admin-accounts-scroll" role="region" aria-label={t('adminAccounts.tableLabel')} tabIndex={0}>
      <table className="admin-accounts-table">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={`admin-accounts-col-${header.column.id}`}>
                  <table.FlexRender header={header} />
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={row.original.active ? undefined : 'admin-accounts-inactive'}>
              {row.getAllCells().map((c) => (
                <td key={c.id} className={`admin-accounts-col-${c.column.id}`}>
                  {cell(row.original, c.column.id)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
