import { Anchor, Badge, Box, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { equipmentDescription, ticketEquipmentQuery } from '../field-service/field-service-api';
import { useTypeLabel } from '../inventory/labels';
import { StatusBadges } from '../tickets/ticket-status';
import { slaClock, type SlaClock } from './sla-clock';
import { catalogueOptionsQuery, categoriesQuery, servicesQuery, type TicketDetail } from './workspace-api';
import { useDurationWords } from './use-duration-words';

// Dark enough for white text at badge size (WCAG AA 4.5:1), like the status colours.
const PRIORITY_COLORS = { ALTA: '#b02a2a', MEDIA: '#8a5a00', BAJA: '#2b6b57' } as const;
export const OVERDUE_TEXT = '#b02a2a';
const WAITING_COLOR = '#a13c0a';

/** The current time, moving once a minute: the clocks' "time left" stays true without reloading anything. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dark.5" fw={600} tt="uppercase" style={{ letterSpacing: 0.3 }}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} fw={500} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** One SLA target: when it is due and how long is left, in red once it is past. */
function Clock({ clock, paused }: { clock: SlaClock; paused: boolean }) {
  const { t, i18n } = useTranslation();
  const duration = useDurationWords();
  switch (clock.state) {
    case 'none':
      return <>{t('workspace.sla.none')}</>;
    case 'met':
      return (
        <>
          {t(clock.late ? 'workspace.sla.metLate' : 'workspace.sla.metOnTime', {
            at: formatDateTime(clock.at, i18n.language),
          })}
        </>
      );
    case 'running':
      return (
        <>
          {formatDateTime(clock.dueAt, i18n.language)}
          <Text span display="block" size="sm" fw={700}>
            {paused ? t('workspace.sla.paused') : t('workspace.sla.left', { time: duration(clock.minutesLeft) })}
          </Text>
        </>
      );
    case 'overdue':
      return (
        <Text span c={OVERDUE_TEXT} inherit>
          {formatDateTime(clock.dueAt, i18n.language)}
          <Text span display="block" size="sm" fw={700} c={OVERDUE_TEXT}>
            {t('workspace.sla.late', { time: duration(clock.minutesLate) })}
          </Text>
        </Text>
      );
  }
}

/** Everything about the ticket at a glance: what, who, where, how urgent, and how its SLA clocks stand. */
export function WorkspaceHeader({ ticket, areaName }: { ticket: TicketDetail; areaName: (code: string) => string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'es';
  const now = useMinuteClock();
  const options = useQuery(catalogueOptionsQuery);
  const categories = useQuery(categoriesQuery);
  const services = useQuery({ ...servicesQuery, enabled: ticket.service !== null });
  const level = ticket.serviceLevel;
  const channel = options.data?.channels.find((entry) => entry.code === ticket.channel)?.label[language];
  const category = categories.data?.find((entry) => entry.code === ticket.category)?.label[language];
  const service = services.data?.find((entry) => entry.code === ticket.service)?.label[language];
  const { requester, reportedBy } = ticket;
  const equipment = useQuery(ticketEquipmentQuery(ticket.number));
  const typeLabel = useTypeLabel();

  return (
    <Card withBorder padding="md" component="header" aria-labelledby="workspace-title">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 420px' }}>
          <Text c="dark.5" fw={600} size="sm">
            {t('ticket.title', { number: ticket.number })}
          </Text>
          <Title order={1} size="h2" id="workspace-title" style={{ overflowWrap: 'anywhere' }}>
            {ticket.title}
          </Title>
        </Stack>
        <Group gap={6}>
          <StatusBadges status={ticket.status} overdue={ticket.overdue} />
          {ticket.priority && (
            <Badge color={PRIORITY_COLORS[ticket.priority]} variant="filled" radius="sm">
              {t('workspace.priorityBadge', { priority: t(`priority.${ticket.priority}`) })}
            </Badge>
          )}
          {ticket.waitingOnRequester && (
            <Badge color={WAITING_COLOR} variant="filled" radius="sm">
              {t('workspace.waiting')}
            </Badge>
          )}
        </Group>
      </Group>
      <Box
        component="dl"
        mt="md"
        mb={0}
        style={{ display: 'grid', gap: '12px 16px', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))' }}
      >
        <Fact label={t('ticket.area')}>
          {ticket.area ? `${ticket.area} · ${areaName(ticket.area)}` : t('ticket.pendingRouting')}
        </Fact>
        <Fact label={t('workspace.assignee')}>{ticket.assignee?.name ?? t('workspace.unassigned')}</Fact>
        <Fact label={t('workspace.responseClock')}>
          <Clock
            clock={slaClock(level?.responseDueAt ?? null, level?.respondedAt ?? null, now)}
            paused={ticket.waitingOnRequester}
          />
        </Fact>
        <Fact label={t('workspace.resolutionClock')}>
          <Clock
            clock={slaClock(level?.resolutionDueAt ?? null, level?.resolvedAt ?? null, now)}
            paused={ticket.waitingOnRequester}
          />
        </Fact>
        <Fact label={t('ticket.requester')}>
          {requester.name}
          <Anchor href={`mailto:${requester.email}`} display="block" size="sm">
            {requester.email}
          </Anchor>
          {requester.phone && (
            <Anchor href={`tel:${requester.phone}`} display="block" size="sm">
              {requester.phone}
            </Anchor>
          )}
        </Fact>
        <Fact label={t('ticket.jurisdiction')}>
          {ticket.jurisdiction}
          {ticket.registeredBy.role === 'referente' && (
            <Text span display="block" size="xs" c="dark.5">
              {t('workspaceWiring.header.referente', { name: ticket.registeredBy.name })}
            </Text>
          )}
          {reportedBy && reportedBy.email !== requester.email && reportedBy.name !== ticket.registeredBy.name && (
            <Text span display="block" size="xs" c="dark.5">
              {t('workspace.reportedBy', { name: reportedBy.name })}
            </Text>
          )}
        </Fact>
        {equipment.data && equipment.data.length > 0 && (
          <Fact label={t('fieldService.equipment.header')}>
            {equipment.data.map(({ equipment: e }) => (
              <Text span display="block" key={e.id} inherit>
                {e.inventoryNumber}
                <Text span display="block" size="xs" c="dark.5">
                  {equipmentDescription(e, typeLabel)}
                </Text>
              </Text>
            ))}
          </Fact>
        )}
        <Fact label={t('ticket.type')}>{t(`types.${ticket.type}`)}</Fact>
        <Fact label={t('ticket.category')}>{category ?? ticket.category}</Fact>
        {ticket.service && <Fact label={t('ticket.service')}>{service ?? ticket.service}</Fact>}
        <Fact label={t('workspace.channel')}>{channel ?? ticket.channel}</Fact>
        <Fact label={t('workspace.impactUrgency')}>
          {t(`workspace.impact.${ticket.impact}`)} · {t(`workspace.urgency.${ticket.urgency}`)}
        </Fact>
        <Fact label={t('ticket.registered')}>
          {formatDateTime(ticket.registeredAt, i18n.language)}
          <Text span display="block" size="xs" c="dark.5">
            {t('workspace.by', { name: ticket.registeredBy.name })}
          </Text>
        </Fact>
        <Fact label={t('ticket.updated')}>{formatDateTime(ticket.updatedAt, i18n.language)}</Fact>
      </Box>
    </Card>
  );
}
