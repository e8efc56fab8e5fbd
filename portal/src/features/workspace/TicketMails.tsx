import { Accordion, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { formatDateTime } from '../../app/format';
import { Refusal } from './actions/action-kit';

type TicketMail =
  paths['/api/v1/tickets/{number}/mails']['get']['responses'][200]['content']['application/json']['mails'][number];

const fetchMails = (number: number) =>
  unwrap(api.GET('/api/v1/tickets/{number}/mails', { params: { path: { number } } }));

/** Under the ticket's key, so the live stream refreshes it with the rest of the ticket. */
export const ticketMailsQuery = (number: number) =>
  queryOptions({ queryKey: ['tickets', 'mails', number], queryFn: () => fetchMails(number) });

// Dark enough for white text at badge size (WCAG AA 4.5:1), like the ticket's status badges.
const STATUS_COLOUR: Record<TicketMail['status'], string> = {
  sent: '#1e6b34',
  pending: '#8a5a00',
  failed: '#b02a2a',
  uncertain: '#5c4a00',
  received: '#1c4f9c',
};

/**
 * The ticket's mails, read on demand (a long ticket has many): what the CAU sent, to whom and whether it
 * left, and what the requester wrote in, each with its text as it went or came.
 */
export function TicketMails({ number }: { number: number }) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  const mails = useQuery({ ...ticketMailsQuery(number), enabled: opened });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="mails-title">
      <Group justify="space-between">
        <Title order={2} size="h4" id="mails-title">
          {t('ticketMails.title')}
        </Title>
        <Button variant="light" size="xs" onClick={() => setOpened((value) => !value)} aria-expanded={opened}>
          {opened ? t('ticketMails.hide') : t('ticketMails.show')}
        </Button>
      </Group>
      {opened && (
        <Stack gap="xs" mt="sm">
          {mails.isPending && <Text size="sm">{t('common.loading')}</Text>}
          {mails.isError && <Refusal error={mails.error} title={t('ticketMails.loadFailed')} />}
          {mails.data && mails.data.mails.length === 0 && (
            <Text size="sm" c="dark.5">
              {t('ticketMails.none')}
            </Text>
          )}
          {mails.data && mails.data.mails.length > 0 && (
            <Accordion multiple variant="separated" chevronPosition="left">
              {mails.data.mails.map((mail) => (
                <Accordion.Item key={mail.id} value={mail.id}>
                  <Accordion.Control>
                    <Group gap="xs" wrap="wrap">
                      <Badge color={STATUS_COLOUR[mail.status]} variant="filled" radius="sm">
                        {t(`ticketMails.status.${mail.status}`)}
                      </Badge>
                      <Text size="sm" fw={600}>
                        {mail.direction === 'sent'
                          ? t('ticketMails.sentTo', { address: mail.address })
                          : t('ticketMails.receivedFrom', { address: mail.address })}
                      </Text>
                      {mail.kind && (
                        <Text size="sm" c="dark.5">
                          {t(`ticketMails.kind.${mail.kind}`, { defaultValue: mail.kind })}
                        </Text>
                      )}
                      <Text size="xs" c="dark.4">
                        {formatDateTime(mail.at, i18n.language)}
                      </Text>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Text size="sm" fw={600}>
                      {mail.subject}
                    </Text>
                    <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      {mail.text ?? t('ticketMails.noText')}
                    </Text>
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          )}
          {mails.data?.truncated && (
            <Text size="xs" c="dark.5">
              {t('ticketMails.truncated')}
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}
