import { Button, Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chartSvg, downloadPng, downloadSvg } from './chart-export';

export interface ChartColumn<Row> {
  key: string;
  label: string;
  value: (row: Row) => string;
}

interface ChartCardProps<Row> {
  id: string;
  title: string;
  description?: string;
  /** The chart's numbers as a table: always there for screen readers (and axe), shown on demand. */
  rows: readonly Row[];
  rowLabel: { label: string; value: (row: Row) => string };
  columns: readonly ChartColumn<Row>[];
  /** The downloaded files' name, without extension. */
  fileName: string;
  children: ReactNode;
}

/**
 * A chart with its heading, its data as a table (hidden from sight unless asked for; the drawing itself
 * is hidden from assistive technology, which reads the table) and downloads as PNG and SVG.
 */
export function ChartCard<Row>({
  id,
  title,
  description,
  rows,
  rowLabel,
  columns,
  fileName,
  children,
}: ChartCardProps<Row>) {
  const { t } = useTranslation();
  const chart = useRef<HTMLDivElement>(null);
  const [showTable, setShowTable] = useState(false);
  const headingId = `${id}-title`;

  const save = (kind: 'png' | 'svg') => {
    const svg = chartSvg(chart.current);
    if (!svg) return;
    if (kind === 'svg') downloadSvg(svg, title, fileName);
    else void downloadPng(svg, title, fileName);
  };

  // Shown on demand with the desk's table style; hidden (the usual case, read by screen readers) in plain
  // elements: a week's series is a thousand cells per chart, and Mantine's cells cost several times more.
  const table = () => (
    <Table fz="sm" withTableBorder striped className="reports-data-table">
      <caption>{title}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{rowLabel.label}</Table.Th>
          {columns.map((column) => (
            <Table.Th scope="col" key={column.key}>
              {column.label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr key={index}>
            <Table.Th scope="row" fw={500}>
              {rowLabel.value(row)}
            </Table.Th>
            {columns.map((column) => (
              <Table.Td key={column.key}>{column.value(row)}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  const hiddenTable = () => (
    <table className="reports-data-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{rowLabel.label}</th>
          {columns.map((column) => (
            <th scope="col" key={column.key}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            <th scope="row">{rowLabel.value(row)}</th>
            {columns.map((column) => (
              <td key={column.key}>{column.value(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="md" radius="md" className="reports-section">
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <div>
          <Title order={2} size="h4" id={headingId}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dark.5">
              {description}
            </Text>
          )}
        </div>
        <Group gap={4} className="reports-no-print">
          <Button
            variant="subtle"
            size="compact-sm"
            aria-pressed={showTable}
            onClick={() => setShowTable((shown) => !shown)}
          >
            {t('reports.chart.table')}
          </Button>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => save('png')}
            aria-label={t('reports.chart.downloadPng', { title })}
          >
            PNG
          </Button>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => save('svg')}
            aria-label={t('reports.chart.downloadSvg', { title })}
          >
            SVG
          </Button>
        </Group>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm">{t('reports.chart.empty')}</Text>
      ) : (
        <>
          <div ref={chart} aria-hidden="true" className="reports-chart">
            {children}
          </div>
          {showTable ? (
            <div className="reports-table-scroll">{table()}</div>
          ) : (
            <VisuallyHidden>{hiddenTable()}</VisuallyHidden>
          )}
        </>
      )}
    </Paper>
  );
}
