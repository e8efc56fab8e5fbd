import { BarChart } from '@mantine/charts';
import { Anchor, Group, Loader, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../app/ErrorPages';
import { ChartCard, type ChartColumn } from './ChartCard';
import { formatCount, formatDecimal } from './report-format';
import { productivityExportUrl, productivityQuery, type TechnicianFigures } from './reports-api';

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel() });
const helper = createColumnHelper<typeof features, TechnicianFigures>();
const CHART_HEIGHT = 260;

/** Numbers first, nulls (nothing measured) last whatever the direction. */
const byNumber = (value: (row: TechnicianFigures) => number | null) => ({
  sortFn: (a: { original: TechnicianFigures }, b: { original: TechnicianFigures }) => {
    const x = value(a.original);
    const y = value(b.original);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  },
  sortDescFirst: true,
});

/**
 * The period's productivity (docs/indicators.md "Productivity"): a sortable table of technicians, what
 * each area resolved (the area whose solution was approved, so areas outside L1 show their work) and the
 * split by ticket type, with the figures the API answers for the same period. Memoised: the dashboard
 * renders again as each of its other reads answers, which changes nothing here.
 */
export const ProductivitySection = memo(function ProductivitySection({
  from,
  to,
  fileStem,
}: {
  from: string;
  to: string;
  fileStem: string;
}) {
  const period = { from, to };
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const report = useQuery(productivityQuery(period));
  const count = (value: number) => formatCount(value, language);
  const minutes = (value: number | null) => (value === null ? '—' : formatDecimal(value, language));

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('name', {
          header: () => t('productivity.technicians.name'),
          sortFn: (a, b) => a.original.name.localeCompare(b.original.name, language),
        }),
        helper.accessor('taken', { header: () => t('productivity.technicians.taken'), ...byNumber((r) => r.taken) }),
        helper.accessor('solved', { header: () => t('productivity.technicians.solved'), ...byNumber((r) => r.solved) }),
        helper.accessor('minutesLogged', {
          header: () => t('productivity.technicians.minutesLogged'),
          ...byNumber((r) => r.minutesLogged),
        }),
        helper.accessor((r) => r.resolution.business, {
          id: 'resolution',
          header: () => t('productivity.technicians.resolution'),
          ...byNumber((r) => r.resolution.business),
        }),
      ]),
    [t, language],
  );
  const data = useMemo(() => [...(report.data?.technicians ?? [])], [report.data]);
  const table = useTable({ features, columns, data, getRowId: (row) => row.accountId });

  const cell = (row: TechnicianFigures, id: string): string => {
    switch (id) {
      case 'name':
        return row.name;
      case 'taken':
        return count(row.taken);
      case 'solved':
        return count(row.solved);
      case 'minutesLogged':
        return count(row.minutesLogged);
      case 'resolution':
        return minutes(row.resolution.business);
      default:
        return '';
    }
  };

  const typeLabel = (type: string) => t(`types.${type}`, { defaultValue: type });
  const areas = report.data?.areas ?? [];
  const types = report.data?.types ?? [];

  return (
    <Paper
      component="section"
      aria-labelledby="reports-productivity-title"
      withBorder
      p="md"
      radius="md"
      className="reports-section"
      data-testid="reports-productivity"
    >
      <Group justify="space-between" align="flex-end" mb="xs">
        <div>
          <Title order={2} size="h4" id="reports-productivity-title">
            {t('productivity.title')}
          </Title>
          <Text size="sm" c="dark.5">
            {t('productivity.help')}
          </Text>
        </div>
        <Anchor size="sm" href={productivityExportUrl(period)} className="reports-no-print">
          {t('productivity.download')}
        </Anchor>
      </Group>
      {report.isError ? (
        <QueryError error={report.error} />
      ) : !report.data ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <Stack gap="md">
          <div>
            <Title order={3} size="h5" mb={6} id="reports-technicians-title">
              {t('productivity.technicians.title')}
            </Title>
            {data.length === 0 ? (
              <Text size="sm">{t('productivity.technicians.none')}</Text>
            ) : (
              <div
                className="reports-table-scroll"
                role="region"
                aria-label={t('productivity.technicians.label')}
                tabIndex={0}
              >
                <table className="reports-technicians" data-testid="reports-technicians">
                  <thead>
                    {table.getHeaderGroups().map((group) => (
                      <tr key={group.id}>
                        {group.headers.map((header) => {
                          const sorted = header.column.getIsSorted();
                          const label = t(`productivity.technicians.${header.column.id}`);
                          return (
                            <th
                              key={header.id}
                              scope="col"
                              aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                              data-column={header.column.id}
                            >
                              <UnstyledButton
                                className="reports-sort"
                                onClick={header.column.getToggleSortingHandler()}
                                aria-label={t('productivity.technicians.sortBy', { column: label })}
                              >
                                <table.FlexRender header={header} />
                                <span aria-hidden="true" className="reports-sort-mark">
                                  {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ' ↕'}
                                </span>
                              </UnstyledButton>
                            </th>
                          );
                        })}
                      </tr>
                    ))}
                  </thead>
                  <tbody>
                    {table.getRowModel().rows.map((row) => (
                      <tr key={row.id} data-account={row.original.accountId}>
                        {row.getAllCells().map((c) =>
                          c.column.id === 'name' ? (
                            <th key={c.id} scope="row" data-column="name">
                              {cell(row.original, 'name')}
                            </th>
                          ) : (
                            <td key={c.id} data-column={c.column.id}>
                              {cell(row.original, c.column.id)}
                            </td>
                          ),
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>

          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <ChartCard
              id="chart-areas"
              title={t('productivity.areas.title')}
              rows={areas}
              rowLabel={{ label: t('productivity.areas.area'), value: (r) => r.area }}
              columns={columns3<(typeof areas)[number]>([
                ['resolved', t('productivity.areas.resolved'), (r) => count(r.resolved)],
                ['minutesLogged', t('productivity.areas.minutesLogged'), (r) => count(r.minutesLogged)],
                ['resolution', t('productivity.areas.resolution'), (r) => minutes(r.resolution.business)],
              ])}
              fileName={`${fileStem}-${t('productivity.areas.file')}`}
            >
              <BarChart
                h={Math.max(CHART_HEIGHT, areas.length * 36 + 60)}
                orientation="vertical"
                data={areas.map((r) => ({ area: r.area, resolved: r.resolved }))}
                dataKey="area"
                withLegend
                accessibilityLayer={false}
                yAxisProps={{ width: 80 }}
                series={[{ name: 'resolved', label: t('productivity.areas.resolved'), color: 'teal.8' }]}
              />
            </ChartCard>
            <ChartCard
              id="chart-types"
              title={t('productivity.types.title')}
              rows={types}
              rowLabel={{ label: t('productivity.types.type'), value: (r) => typeLabel(r.type) }}
              columns={columns3<(typeof types)[number]>([
                ['opened', t('productivity.types.opened'), (r) => count(r.opened)],
                ['closed', t('productivity.types.closed'), (r) => count(r.closed)],
                ['resolution', t('productivity.types.resolution'), (r) => minutes(r.resolution.business)],
              ])}
              fileName={`${fileStem}-${t('productivity.types.file')}`}
            >
              <BarChart
                h={Math.max(CHART_HEIGHT, types.length * 44 + 60)}
                orientation="vertical"
                data={types.map((r) => ({ type: typeLabel(r.type), opened: r.opened, closed: r.closed }))}
                dataKey="type"
                withLegend
                accessibilityLayer={false}
                yAxisProps={{ width: 150 }}
                series={[
                  { name: 'opened', label: t('productivity.types.opened'), color: 'cau.7' },
                  { name: 'closed', label: t('productivity.types.closed'), color: 'teal.8' },
                ]}
              />
            </ChartCard>
          </SimpleGrid>
        </Stack>
      )}
    </Paper>
  );
});

function columns3<Row>(list: Array<[string, string, (row: Row) => string]>): ChartColumn<Row>[] {
  return list.map(([key, label, value]) => ({ key, label, value }));
}
