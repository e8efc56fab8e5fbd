import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import {
  Anchor,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { QueryError } from '../../app/ErrorPages';
import { formatDateTime } from '../../app/format';
import { AnchorLink, ButtonLink } from '../../components/links';
import { formatMinutes } from '../desk-registration/closure-report';
import { categoriesQuery } from '../desk-registration/desk-api';
import { servicesQuery } from '../workspace/workspace-api';
import { useSession } from '../auth/session';
import { isDeskRole } from '../desk-registration/desk-roles';
import { ChartCard, type ChartColumn } from './ChartCard';
import { ProblemsSection } from './ProblemsSection';
import { ProductivitySection } from './ProductivitySection';
import { StepTimesSection } from './StepTimesSection';
import { formatCount, formatDay, formatDecimal, formatDelta, formatShare, periodLabel } from './report-format';
import {
  addDays,
  isDay,
  localToday,
  PERIOD_PRESETS,
  periodAllowed,
  RECURRENCE_KEYS,
  REPORT_DIMENSIONS,
  shiftPeriod,
  trendOf,
  type RecurrenceKey,
  type ReportDimension,
  type ReportSearch,
} from './report-search';
import { dashboardQueries, kpiExportUrl, type KpiRow } from './reports-api';
import './reports.css';

/** What a category's label needs (the catalogue's tree and its flat list both have it). */
type Category = Pick<Schemas['CategoryV1'], 'code' | 'label'>;

const route = getRouteApi('/signed-in/informes');

type Kind = 'count' | 'share' | 'minutes';

interface Figure {
  key: string;
  label: string;
  kind: Kind;
  value: (row: KpiRow) => number | null;
  /** What the figure is out of (shares): "12 de 20". */
  detail?: (row: KpiRow) => string;
}

const CHART_HEIGHT = 260;

/**
 * The managers' dashboard (issue 14, "Reports"): every indicator of docs/indicators.md for a period, with
 * its trend against the period of equal length before, charts over time and by dimension, the recurring
 * incidents, the open problems, downloads and a printable layout.
 */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/informes' });
  const today = useMemo(() => localToday(), []);
  const account = useSession();
  const reads = dashboardQueries(search, account?.role ?? '', today);
  const { period, previous, scopeDimension, dimension, by, showsProblems, seriesQuery, byDimensionQuery } = reads;
  const toConsole = isDeskRole(account?.role ?? '');

  const current = useQuery(reads.current);
  const before = useQuery(reads.before);
  const series = useQuery(reads.series);
  const byDimension = useQuery(reads.byDimension);
  const recurring = useQuery(reads.recurring);
  const categories = useQuery(categoriesQuery);
  const services = useQuery({ ...servicesQuery, enabled: dimension === 'service' });

  const go = (change: ReportSearch) => void navigate({ search: (old) => ({ ...old, ...change }) });

  const categoryLabel = (code: string) => categoryLabelOf(categories.data, code, language);

  const overall = current.data?.rows[0];
  const earlier = before.data?.rows[0];
  const rows = series.data?.rows ?? [];
  const granularity = series.data && series.data.granularity !== 'total' ? series.data.granularity : period.granularity;
  const periodHeader = t(`reports.granularity.${granularity}`);
  const fileStem = `${t('reports.fileStem')}-${period.from}-${period.to}`;
  const count = (value: number) => formatCount(value, language);
  const lastDay = addDays(period.to, -1);

  const periodTitle =
    period.from === lastDay
      ? formatDay(period.from, language)
      : t('reports.range', { from: formatDay(period.from, language), to: formatDay(lastDay, language) });
  const canGo = (direction: 1 | -1) => periodAllowed(shiftPeriod(period, direction), today);

  return (
    <Stack gap="lg" className="reports-page">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1}>{t('reports.title')}</Title>
          <Text size="lg" fw={500} data-testid="reports-period">
            {periodTitle}
          </Text>
          <Text size="sm" c="dark.5">
            {t('reports.comparedWith', {
              from: formatDay(previous.from, language),
              to: formatDay(addDays(previous.to, -1), language),
            })}
            {current.data ? ` · ${t('reports.timeZone', { zone: current.data.timeZone })}` : ''}
          </Text>
          {current.data?.scope && (
            <Text size="sm" fw={600} data-testid="reports-scope">
              {t(`reports.scope.${current.data.scope.dimension}`, { value: current.data.scope.value })}
            </Text>
          )}
        </div>
        <Group gap="xs" className="reports-no-print">
          <ButtonLink to="/informes/anual" variant="default">
            {t('reports.yearly.link')}
          </ButtonLink>
          <Button variant="default" onClick={() => window.print()}>
            {t('reports.print')}
          </Button>
        </Group>
      </Group>

      <Paper
        component="form"
        withBorder
        p="md"
        radius="md"
        className="reports-no-print"
        aria-label={t('reports.controls')}
        onSubmit={(event) => event.preventDefault()}
      >
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('reports.period')}
            data={PERIOD_PRESETS.map((value) => ({ value, label: t(`reports.presets.${value}`) }))}
            value={period.preset}
            onChange={(event) => {
              const next = event.currentTarget.value as (typeof PERIOD_PRESETS)[number];
              if (next === 'custom') go({ period: 'custom', from: period.from, to: period.to, date: undefined });
              else go({ period: next, date: search.date, from: undefined, to: undefined });
            }}
            w={170}
          />
          {period.preset === 'custom' ? (
            <>
              <TextInput
                type="date"
                label={t('reports.from')}
                value={period.from}
                min="2000-01-01"
                onChange={(event) => {
                  const from = event.currentTarget.value;
                  if (isDay(from) && from < period.to) go({ from });
                }}
                w={170}
              />
              <TextInput
                type="date"
                label={t('reports.to')}
                value={period.to}
                onChange={(event) => {
                  const to = event.currentTarget.value;
                  if (isDay(to) && to > period.from) go({ to });
                }}
                w={170}
              />
            </>
          ) : (
            <TextInput
              type="date"
              label={t('reports.date')}
              value={search.date ?? today}
              min="2000-01-01"
              max="2100-12-31"
              onChange={(event) => {
                const date = event.currentTarget.value;
                if (isDay(date)) go({ date });
              }}
              w={170}
            />
          )}
          <Group gap={4}>
            <Button
              variant="default"
              disabled={!canGo(-1)}
              onClick={() => go({ ...shiftPeriod(period, -1) })}
              aria-label={t('reports.previous')}
            >
              ←
            </Button>
            <Button
              variant="default"
              disabled={!canGo(1)}
              onClick={() => go({ ...shiftPeriod(period, 1) })}
              aria-label={t('reports.next')}
            >
              →
            </Button>
          </Group>
          {!scopeDimension && (
            <NativeSelect
              label={t('reports.dimension')}
              data={[
                { value: '', label: t('reports.dimensions.none') },
                ...REPORT_DIMENSIONS.map((value) => ({ value, label: t(`reports.dimensions.${value}`) })),
              ]}
              value={dimension ?? ''}
              onChange={(event) => {
                const value = event.currentTarget.value;
                go({ dimension: value === '' ? undefined : (value as ReportDimension) });
              }}
              w={190}
            />
          )}
        </Group>
        <Group gap="xs" mt="sm">
          <Text size="sm" fw={500}>
            {t('reports.downloads')}
          </Text>
          <Anchor size="sm" href={kpiExportUrl(seriesQuery, 'csv')}>
            {t('reports.download', { what: periodHeader, format: 'CSV' })}
          </Anchor>
          <Anchor size="sm" href={kpiExportUrl(seriesQuery, 'xlsx')}>
            {t('reports.download', { what: periodHeader, format: 'XLSX' })}
          </Anchor>
          {byDimensionQuery && (
            <>
              <Anchor size="sm" href={kpiExportUrl(byDimensionQuery, 'csv')}>
                {t('reports.download', { what: t(`reports.dimensions.${byDimensionQuery.dimension}`), format: 'CSV' })}
              </Anchor>
              <Anchor size="sm" href={kpiExportUrl(byDimensionQuery, 'xlsx')}>
                {t('reports.download', {
                  what: t(`reports.dimensions.${byDimensionQuery.dimension}`),
                  format: 'XLSX',
                })}
              </Anchor>
            </>
          )}
        </Group>
      </Paper>

      {current.isError ? (
        <QueryError error={current.error} />
      ) : !overall ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <FiguresSection overall={overall} earlier={earlier} />
      )}

      {series.isError ? (
        <QueryError error={series.error} />
      ) : (
        <SeriesCharts rows={rows} granularity={granularity} fileStem={fileStem} />
      )}

      {dimension ? (
        byDimension.isError ? (
          <QueryError error={byDimension.error} />
        ) : (
          <DimensionChart
            rows={byDimension.data?.rows}
            dimension={dimension}
            categories={categories.data}
            services={services.data}
            fileStem={fileStem}
          />
        )
      ) : scopeDimension ? null : (
        <Text size="sm" c="dark.6" className="reports-no-print">
          {t('reports.pickDimension')}
        </Text>
      )}
      {dimension === 'area' && (
        <Text size="sm" c="dark.6" data-testid="reports-area-hint">
          {t('productivity.areaHint')}
        </Text>
      )}

      <ProductivitySection from={period.from} to={period.to} fileStem={fileStem} />

      <StepTimesSection from={period.from} to={period.to} fileStem={fileStem} />

      <Paper
        component="section"
        aria-labelledby="reports-recurring-title"
        withBorder
        p="md"
        radius="md"
        className="reports-section"
      >
        <Group justify="space-between" align="flex-end" mb="xs">
          <div>
            <Title order={2} size="h4" id="reports-recurring-title">
              {t('reports.recurring.title')}
            </Title>
            <Text size="sm" c="dark.5">
              {t('reports.recurring.help')}
            </Text>
          </div>
          <NativeSelect
            className="reports-no-print"
            label={t('reports.recurring.by')}
            data={RECURRENCE_KEYS.map((value) => ({ value, label: t(`reports.recurring.keys.${value}`) }))}
            value={by}
            onChange={(event) => go({ by: event.currentTarget.value as RecurrenceKey })}
            w={190}
          />
        </Group>
        {recurring.isError ? (
          <QueryError error={recurring.error} />
        ) : !recurring.data ? (
          <Loader aria-label={t('common.loading')} />
        ) : recurring.data.items.length === 0 ? (
          <Text size="sm">{t('reports.recurring.none')}</Text>
        ) : (
          <div className="reports-table-scroll">
            <Table fz="sm" withTableBorder verticalSpacing={6} className="reports-recurring">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">#</Table.Th>
                  <Table.Th scope="col">{t(`reports.recurring.keys.${by}`)}</Table.Th>
                  <Table.Th scope="col">{t('reports.recurring.incidents')}</Table.Th>
                  <Table.Th scope="col">{t('reports.recurring.first')}</Table.Th>
                  <Table.Th scope="col">{t('reports.recurring.last')}</Table.Th>
                  <Table.Th scope="col">{t('reports.recurring.tickets')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {recurring.data.items.map((item) => (
                  <Table.Tr key={item.key}>
                    <Table.Td>{item.rank}</Table.Td>
                    <Table.Th scope="row" fw={500}>
                      {by === 'category' ? categoryLabel(item.key) : item.key}
                      {toConsole && by !== 'requester' && (
                        <AnchorLink
                          to="/consola"
                          search={{
                            view: 'all',
                            ...(by === 'category' ? { category: item.key } : { jurisdiction: item.key }),
                            from: period.from,
                            to: lastDay,
                          }}
                          size="xs"
                          display="block"
                          className="reports-no-print"
                        >
                          {t('reports.recurring.inConsole')}
                        </AnchorLink>
                      )}
                    </Table.Th>
                    <Table.Td>{count(item.incidents)}</Table.Td>
                    <Table.Td>{formatDateTime(item.firstAt, language)}</Table.Td>
                    <Table.Td>{formatDateTime(item.lastAt, language)}</Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        {item.latestNumbers.map((number) => (
                          <AnchorLink key={number} to="/tickets/$number" params={{ number }} size="sm">
                            {number}
                          </AnchorLink>
                        ))}
                      </Group>
                      {toConsole && item.latestNumbers.length > 0 && (
                        <AnchorLink
                          to="/problemas"
                          search={{
                            crear: true,
                            tickets: item.latestNumbers.join(' '),
                            titulo: t('problems.recurringTitle', {
                              key: by === 'category' ? categoryLabel(item.key) : item.key,
                            }).slice(0, 200),
                          }}
                          size="xs"
                          display="block"
                          className="reports-no-print"
                          aria-label={t('problems.fromRecurringLabel', {
                            key: by === 'category' ? categoryLabel(item.key) : item.key,
                          })}
                        >
                          {t('problems.fromRecurring')}
                        </AnchorLink>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Paper>

      {showsProblems && <ProblemsSection from={period.from} to={period.to} />}
      <Text size="xs" c="dark.5">
        {t('reports.footnote')}
      </Text>
    </Stack>
  );
}

/** Every indicator of the period as a number, beside the same figure of the period before (memoised, as the charts). */
const FiguresSection = memo(function FiguresSection({
  overall,
  earlier,
}: {
  overall: KpiRow;
  earlier: KpiRow | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const units = {
    day: t('reports.units.day'),
    hour: t('reports.units.hour'),
    minute: t('reports.units.minute'),
  };
  const deltaUnits = { points: t('reports.units.points'), minutes: t('reports.units.minutes') };
  const format = (value: number | null, kind: Kind): string => {
    if (value === null) return '—';
    if (kind === 'share') return formatShare(value, language);
    if (kind === 'minutes') return `${formatDecimal(value, language)} ${t('reports.units.minutes')}`;
    return formatCount(value, language);
  };
  const minutesHint = (value: number | null) => (value === null || value < 60 ? null : formatMinutes(value, units));
  const of = (part: number, whole: number) =>
    t('reports.of', { part: formatCount(part, language), whole: formatCount(whole, language) });

  const figures: Array<{ group: string; items: Figure[] }> = [
    {
      group: t('reports.groups.volume'),
      items: [
        { key: 'opened', label: t('reports.figures.opened'), kind: 'count', value: (r) => r.opened },
        { key: 'closed', label: t('reports.figures.closed'), kind: 'count', value: (r) => r.closed },
        { key: 'openAtEnd', label: t('reports.figures.openAtEnd'), kind: 'count', value: (r) => r.openAtEnd },
        { key: 'overdue', label: t('reports.figures.overdue'), kind: 'count', value: (r) => r.overdue },
        { key: 'callsHandled', label: t('reports.figures.callsHandled'), kind: 'count', value: (r) => r.callsHandled },
      ],
    },
    {
      group: t('reports.groups.times'),
      items: (['firstResponse', 'resolution'] as const).flatMap((timing) =>
        (['business', 'calendar'] as const).flatMap((basis) =>
          (['average', 'p50', 'p90'] as const).map((stat): Figure => ({
            key: `${timing}.${basis}.${stat}`,
            label: t(`reports.figures.${timing}.${basis}.${stat}`),
            kind: 'minutes',
            value: (r) => r[timing][basis][stat],
            ...(stat === 'average' ? { detail: (r) => t('reports.measured', { count: r[timing].count }) } : {}),
          })),
        ),
      ),
    },
    {
      group: t('reports.groups.sla'),
      items: (['response', 'resolution'] as const).map((target): Figure => ({
        key: `sla.${target}`,
        label: t(`reports.figures.sla.${target}`),
        kind: 'share',
        value: (r) => r.sla[target].compliance,
        detail: (r) => of(r.sla[target].met, r.sla[target].measured),
      })),
    },
    {
      group: t('reports.groups.firstLevel'),
      items: [
        {
          key: 'incidentsClosedAtL1Share',
          label: t('reports.figures.incidentsClosedAtL1Share'),
          kind: 'share',
          value: (r) => r.incidentsClosedAtL1Share,
          detail: (r) => of(r.incidentsClosedAtL1, r.incidentsClosed),
        },
        {
          key: 'queriesAnsweredAtL1Share',
          label: t('reports.figures.queriesAnsweredAtL1Share'),
          kind: 'share',
          value: (r) => r.queriesAnsweredAtL1Share,
          detail: (r) => of(r.queriesAnsweredAtL1, r.queriesClosed),
        },
      ],
    },
    {
      group: t('reports.groups.satisfaction'),
      items: [
        {
          key: 'satisfaction.answered',
          label: t('reports.figures.answered'),
          kind: 'count',
          value: (r) => r.satisfaction.answered,
        },
        ...(['satisfecho', 'regular', 'insatisfecho'] as const).map((level): Figure => ({
          key: `satisfaction.${level}Share`,
          label: t(`reports.figures.${level}Share`),
          kind: 'share',
          value: (r) => r.satisfaction[`${level}Share`],
          detail: (r) => of(r.satisfaction[level], r.satisfaction.answered),
        })),
        {
          key: 'satisfaction.responseRate',
          label: t('reports.figures.responseRate'),
          kind: 'share',
          value: (r) => r.satisfaction.responseRate,
        },
      ],
    },
  ];

  return (
    <section aria-labelledby="reports-figures-title" className="reports-section">
      <Title order={2} size="h3" id="reports-figures-title" mb="xs">
        {t('reports.figuresTitle')}
      </Title>
      <Stack gap="md">
        {figures.map((group) => (
          <div key={group.group}>
            <Title order={3} size="h5" mb={6}>
              {group.group}
            </Title>
            <SimpleGrid component="dl" cols={{ base: 2, md: 3, lg: 5 }} spacing="xs" m={0}>
              {group.items.map((figure) => {
                const value = figure.value(overall);
                const old = earlier ? figure.value(earlier) : null;
                const trend = trendOf(value, old);
                const hint = figure.kind === 'minutes' ? minutesHint(value) : null;
                return (
                  <Paper
                    withBorder
                    p="xs"
                    radius="sm"
                    key={figure.key}
                    className="reports-figure"
                    data-figure={figure.key}
                  >
                    <Text component="dt" size="sm" c="dark.6">
                      {figure.label}
                    </Text>
                    <Text component="dd" m={0}>
                      <Text span fz={22} fw={700} className="reports-figure-value">
                        {format(value, figure.kind)}
                      </Text>
                      {hint && (
                        <Text span size="xs" c="dark.5" ml={6}>
                          ({hint})
                        </Text>
                      )}
                      {figure.detail && (
                        <Text size="xs" c="dark.5">
                          {figure.detail(overall)}
                        </Text>
                      )}
                      <Text size="xs" c="dark.6" className="reports-trend" data-direction={trend.direction}>
                        {trend.direction === 'up' || trend.direction === 'down' ? (
                          <span aria-hidden="true">{TREND_ARROW[trend.direction]} </span>
                        ) : null}
                        {trend.direction === 'unknown'
                          ? t('reports.trendUnknown', { previous: format(old, figure.kind) })
                          : t('reports.trend', {
                              delta: formatDelta(trend.delta, figure.kind, language, deltaUnits),
                              previous: format(old, figure.kind),
                            })}
                      </Text>
                    </Text>
                  </Paper>
                );
              })}
            </SimpleGrid>
          </div>
        ))}
      </Stack>
    </section>
  );
});

/**
 * The four charts over time. Memoised, as the other charts: the page renders again as each of its reads
 * answers, and drawing a chart again for figures it already shows took most of the page's time.
 */
const SeriesCharts = memo(function SeriesCharts({
  rows,
  granularity,
  fileStem,
}: {
  rows: readonly KpiRow[];
  granularity: 'day' | 'week' | 'month';
  fileStem: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const label = (row: KpiRow) => periodLabel(row.period, granularity);
  const periodHeader = t(`reports.granularity.${granularity}`);
  const count = (value: number) => formatCount(value, language);
  const share = (value: number | null) => formatShare(value, language);
  const minutes = (value: number | null) => (value === null ? '—' : formatDecimal(value, language));
  const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <ChartCard
        id="chart-volume"
        title={t('reports.charts.volume')}
        rows={rows}
        rowLabel={{ label: periodHeader, value: label }}
        columns={columns<KpiRow>([
          ['opened', t('reports.figures.opened'), (r) => count(r.opened)],
          ['closed', t('reports.figures.closed'), (r) => count(r.closed)],
          ['openAtEnd', t('reports.figures.openAtEnd'), (r) => count(r.openAtEnd)],
        ])}
        fileName={`${fileStem}-${t('reports.files.volume')}`}
      >
        <LineChart
          h={CHART_HEIGHT}
          data={rows.map((r) => ({ period: label(r), opened: r.opened, closed: r.closed, openAtEnd: r.openAtEnd }))}
          dataKey="period"
          withLegend
          accessibilityLayer={false}
          curveType="linear"
          series={[
            { name: 'opened', label: t('reports.figures.opened'), color: 'cau.7' },
            { name: 'closed', label: t('reports.figures.closed'), color: 'teal.8' },
            { name: 'openAtEnd', label: t('reports.figures.openAtEnd'), color: 'orange.8' },
          ]}
        />
      </ChartCard>

      <ChartCard
        id="chart-times"
        title={t('reports.charts.times')}
        description={t('reports.charts.timesHelp')}
        rows={rows}
        rowLabel={{ label: periodHeader, value: label }}
        columns={columns<KpiRow>([
          ['fr50', t('reports.series.firstResponseP50'), (r) => minutes(r.firstResponse.business.p50)],
          ['fr90', t('reports.series.firstResponseP90'), (r) => minutes(r.firstResponse.business.p90)],
          ['rs50', t('reports.series.resolutionP50'), (r) => minutes(r.resolution.business.p50)],
          ['rs90', t('reports.series.resolutionP90'), (r) => minutes(r.resolution.business.p90)],
        ])}
        fileName={`${fileStem}-${t('reports.files.times')}`}
      >
        <LineChart
          h={CHART_HEIGHT}
          data={rows.map((r) => ({
            period: label(r),
            fr50: r.firstResponse.business.p50,
            fr90: r.firstResponse.business.p90,
            rs50: r.resolution.business.p50,
            rs90: r.resolution.business.p90,
          }))}
          dataKey="period"
          withLegend
          accessibilityLayer={false}
          connectNulls={false}
          valueFormatter={(value) => formatDecimal(value, language)}
          series={[
            { name: 'fr50', label: t('reports.series.firstResponseP50'), color: 'cau.7' },
            { name: 'fr90', label: t('reports.series.firstResponseP90'), color: 'cau.4' },
            { name: 'rs50', label: t('reports.series.resolutionP50'), color: 'grape.8' },
            { name: 'rs90', label: t('reports.series.resolutionP90'), color: 'grape.4' },
          ]}
        />
      </ChartCard>

      <ChartCard
        id="chart-sla"
        title={t('reports.charts.sla')}
        rows={rows}
        rowLabel={{ label: periodHeader, value: label }}
        columns={columns<KpiRow>([
          ['response', t('reports.figures.sla.response'), (r) => share(r.sla.response.compliance)],
          ['resolution', t('reports.figures.sla.resolution'), (r) => share(r.sla.resolution.compliance)],
          ['incidents', t('reports.figures.incidentsClosedAtL1Share'), (r) => share(r.incidentsClosedAtL1Share)],
          ['queries', t('reports.figures.queriesAnsweredAtL1Share'), (r) => share(r.queriesAnsweredAtL1Share)],
        ])}
        fileName={`${fileStem}-${t('reports.files.sla')}`}
      >
        <LineChart
          h={CHART_HEIGHT}
          data={rows.map((r) => ({
            period: label(r),
            response: percent(r.sla.response.compliance),
            resolution: percent(r.sla.resolution.compliance),
            incidents: percent(r.incidentsClosedAtL1Share),
            queries: percent(r.queriesAnsweredAtL1Share),
          }))}
          dataKey="period"
          withLegend
          accessibilityLayer={false}
          connectNulls={false}
          unit="%"
          yAxisProps={{ domain: [0, 100] }}
          series={[
            { name: 'response', label: t('reports.figures.sla.response'), color: 'cau.7' },
            { name: 'resolution', label: t('reports.figures.sla.resolution'), color: 'teal.8' },
            { name: 'incidents', label: t('reports.figures.incidentsClosedAtL1Share'), color: 'orange.8' },
            { name: 'queries', label: t('reports.figures.queriesAnsweredAtL1Share'), color: 'grape.8' },
          ]}
        />
      </ChartCard>

      <ChartCard
        id="chart-satisfaction"
        title={t('reports.charts.satisfaction')}
        rows={rows}
        rowLabel={{ label: periodHeader, value: label }}
        columns={columns<KpiRow>([
          ['satisfecho', t('reports.levels.satisfecho'), (r) => count(r.satisfaction.satisfecho)],
          ['regular', t('reports.levels.regular'), (r) => count(r.satisfaction.regular)],
          ['insatisfecho', t('reports.levels.insatisfecho'), (r) => count(r.satisfaction.insatisfecho)],
          ['rate', t('reports.figures.responseRate'), (r) => share(r.satisfaction.responseRate)],
        ])}
        fileName={`${fileStem}-${t('reports.files.satisfaction')}`}
      >
        <BarChart
          h={CHART_HEIGHT}
          type="stacked"
          data={rows.map((r) => ({
            period: label(r),
            satisfecho: r.satisfaction.satisfecho,
            regular: r.satisfaction.regular,
            insatisfecho: r.satisfaction.insatisfecho,
          }))}
          dataKey="period"
          withLegend
          accessibilityLayer={false}
          series={[
            { name: 'satisfecho', label: t('reports.levels.satisfecho'), color: 'teal.8' },
            { name: 'regular', label: t('reports.levels.regular'), color: 'yellow.6' },
            { name: 'insatisfecho', label: t('reports.levels.insatisfecho'), color: 'red.8' },
          ]}
        />
      </ChartCard>
    </SimpleGrid>
  );
});

/** The breakdown by a dimension (the whole period, one bar group per value). */
const DimensionChart = memo(function DimensionChart({
  rows = [],
  dimension,
  categories,
  services,
  fileStem,
}: {
  rows: readonly KpiRow[] | undefined;
  dimension: ReportDimension;
  categories: readonly Category[] | undefined;
  services: readonly Category[] | undefined;
  fileStem: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const count = (value: number) => formatCount(value, language);
  const share = (value: number | null) => formatShare(value, language);
  const minutes = (value: number | null) => (value === null ? '—' : formatDecimal(value, language));
  const dimensionLabel = (value: string | null): string => {
    if (value === null) return t('reports.noValue');
    switch (dimension) {
      case 'channel':
        return t(`deskRegistration.channels.${value}`, { defaultValue: value });
      case 'priority':
        return t(`priority.${value}`, { defaultValue: value });
      case 'category':
        return categoryLabelOf(categories, value, language);
      case 'service':
        return categoryLabelOf(services, value, language);
      case 'type':
        return t(`types.${value}`, { defaultValue: value });
      default:
        return value;
    }
  };
  return (
    <ChartCard
      id="chart-dimension"
      title={t('reports.charts.byDimension', { dimension: t(`reports.dimensions.${dimension}`) })}
      rows={rows}
      rowLabel={{ label: t(`reports.dimensions.${dimension}`), value: (r) => dimensionLabel(r.dimensionValue) }}
      columns={columns<KpiRow>([
        ['opened', t('reports.figures.opened'), (r) => count(r.opened)],
        ['closed', t('reports.figures.closed'), (r) => count(r.closed)],
        ['openAtEnd', t('reports.figures.openAtEnd'), (r) => count(r.openAtEnd)],
        ['overdue', t('reports.figures.overdue'), (r) => count(r.overdue)],
        ['fr', t('reports.columns.firstResponse'), (r) => minutes(r.firstResponse.business.average)],
        ['rs', t('reports.columns.resolution'), (r) => minutes(r.resolution.business.average)],
        ['slaResponse', t('reports.figures.sla.response'), (r) => share(r.sla.response.compliance)],
        ['slaResolution', t('reports.figures.sla.resolution'), (r) => share(r.sla.resolution.compliance)],
        ['l1', t('reports.figures.incidentsClosedAtL1Share'), (r) => share(r.incidentsClosedAtL1Share)],
        ['satisfied', t('reports.figures.satisfechoShare'), (r) => share(r.satisfaction.satisfechoShare)],
      ])}
      fileName={`${fileStem}-${dimension}`}
    >
      <BarChart
        h={Math.max(CHART_HEIGHT, rows.length * 36 + 60)}
        orientation="vertical"
        data={rows.map((r) => ({
          value: dimensionLabel(r.dimensionValue),
          opened: r.opened,
          closed: r.closed,
          openAtEnd: r.openAtEnd,
        }))}
        dataKey="value"
        withLegend
        accessibilityLayer={false}
        yAxisProps={{ width: 120 }}
        series={[
          { name: 'opened', label: t('reports.figures.opened'), color: 'cau.7' },
          { name: 'closed', label: t('reports.figures.closed'), color: 'teal.8' },
          { name: 'openAtEnd', label: t('reports.figures.openAtEnd'), color: 'orange.8' },
        ]}
      />
    </ChartCard>
  );
});

/** A catalogue entry's label (a category or a service); its code when the catalogue does not list it. */
function categoryLabelOf(categories: readonly Category[] | undefined, code: string, language: string): string {
  const entry = categories?.find((category) => category.code === code);
  if (!entry) return code;
  return language === 'en' ? entry.label.en : entry.label.es;
}

const TREND_ARROW = { up: '▲', down: '▼' } as const;

function columns<Row>(list: Array<[string, string, (row: Row) => string]>): ChartColumn<Row>[] {
  return list.map(([key, label, value]) => ({ key, label, value }));
}
