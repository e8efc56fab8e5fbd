import { Badge, Button, Card, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { Refusal } from '../workspace/actions/action-kit';
import {
  INBOUND_STATUSES,
  inboundMailsQuery,
  UNSENT_STATUSES,
  unsentMailsQuery,
  unsentWhatsappQuery,
  type Delivery,
  type InboundMail,
  type InboundStatus,
  type UnsentStatus,
  type WhatsappDelivery,
} from './admin-config-api';

const route = getRouteApi('/signed-in/admin/correos');

// Dark enough to read on the light badge's own tint (WCAG AA 4.5:1); Mantine's default light green and
// yellow are not.
const STATUS_COLOR: Record<InboundStatus, string> = {
  received: '#064d9c',
  processed: '#1e6b34',
  ignored: '#495057',
  failed: '#b02a2a',
};
const DELIVERY_FAILED_COLOR = '#b02a2a';
const DELIVERY_UNCERTAIN_COLOR = '#7a4f00';

/**
 * Mails that could not be sent or whose outcome is unknown, and mails that arrived (with what became of
 * them); all can be retried.
 */
export function MailsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={1200} mx="auto">
      <Title order={1}>{t('adminConfig.mails.title')}</Title>
      <UnsentDeliveries />
      <UnsentWhatsapp />
      <InboundMails />
    </Stack>
  );
}

function useRetryNotice() {
  const { t } = useTranslation();
  return () =>
    notifications.show({
      color: 'green',
      message: t('adminConfig.mails.retried'),
      closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
    });
}

function UnsentDeliveries() {
  const { t, i18n } = useTranslation();
  const { outbound = 'failed' } = route.useSearch();
  const navigate = route.useNavigate();
  const unsent = useQuery(unsentMailsQuery(outbound));
  const deliveries = unsent.data?.deliveries ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="failed-mails-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="failed-mails-title">
          {t('adminConfig.mails.failedTitle')}
        </Title>
        <Text size="sm">{t(`adminConfig.mails.unsentIntro.${outbound}`)}</Text>
        <NativeSelect
          label={t('adminConfig.mails.unsentStatusLabel')}
          value={outbound}
          onChange={(event) => {
            const value = event.currentTarget.value as UnsentStatus;
            void navigate({ search: (old) => ({ ...old, outbound: value === 'failed' ? undefined : value }) });
          }}
          data={UNSENT_STATUSES.map((value) => ({ value, label: t(`adminConfig.mails.unsentStatus.${value}`) }))}
          maw={280}
        />
        {unsent.isError && <Refusal error={unsent.error} title={t('adminConfig.loadFailed')} />}
        <Text size="sm" role="status">
          {unsent.isPending
            ? t('common.loading')
            : t(`adminConfig.mails.unsentCount.${outbound}`, { count: deliveries.length })}
        </Text>
        {deliveries.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('adminConfig.mails.created')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.mails.recipient')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.mails.subject')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.mails.error')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deliveries.map((delivery) => (
                  <Table.Tr key={delivery.id}>
                    <Table.Td>{formatDateTime(delivery.createdAt, i18n.language)}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{delivery.recipient}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{delivery.subject}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {delivery.status === 'uncertain'
                        ? t('adminConfig.mails.uncertainReason')
                        : `${delivery.lastError ?? '—'} (${t('adminConfig.mails.attempts', { count: delivery.attempts })})`}
                    </Table.Td>
                    <Table.Td>
                      <RetryDelivery delivery={delivery} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

function RetryDelivery({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notice = useRetryNotice();
  const retry = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/notifications/{id}/retry', { params: { path: { id: delivery.id } } })),
    onSuccess: async () => {
      notice();
      await queryClient.invalidateQueries({ queryKey: ['admin', 'mails'] });
    },
  });
  return (
    <Stack gap={4}>
      <Button
        size="xs"
        variant="light"
        loading={retry.isPending}
        onClick={() => retry.mutate()}
        aria-label={t(
          delivery.status === 'uncertain' ? 'adminConfig.mails.sendAgainNamed' : 'adminConfig.mails.retryNamed',
          { subject: delivery.subject },
        )}
      >
        {t(delivery.status === 'uncertain' ? 'adminConfig.mails.sendAgain' : 'adminConfig.mails.retry')}
      </Button>
      <Refusal error={retry.error} />
    </Stack>
  );
}

