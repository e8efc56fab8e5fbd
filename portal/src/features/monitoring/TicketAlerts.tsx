import { Badge, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { Refusal } from '../workspace/actions/action-kit';
import { ticketAlertsQuery } from './monitoring-api';

/** The workspace's section for a ticket opened by a monitoring alert: source, count, last seen, labels. */
export function TicketAlerts({ number }: { number: number }) {
  const { t, i18n } = useTranslation();
  const alerts = useQuery(ticketAlertsQuery(number));
  if (alerts.isError) return <Refusal error={alerts.error} title={t('monitoring.ticket.failed')} />;
  if (!alerts.data || alerts.data.alerts.length === 0) return null;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="ticket-alerts-title">
      <Title order={2} size="h5" id="ticket-alerts-title" mb="xs">
        {t('monitoring.ticket.title')}
      </Title>
      <Stack gap="sm">
        {alerts.data.alerts.map((alert) => (
          <Stack key={alert.id} gap={4}>
            <Group gap="xs">
              <Text fw={600} size="sm">
                {alert.name}
              </Text>
              <Badge variant="light" color="cau">
                {t(`monitoring.status.${alert.status}`)}
              </Badge>
            </Group>
            <Text size="sm">
              {t('monitoring.ticket.source')}: {alert.integrationName} ({t(`monitoring.kind.${alert.kind}`)})
            </Text>
            <Text size="sm">
              {t('monitoring.ticket.count')}: {alert.firingCount} · {t('monitoring.ticket.lastSeen')}:{' '}
              {formatDateTime(alert.lastSeenAt, i18n.language)}
            </Text>
            <Text size="sm">{t('monitoring.ticket.labels')}:</Text>
            <Group gap={4}>
              {Object.entries(alert.labels).map(([key, value]) => (
                <Code key={key} style={{ overflowWrap: 'anywhere' }}>
                  {key}={value}
                </Code>
              ))}
            </Group>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
