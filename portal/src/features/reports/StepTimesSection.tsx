import { BarChart } from '@mantine/charts';
import { Badge, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../app/ErrorPages';
import { AnchorLink } from '../../components/links';
import { useSession } from '../auth/session';
import { ChartCard } from './ChartCard';
import { formatCount, formatDecimal } from './report-format';
import { stepTimesQuery, type StepTimeRow } from './step-times-api';

/**
 * Times per step of the field procedure (issue 15; docs/indicators.md "Times per step"): each step's median
 * against its target as a chart, and a table with the count, median, p90, how many went over and the
 * slowest tickets, which open in the workspace. Memoised like the productivity section.
 */
export const StepTimesSection = memo(function StepTimesSection({
  from,
  to,
  fileStem,
}: {
  from: string;
  to: string;
  fileStem: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const account = useSession();
  const report = useQuery(stepTimesQuery({ from, to }));
  const minutes = (value: number | null) => (value === null ? '—' : formatDecimal(value, language));
  const stepLabel = (row: Pick<StepTimeRow, 'step'>) => t(`stepTimes.steps.${row.step}`);
  const measured = (report.data?.steps ?? []).filter((row) => row.measured);

  return (
    <Paper
      component="section"
      aria-labelledby="reports-step-times-title"
      withBorder
      p="md"
      radius="md"
      className="reports-section"
      data-testid="reports-step-times"
    >
      <Group justify="space-between" align="flex-end" mb="xs">
        <div>
          <Title order={2} size="h4" id="reports-step-times-title">
            {t('stepTimes.title')}
          </Title>
          <Text size="sm" c="dark.5">
            {t('stepTimes.help')}
          </Text>
        </div>
        {account?.role === 'admin' && (
          <AnchorLink to="/admin/metas-por-actividad" size="sm" className="reports-no-print">
            {t('stepTimes.editTargets')}
          </AnchorLink>
        )}
      </Group>
      {report.isError ? (
        <QueryError error={report.error} />
      ) : !report.data ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <Stack gap="md">
          <ChartCard
            id="chart-step-times"
            title={t('stepTimes.chartTitle')}
            rows={measured}
            rowLabel={{ label: t('stepTimes.columns.step'), value: stepLabel }}
            columns={[
              { key: 'median', label: t('stepTimes.columns.median'), value: (r) => minutes(r.medianMinutes) },
              { key: 'target', label: t('stepTimes.columns.target'), value: (r) => minutes(r.targetMinutes) },
            ]}
            fileName={`${fileStem}-${t('stepTimes.chartFile')}`}
          >
            <BarChart
              h={measured.length * 48 + 80}
              orientation="vertical"
              data={measured.map((r) => ({ step: r.step, median: r.medianMinutes ?? 0, target: r.targetMinutes ?? 0 }))}
              dataKey="step"
              withLegend
              accessibilityLayer={false}
              yAxisProps={{ width: 48 }}
              series={[
                { name: 'median', label: t('stepTimes.median'), color: 'cau.7' },
                { name: 'target', label: t('stepTimes.target'), color: 'gray.5' },
              ]}
            />
          </ChartCard>
          <div className="reports-table-scroll" role="region" aria-label={t('stepTimes.tableLabel')} tabIndex={0}>
            <Table fz="sm" withTableBorder striped miw={760} data-testid="step-times-table">
              <Table.Caption>{t('stepTimes.tableLabel')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('stepTimes.columns.step')}</Table.Th>
                  <Table.Th scope="col">{t('stepTimes.columns.target')}</Table.Th>
                  <Table.Th scope="col">{t('stepTimes.columns.count')}</Table.Th>
                  <Table.Th scope="col">{t('stepTimes.columns.median')}</Table.Th>
                  <Table.Th scope="col">{t('stepTimes.columns.p90')}</Table.Th>
                  <Table.Th scope="col">{t('stepTimes.columns.over')}</Table.Th>
                  <Table.Th scope="col">{t('stepTimes.columns.worst')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.data.steps.map((row) => (
                  <Table.Tr key={row.step} data-step={row.step}>
                    <Table.Th scope="row" fw={500}>
                      {stepLabel(row)}
                    </Table.Th>
                    <Table.Td>
                      {row.targetMinutes === null ? t('stepTimes.noTarget') : minutes(row.targetMinutes)}
                    </Table.Td>
                    {row.measured ? (
                      <>
                        <Table.Td>{formatCount(row.count, language)}</Table.Td>
                        <Table.Td>{minutes(row.medianMinutes)}</Table.Td>
                        <Table.Td>{minutes(row.p90Minutes)}</Table.Td>
                        <Table.Td>
                          {row.overTarget === null ? (
                            '—'
                          ) : row.overTarget > 0 ? (
                            <Badge color="red.9" variant="filled">
                              {formatCount(row.overTarget, language)}
                            </Badge>
                          ) : (
                            formatCount(row.overTarget, language)
                          )}
                        </Table.Td>
                        <Table.Td>
                          {row.worst.length === 0 ? (
                            row.count === 0 ? (
                              <Text size="sm" c="dark.5">
                                {t('stepTimes.nothing')}
                              </Text>
                            ) : null
                          ) : (
                            <Group gap={8}>
                              {row.worst.map((w) => (
                                <AnchorLink
                                  key={w.number}
                                  to="/tickets/$number"
                                  params={{ number: w.number }}
                                  size="sm"
                                  aria-label={t('stepTimes.worstLabel', {
                                    number: w.number,
                                    minutes: minutes(w.minutes),
                                  })}
                                >
                                  {w.number} ({minutes(w.minutes)})
                                </AnchorLink>
                              ))}
                            </Group>
                          )}
                        </Table.Td>
                      </>
                    ) : (
                      <Table.Td colSpan={5}>
                        <Text size="sm" c="dark.5">
                          {t('stepTimes.notMeasured')}
                        </Text>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </Stack>
      )}
    </Paper>
  );
});
