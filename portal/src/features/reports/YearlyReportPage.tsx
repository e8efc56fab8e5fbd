import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Button, Group, Loader, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../app/ErrorPages';
import { AnchorLink } from '../../components/links';
import { ChartCard } from './ChartCard';
import { formatCount } from './report-format';
import { localToday, resolveYears } from './report-search';
import { yearlyQuery } from './reports-api';
import './reports.css';

const route = getRouteApi('/signed-in/informes/anual');

/** The yearly figures (docs/domain.md § Reports): tickets registered, services rendered (closed) and jurisdictions served. */
export function YearlyReportPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const navigate = useNavigate({ from: '/informes/anual' });
  const today = useMemo(() => localToday(), []);
  const { fromYear, toYear } = resolveYears(route.useSearch(), today);
  const report = useQuery(yearlyQuery(fromYear, toYear));
  const thisYear = Number(today.slice(0, 4));
  const choices = Array.from({ length: Math.min(thisYear, 2100) - 2000 + 1 }, (_, index) => String(thisYear - index));
  const count = (value: number) => formatCount(value, language);

  const setYears = (from: number, to: number) => {
    // The API takes five years at most: the other end follows the one moved.
    const fromYear = Math.min(from, to);
    const toYear = Math.max(from, to);
    void navigate({
      search:
        toYear - fromYear > 4
          ? from === fromYear
            ? { fromYear, toYear: fromYear + 4 }
            : { fromYear: toYear - 4, toYear }
          : { fromYear, toYear },
    });
  };

  const years = report.data?.years ?? [];
  return (
    <Stack gap="lg" maw={960} mx="auto" className="reports-page">
      <Group justify="space-between" className="reports-no-print">
        <AnchorLink to="/informes" size="sm">
          ← {t('reports.yearly.back')}
        </AnchorLink>
        <Button variant="default" onClick={() => window.print()}>
          {t('reports.print')}
        </Button>
      </Group>
      <header>
        <Text c="dark.5" fw={600}>
          {t('app.name')}
        </Text>
        <Title order={1}>{t('reports.yearly.title')}</Title>
        <Text size="lg" fw={500}>
          {fromYear === toYear ? String(fromYear) : t('reports.yearly.range', { from: fromYear, to: toYear })}
        </Text>
        {report.data?.scope && (
          <Text size="sm" fw={600} data-testid="reports-scope">
            {t(`reports.scope.${report.data.scope.dimension}`, { value: report.data.scope.value })}
          </Text>
        )}
      </header>
      <Group gap="sm" className="reports-no-print">
        <NativeSelect
          label={t('reports.yearly.fromYear')}
          data={choices}
          value={String(fromYear)}
          onChange={(event) => setYears(Number(event.currentTarget.value), toYear)}
          w={140}
        />
        <NativeSelect
          label={t('reports.yearly.toYear')}
          data={choices}
          value={String(toYear)}
          onChange={(event) => setYears(fromYear, Number(event.currentTarget.value))}
          w={140}
        />
      </Group>
      {report.isError ? (
        <QueryError error={report.error} />
      ) : !report.data ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <>
          <Paper
            component="section"
            aria-labelledby="yearly-table-title"
            withBorder
            p="md"
            radius="md"
            className="reports-section"
          >
            <Title order={2} size="h4" id="yearly-table-title" mb="xs">
              {t('reports.yearly.figures')}
            </Title>
            <div className="reports-table-scroll">
              <Table fz="sm" withTableBorder verticalSpacing={6} className="reports-yearly">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('reports.yearly.year')}</Table.Th>
                    <Table.Th scope="col">{t('reports.yearly.tickets')}</Table.Th>
                    <Table.Th scope="col">{t('reports.yearly.services')}</Table.Th>
                    <Table.Th scope="col">{t('reports.yearly.jurisdictions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {years.map((row) => (
                    <Table.Tr key={row.year} data-year={row.year}>
                      <Table.Th scope="row">{row.year}</Table.Th>
                      <Table.Td>{count(row.tickets)}</Table.Td>
                      <Table.Td>{count(row.services)}</Table.Td>
                      <Table.Td>{count(row.jurisdictionsServed)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            <Text size="xs" c="dark.5" mt="xs">
              {t('reports.yearly.help', { zone: report.data.timeZone })}
            </Text>
          </Paper>
          <ChartCard
            id="chart-yearly"
            title={t('reports.yearly.chart')}
            rows={years}
            rowLabel={{ label: t('reports.yearly.year'), value: (row) => String(row.year) }}
            columns={[
              { key: 'tickets', label: t('reports.yearly.tickets'), value: (row) => count(row.tickets) },
              { key: 'services', label: t('reports.yearly.services'), value: (row) => count(row.services) },
            ]}
            fileName={`${t('reports.yearly.fileStem')}-${fromYear}-${toYear}`}
          >
            <BarChart
              h={260}
              data={years.map((row) => ({ year: String(row.year), tickets: row.tickets, services: row.services }))}
              dataKey="year"
              withLegend
              accessibilityLayer={false}
              series={[
                { name: 'tickets', label: t('reports.yearly.tickets'), color: 'cau.7' },
                { name: 'services', label: t('reports.yearly.services'), color: 'teal.8' },
              ]}
            />
          </ChartCard>
        </>
      )}
    </Stack>
  );
}
