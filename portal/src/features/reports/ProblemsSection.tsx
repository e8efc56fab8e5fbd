import { Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../app/ErrorPages';
import { AnchorLink } from '../../components/links';
import { formatCount } from './report-format';
import { problemsReportQuery } from './reports-api';

/**
 * The open problem records (docs/domain.md § Post-assistance evaluation; docs/indicators.md "Open problems") with their incidents: linked,
 * still open and registered in the period; each problem opens its page. Staff only (a referente never
 * sees problems), so the dashboard leaves it out for them.
 */
export const ProblemsSection = memo(function ProblemsSection({ from, to }: { from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const report = useQuery(problemsReportQuery({ from, to }));
  const count = (value: number) => formatCount(value, language);

  return (
    <Paper
      component="section"
      aria-labelledby="reports-problems-title"
      withBorder
      p="md"
      radius="md"
      className="reports-section"
      data-testid="reports-problems"
    >
      <Title order={2} size="h4" id="reports-problems-title">
        {t('reports.problems.title')}
      </Title>
      <Text size="sm" c="dark.5" mb="xs">
        {t('reports.problems.help')}
      </Text>
      {report.isError ? (
        <QueryError error={report.error} />
      ) : !report.data ? (
        <Loader aria-label={t('common.loading')} />
      ) : report.data.problems.length === 0 ? (
        <Text size="sm">{t('reports.problems.none')}</Text>
      ) : (
        <>
          <Text size="sm" fw={600} mb="xs" data-testid="reports-problems-open">
            {t('reports.problems.openCount', { count: report.data.openCount })}
          </Text>
          <div className="reports-table-scroll" role="region" aria-label={t('reports.problems.title')} tabIndex={0}>
            <Table fz="sm" withTableBorder verticalSpacing={6} miw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('problems.columns.title')}</Table.Th>
                  <Table.Th scope="col">{t('problems.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('problems.columns.area')}</Table.Th>
                  <Table.Th scope="col">{t('reports.problems.incidents')}</Table.Th>
                  <Table.Th scope="col">{t('reports.problems.openIncidents')}</Table.Th>
                  <Table.Th scope="col">{t('reports.problems.inPeriod')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.data.problems.map((problem) => (
                  <Table.Tr key={problem.id}>
                    <Table.Th scope="row" fw={500}>
                      <AnchorLink to="/problemas/$problemId" params={{ problemId: problem.id }} size="sm">
                        {t('problems.number', { number: problem.number })}
                      </AnchorLink>{' '}
                      {problem.title}
                    </Table.Th>
                    <Table.Td>{t(`problems.statuses.${problem.status}`)}</Table.Td>
                    <Table.Td>{problem.area}</Table.Td>
                    <Table.Td>{count(problem.incidents)}</Table.Td>
                    <Table.Td>{count(problem.openIncidents)}</Table.Td>
                    <Table.Td>{count(problem.incidentsInPeriod)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </>
      )}
    </Paper>
  );
});
