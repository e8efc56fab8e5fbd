import { Text } from '@mantine/core';
import { tableFeatures, type ReactTable, type RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';

/** The plain tables' features: no sorting nor selection in the table itself (pages and filters are the server's). */
export const plainTableFeatures = tableFeatures({});

/**
 * A TanStack table drawn as a native `<table>` in a focusable, scrollable region: screen readers announce rows
 * and headers, the keyboard scrolls a wide table, and an empty list says so in a row of its own.
 */
export function NativeTable<T extends RowData>({
  table,
  label,
  className,
  empty,
  cell,
}: {
  table: ReactTable<typeof plainTableFeatures, T>;
  label: string;
  /** The CSS class prefix: `<className>-scroll` on the region, `<className>-table` on the table. */
  className: string;
  empty: string;
  cell: (row: T, columnId: string) => ReactNode;
}) {
  const rows = table.getRowModel().rows;
  return (
    <div className={`${className}-scroll`} role="region" aria-label={label} tabIndex={0}>
      <table className={`${className}-table`}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  <table.FlexRender header={header} />
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {row.getAllCells().map((c) => (
                <td key={c.id}>{cell(row.original, c.column.id)}</td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={table.getAllLeafColumns().length}>
                <Text size="sm" c="dark.4">
                  {empty}
                </Text>
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