/** Template messages of the WhatsApp channel that failed or whose outcome is unknown (empty without an account). */
function UnsentWhatsapp() {
  const { t, i18n } = useTranslation();
  const unsent = useQuery(unsentWhatsappQuery);
  const rows = unsent.data ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="whatsapp-unsent-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="whatsapp-unsent-title">
          {t('adminConfig.mails.whatsapp.title')}
        </Title>
        <Text size="sm">{t('adminConfig.mails.whatsapp.intro')}</Text>
        {unsent.isError && <Refusal error={unsent.error} title={t('adminConfig.loadFailed')} />}
        <Text size="sm" role="status">
          {unsent.isPending ? t('common.loading') : t('adminConfig.mails.whatsapp.count', { count: rows.length })}
        </Text>
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('adminConfig.mails.created')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.mails.whatsapp.number')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.mails.whatsapp.kind')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.mails.error')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((delivery) => (
                  <Table.Tr key={delivery.id}>
                    <Table.Td>{formatDateTime(delivery.createdAt, i18n.language)}</Table.Td>
                    <Table.Td>+{delivery.recipient}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm">{whatsappKind(t, delivery.kind)}</Text>
                        {delivery.ticketNumber !== null && (
                          <Text size="xs">
                            {t('adminConfig.mails.whatsapp.ticket')} #{delivery.ticketNumber}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <Stack gap={2}>
                        <Badge
                          variant="light"
                          color={delivery.status === 'failed' ? DELIVERY_FAILED_COLOR : DELIVERY_UNCERTAIN_COLOR}
                        >
                          {t(
                            `adminConfig.mails.whatsapp.status.${delivery.status === 'failed' ? 'failed' : 'uncertain'}`,
                          )}
                        </Badge>
                        <Text size="xs">
                          {`${delivery.lastError ?? '—'} (${t('adminConfig.mails.attempts', { count: delivery.attempts })})`}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <RetryWhatsapp delivery={delivery} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

const WHATSAPP_KINDS = new Set([
  'ticket-registered',
  'staff-replied',
  'ticket-resolved',
  'ticket-closed',
  'ticket-reopened',
  'unknown-number',
]);

function whatsappKind(t: ReturnType<typeof useTranslation>['t'], kind: string): string {
  return WHATSAPP_KINDS.has(kind)
    ? t(`adminConfig.mails.whatsapp.kinds.${kind}` as 'adminConfig.mails.whatsapp.kinds.ticket-closed')
    : kind;
}

function RetryWhatsapp({ delivery }: { delivery: WhatsappDelivery }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/whatsapp/deliveries/{id}/retry', { params: { path: { id: delivery.id } } })),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('adminConfig.mails.whatsapp.resent'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'mails', 'whatsapp'] });
    },
  });
  return (
    <Stack gap={4}>
      <Button
        size="xs"
        variant="light"
        loading={retry.isPending}
        onClick={() => retry.mutate()}
        aria-label={t('adminConfig.mails.whatsapp.resendNamed', {
          kind: whatsappKind(t, delivery.kind),
          number: `+${delivery.recipient}`,
        })}
      >
        {t('adminConfig.mails.whatsapp.resend')}
      </Button>
      <Refusal error={retry.error} />
    </Stack>
  );
}

function InboundMails() {
  const { t, i18n } = useTranslation();
  const { inbound } = route.useSearch();
  const navigate = route.useNavigate();
  const messages = useQuery(inboundMailsQuery(inbound));
  const rows = messages.data?.messages ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="inbound-mails-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="inbound-mails-title">
          {t('adminConfig.mails.inboundTitle')}
        </Title>
        <Text size="sm">{t('adminConfig.mails.inboundIntro')}</Text>
        <NativeSelect
          label={t('adminConfig.mails.status')}
          value={inbound ?? ''}
          onChange={(event) => {
            const value = event.currentTarget.value as InboundStatus | '';
            void navigate({ search: (old) => ({ ...old, inbound: value || undefined }) });
          }}
          data={[
            { value: '', label: t('adminConfig.mails.allStatuses') },
            ...INBOUND_STATUSES.map((value) => ({ value, label: t(`adminConfig.mails.inboundStatus.${value}`) })),
          ]}
          maw={280}
        />
        {messages.isError && <Refusal error={messages.error} title={t('adminConfig.loadFailed')} />}
        <Text size="sm" role="status">
          {messages.isPending ? t('common.loading') : t('adminConfig.mails.inboundCount', { count: rows.length })}
        </Text>
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('adminConfig.mails.received')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.mails.sender')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.mails.subject')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.mails.status')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((message) => (
                  <Table.Tr key={message.id}>
                    <Table.Td>{formatDateTime(message.receivedAt, i18n.language)}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{message.sender ?? '—'}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{message.subject ?? '—'}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Badge variant="light" color={STATUS_COLOR[message.status]}>
                          {t(`adminConfig.mails.inboundStatus.${message.status}`)}
                        </Badge>
                        {message.ticketNumber !== null && (
                          <Text size="xs">
                            {t(`adminConfig.mails.outcome.${message.outcome ?? 'ticket'}`, {
                              number: message.ticketNumber,
                            })}
                          </Text>
                        )}
                        {message.reason && (
                          <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                            {message.reason}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{message.status === 'failed' ? <RetryInbound message={message} /> : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

function RetryInbound({ message }: { message: InboundMail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notice = useRetryNotice();
  const retry = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/notifications/inbound/{id}/retry', { params: { path: { id: message.id } } })),
    onSuccess: async () => {
      notice();
      await queryClient.invalidateQueries({ queryKey: ['admin', 'mails'] });
    },
  });
  return (
    <Stack gap={4}>
      <Button
        size="xs"
        variant="light"
        loading={retry.isPending}
        onClick={() => retry.mutate()}
        aria-label={t('adminConfig.mails.retryNamed', { subject: message.subject ?? message.messageKey })}
      >
        {t('adminConfig.mails.retry')}
      </Button>
      <Refusal error={retry.error} />
    </Stack>
  );
}
