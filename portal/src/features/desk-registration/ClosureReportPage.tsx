import { Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryLabel as labelOfCategory } from '../admin-catalogues/category-options';
import { ApiError } from '../../api/client';
import { QueryError } from '../../app/ErrorPages';
import { formatDateTime } from '../../app/format';
import { AnchorLink } from '../../components/links';
import { kbArticleQuery } from '../knowledge/knowledge-api';
import { ticketQuery } from '../tickets/tickets-api';
import { articleIdOf, formatMinutes, isKnownAction, stepDetail } from './closure-report';
import { categoriesQuery, closureReportQuery } from './desk-api';
import './closure-report.css';

const route = getRouteApi('/signed-in/tickets/$number/informe');

/** One row of a definition list that prints as two columns. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="closure-report-fact">
      <Text component="dt" size="sm" c="dark.5">
        {label}
      </Text>
      <Text component="dd" size="sm" fw={500} m={0}>
        {children}
      </Text>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="closure-report-section">
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </section>
  );
}

/** The article the solution cites, by title when this person may read it. */
function ArticleReference({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const id = articleIdOf(reference);
  const article = useQuery({ ...kbArticleQuery(id ?? ''), enabled: id !== null });
  if (id && article.data) {
    return (
      <AnchorLink to="/kb/$articleId" params={{ articleId: id }}>
        {article.data.title}
      </AnchorLink>
    );
  }
  return <>{id ? t('deskRegistration.report.articleUnavailable') : reference}</>;
}

/**
 * The closure report (docs/domain.md § Closure report) as a page to read and to print: what happened, how it was solved
 * and with what, how long it took and how long the requester was without service.
 */
export function ClosureReportPage() {
  const { t, i18n } = useTranslation();
  const { number } = route.useParams();
  const report = useQuery(closureReportQuery(number));
  // Who asked and what for: the report itself keeps only the handling.
  const ticket = useQuery({ ...ticketQuery(number), enabled: report.isSuccess });
  const categories = useQuery({ ...categoriesQuery, enabled: report.isSuccess });
  const language = i18n.language;
  const units = {
    day: t('deskRegistration.report.units.day'),
    hour: t('deskRegistration.report.units.hour'),
    minute: t('deskRegistration.report.units.minute'),
  };
  const duration = (minutes: number) => formatMinutes(minutes, units);

  const back = (
    <AnchorLink to="/tickets/$number" params={{ number }} size="sm" className="closure-report-no-print">
      ← {t('deskRegistration.report.back', { number })}
    </AnchorLink>
  );

  if (report.isPending) return <Loader aria-label={t('common.loading')} />;
  if (report.isError) {
    const notYet = report.error instanceof ApiError && report.error.status === 404;
    const refused = report.error instanceof ApiError && report.error.status === 403;
    return (
      <Stack maw={900} mx="auto">
        {refused ? (
          <AnchorLink to="/tickets" size="sm">
            ← {t('nav.backToTickets')}
          </AnchorLink>
        ) : (
          back
        )}
        <Title order={1}>{t('deskRegistration.report.title', { number })}</Title>
        <QueryError error={report.error} />
        {notYet && <Text>{t('deskRegistration.report.onlyClosed')}</Text>}
      </Stack>
    );
  }

  const data = report.data;
  const view = ticket.data;
  const by = (person: { name: string } | null) => person?.name ?? t('deskRegistration.report.system');
  const categoryLabel = (code: string) => labelOfCategory(categories.data, code, language);

  return (
    <Stack maw={960} mx="auto" gap="lg" className="closure-report">
      <Group justify="space-between" className="closure-report-no-print">
        {back}
        <Button onClick={() => window.print()}>{t('deskRegistration.report.print')}</Button>
      </Group>
      <header>
        <Text c="dark.5" fw={600}>
          {t('app.name')}
        </Text>
        <Title order={1}>{t('deskRegistration.report.title', { number: data.number })}</Title>
        <Text size="lg" fw={500} mt={4}>
          {data.title ?? view?.title ?? ''}
        </Text>
      </header>

      <Section id="report-facts" title={t('deskRegistration.report.facts')}>
        <dl className="closure-report-facts">
          {view && <Fact label={t('ticket.requester')}>{view.requester.name}</Fact>}
          <Fact label={t('ticket.jurisdiction')}>{data.jurisdiction ?? view?.jurisdiction ?? '—'}</Fact>
          {view && <Fact label={t('ticket.type')}>{t(`types.${view.type}`)}</Fact>}
          {view && <Fact label={t('ticket.category')}>{categoryLabel(view.category)}</Fact>}
          {view && <Fact label={t('deskRegistration.channel')}>{t(`deskRegistration.channels.${view.channel}`)}</Fact>}
          <Fact label={t('ticket.priority')}>
            {data.priority ? t(`priority.${data.priority}`, { defaultValue: data.priority }) : '—'}
          </Fact>
          <Fact label={t('ticket.registered')}>{formatDateTime(data.registeredAt, language)}</Fact>
          <Fact label={t('deskRegistration.report.resolvedAt')}>{formatDateTime(data.resolvedAt, language)}</Fact>
          <Fact label={t('deskRegistration.report.closedAt')}>
            {t('deskRegistration.report.closedBy', {
              at: formatDateTime(data.closedAt, language),
              name: data.closedBy.name,
            })}
          </Fact>
          <Fact label={t('deskRegistration.report.sla')}>
            {data.overdue ? (
              <Badge color="#b02a2a" variant="filled" radius="sm">
                {t('status.overdue')}
              </Badge>
            ) : (
              t('deskRegistration.report.onTime')
            )}
          </Fact>
        </dl>
      </Section>

      {view && (
        <Section id="report-problem" title={t('deskRegistration.report.problem')}>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{view.description}</Text>
        </Section>
      )}

      <Section id="report-solution" title={t('deskRegistration.report.solution')}>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{data.resolution.solution}</Text>
        <dl className="closure-report-facts">
          <Fact label={t('deskRegistration.report.elements')}>{data.resolution.elements ?? '—'}</Fact>
          <Fact label={t('deskRegistration.report.article')}>
            {data.resolution.articleRef ? <ArticleReference reference={data.resolution.articleRef} /> : '—'}
          </Fact>
          <Fact label={t('deskRegistration.report.solvedBy')}>
            {t('deskRegistration.report.byAt', {
              name: data.resolution.registeredBy.name,
              at: formatDateTime(data.resolution.registeredAt, language),
            })}
          </Fact>
        </dl>
      </Section>

      <Section id="report-times" title={t('deskRegistration.report.times')}>
        <dl className="closure-report-facts">
          <Fact label={t('deskRegistration.report.timeToSolution')}>
            {t('deskRegistration.report.businessAndCalendar', {
              business: duration(data.timeToSolution.businessMinutes),
              calendar: duration(data.timeToSolution.calendarMinutes),
            })}
          </Fact>
          <Fact label={t('deskRegistration.report.withoutService')}>
            {duration(data.timeWithoutService.minutes)}{' '}
            <Text span size="xs" c="dark.5">
              ({t(`deskRegistration.report.basis.${data.timeWithoutService.basis}`)})
            </Text>
          </Fact>
          <Fact label={t('deskRegistration.report.worked')}>{duration(data.workedMinutes)}</Fact>
        </dl>
      </Section>

      <Section id="report-history" title={t('deskRegistration.report.history')}>
        <Table verticalSpacing={6} fz="sm" withTableBorder className="closure-report-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('deskRegistration.report.when')}</Table.Th>
              <Table.Th scope="col">{t('deskRegistration.report.step')}</Table.Th>
              <Table.Th scope="col">{t('ticket.area')}</Table.Th>
              <Table.Th scope="col">{t('deskRegistration.report.who')}</Table.Th>
              <Table.Th scope="col">{t('deskRegistration.report.detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.history.map((step, index) => (
              <Table.Tr key={`${step.at}-${index}`}>
                <Table.Td data-label={t('deskRegistration.report.when')} className="closure-report-when">
                  {formatDateTime(step.at, language)}
                </Table.Td>
                <Table.Td data-label={t('deskRegistration.report.step')}>
                  {isKnownAction(step.action) ? t(`deskRegistration.report.actions.${step.action}`) : step.action}
                </Table.Td>
                <Table.Td data-label={t('ticket.area')}>{step.area ?? '—'}</Table.Td>
                <Table.Td data-label={t('deskRegistration.report.who')}>{by(step.by)}</Table.Td>
                <Table.Td data-label={t('deskRegistration.report.detail')} className="closure-report-detail">
                  {stepDetail(step, duration)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>

      <Text size="xs" c="dark.5">
        {t('deskRegistration.report.footer', { number: data.number, at: formatDateTime(data.closedAt, language) })}
      </Text>
    </Stack>
  );
}
