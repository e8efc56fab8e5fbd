import { Alert, Badge, Card, Grid, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import type { Schemas } from '../../api/client';
import { QueryError } from '../../app/ErrorPages';
import { formatDateTime } from '../../app/format';
import { RequesterFieldAttention } from '../field-service/RequesterFieldAttention';
import { AttachmentList } from './attachments/AttachmentList';
import { ReplyForm } from './ReplyForm';
import { SolutionActions } from './SolutionActions';
import { StatusBadges } from './ticket-status';
import { ticketQuery } from './tickets-api';
import { F01Link } from '../service-log/F01Link';

const route = getRouteApi('/signed-in/tickets/$number');

type TimelineEntry = Schemas['TicketTimelineEntryV1'];

/** The text a person wrote on this step (a comment, the solution), shown whole under its one-line summary. */
function fullText(entry: TimelineEntry): string | null {
  const { details } = entry;
  if (entry.type === 'ticket.commented' && typeof details.text === 'string') return details.text;
  if (entry.type === 'ticket.solution-proposed' && typeof details.solution === 'string') return details.solution;
  return null;
}

/** The latest proposed solution, while the ticket waits for the requester's verdict. */
function proposedSolution(timeline: TimelineEntry[]): string | null {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const entry = timeline[i]!;
    if (entry.type === 'ticket.solution-proposed') return fullText(entry);
  }
  return null;
}

type ServiceLevel = Schemas['TicketServiceLevelV1'];

/** When the ticket is due to be answered and solved, or when it was: what the requester may expect. */
function serviceLevelFacts(
  level: ServiceLevel | null,
  t: (key: string) => string,
  language: string,
): Array<[string, string]> {
  if (!level) return [];
  const facts: Array<[string, string]> = [];
  if (level.respondedAt) facts.push([t('ticket.respondedAt'), formatDateTime(level.respondedAt, language)]);
  else if (level.responseDueAt) facts.push([t('ticket.responseDue'), formatDateTime(level.responseDueAt, language)]);
  if (level.resolvedAt) facts.push([t('ticket.resolvedAt'), formatDateTime(level.resolvedAt, language)]);
  else if (level.resolutionDueAt)
    facts.push([t('ticket.resolutionDue'), formatDateTime(level.resolutionDueAt, language)]);
  return facts;
}

export function TicketPage() {
  const { t, i18n } = useTranslation();
  const { number } = route.useParams();
  const ticket = useQuery(ticketQuery(number));
  const language = i18n.language === 'en' ? 'en' : 'es';

  if (ticket.isPending) return <Loader aria-label={t('common.loading')} />;
  if (ticket.isError)
    return (
      <Stack maw={900} mx="auto">
        <Title order={1}>{t('ticket.title', { number })}</Title>
        <QueryError error={ticket.error} />
        <AnchorLink to="/tickets">{t('nav.backToTickets')}</AnchorLink>
      </Stack>
    );

  const view = ticket.data;
  const solution = view.status === 'resuelto' ? proposedSolution(view.timeline) : null;
  const facts: Array<[string, string]> = [
    [t('ticket.priority'), view.priority ? t(`priority.${view.priority}`) : t('ticket.pendingRouting')],
    [t('ticket.area'), view.area ?? '—'],
    [t('ticket.type'), t(`types.${view.type}`)],
    [t('ticket.category'), view.category],
    [t('ticket.requester'), view.requester.name],
    [t('ticket.jurisdiction'), view.jurisdiction],
    [t('ticket.registered'), formatDateTime(view.registeredAt, i18n.language)],
    ...serviceLevelFacts(view.serviceLevel, t, i18n.language),
    [t('ticket.updated'), formatDateTime(view.updatedAt, i18n.language)],
  ];

  return (
    <Stack maw={1100} mx="auto" gap="md">
      <AnchorLink to="/tickets" size="sm">
        ← {t('nav.backToTickets')}
      </AnchorLink>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text c="dark.5" fw={600}>
            {t('ticket.title', { number: view.number })}
          </Text>
          <Title order={1} size="h2">
            {view.title}
          </Title>
        </Stack>
        <Group gap="xs">
          <StatusBadges status={view.status} overdue={view.overdue} />
          <F01Link ticketNumber={view.number} />
          {view.waitingOnRequester && (
            <Badge color="#a13c0a" variant="filled" radius="sm">
              {t('ticket.waitingOnYou')}
            </Badge>
          )}
        </Group>
      </Group>

      <Grid gap="md" overflow="hidden">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {solution !== null && (
              <Card withBorder padding="md" bg="green.0" component="section" aria-labelledby="solution-title">
                <Title order={2} size="h4" id="solution-title">
                  {t('ticket.solutionTitle')}
                </Title>
                <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                  {solution}
                </Text>
                <SolutionActions number={view.number} />
              </Card>
            )}
            {view.status === 'cerrado' && (
              <Alert color="blue" title={t('ticket.closedTitle')}>
                <AnchorLink to="/tickets/$number/encuesta" params={{ number: view.number }}>
                  {t('ticket.answerSurvey')}
                </AnchorLink>
              </Alert>
            )}
            <Card withBorder padding="md" component="section" aria-labelledby="description-title">
              <Title order={2} size="h4" id="description-title">
                {t('ticket.description')}
              </Title>
              <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                {view.description}
              </Text>
            </Card>
            <AttachmentList number={view.number} links={view.attachments} />
            <RequesterFieldAttention number={view.number} />
            <Card withBorder padding="md" component="section" aria-labelledby="timeline-title">
              <Title order={2} size="h4" id="timeline-title" mb="sm">
                {t('ticket.timeline')}
              </Title>
              <Timeline active={view.timeline.length - 1} bulletSize={14} lineWidth={2}>
                {view.timeline.map((entry, index) => {
                  const text = fullText(entry);
                  return (
                    <Timeline.Item key={`${entry.at}-${index}`} title={entry.summary[language]}>
                      <Text size="xs" c="dark.4">
                        {formatDateTime(entry.at, i18n.language)}
                        {entry.by ? ` · ${entry.by.name}` : ''}
                      </Text>
                      {text !== null && entry.type === 'ticket.commented' && (
                        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                          {text}
                        </Text>
                      )}
                    </Timeline.Item>
                  );
                })}
              </Timeline>
            </Card>
            {view.status !== 'cerrado' && <ReplyForm number={view.number} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder padding="md" component="section" aria-labelledby="facts-title">
            <Title order={2} size="h4" id="facts-title" mb="xs">
              {t('ticket.facts')}
            </Title>
            <dl style={{ margin: 0 }}>
              {facts.map(([label, value]) => (
                <Group key={label} justify="space-between" gap="xs" py={4} wrap="nowrap" align="flex-start">
                  <Text component="dt" size="sm" c="dark.5">
                    {label}
                  </Text>
                  <Text component="dd" size="sm" fw={500} m={0} ta="right">
                    {value}
                  </Text>
                </Group>
              ))}
            </dl>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
