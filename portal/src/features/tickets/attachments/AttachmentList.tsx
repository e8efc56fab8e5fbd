import { Anchor, Card, List, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../../api/client';
import { formatBytes } from '../../../app/format';
import { ticketAttachmentsQuery } from './attachments-api';

/**
 * The ticket's files (downloaded through the gateway, which checks who may see them) and links; a file
 * that came with a mail or a WhatsApp message names its sender and the channel.
 */
export function AttachmentList({ number, links }: { number: number; links: Array<Schemas['AttachmentLinkV1']> }) {
  const { t } = useTranslation();
  const attachments = useQuery(ticketAttachmentsQuery(number));
  const items = attachments.data ?? [];
  // Links given at registration come in the list too once it loads; until then the ticket's own copy shows them.
  const registrationLinks = attachments.isSuccess ? [] : links;
  if (items.length === 0 && registrationLinks.length === 0) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="attachments-title">
      <Title order={2} size="h4" id="attachments-title" mb="xs">
        {t('attachments.title')}
      </Title>
      <List spacing={4} size="sm">
        {items.map((item) =>
          item.kind === 'link' && item.url ? (
            <List.Item key={item.id ?? item.url}>
              <Anchor href={item.url} target="_blank" rel="noopener noreferrer">
                {item.title ?? item.url}
              </Anchor>
            </List.Item>
          ) : (
            <List.Item key={item.id ?? item.fileName}>
              <Anchor href={item.downloadUrl ?? undefined} download>
                {item.fileName}
              </Anchor>{' '}
              <Text span size="xs" c="dark.4">
                ({formatBytes(item.sizeBytes ?? 0)}
                {item.source === 'mail' ? ` · ${t('mailAttachments.from', { name: item.addedBy.name })}` : ''}
                {item.source === 'whatsapp'
                  ? ` · ${t('mailAttachments.fromWhatsapp', { name: item.addedBy.name })}`
                  : ''}
                )
              </Text>
            </List.Item>
          ),
        )}
        {registrationLinks.map((link) => (
          <List.Item key={link.url}>
            <Anchor href={link.url} target="_blank" rel="noopener noreferrer">
              {link.name ?? link.url}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}
