import { Alert, Button, Card, Group, List, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { AnchorLink } from '../../components/links';
import { onSubmitOf } from '../../components/forms';
import { ticketQuery } from '../tickets/tickets-api';
import { StatusBadges } from '../tickets/ticket-status';
import { ActionModal, Refusal, useTicketAction } from './actions/action-kit';
import { showTicketChange, type TicketDetail } from './workspace-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

type Reference = Schemas['TicketReferenceV1'];
const REASON_MAX = 2000;

/** Who is offered the merge: resolution's mayMerge decides for the original too (agents: both in their area). */
export function mayOfferMerge(
  actor: { role: string; area: string | null },
  ticket: Pick<TicketDetail, 'status' | 'area'>,
): boolean {
  if (ticket.status === 'cerrado' || ticket.status === 'fusionado') return false;
  if (actor.role === 'operator' || actor.role === 'supervisor' || actor.role === 'admin') return true;
  return actor.role === 'agent' && actor.area !== null && actor.area === ticket.area;
}

/** A merged duplicate says so first, with the way to its original. */
export function MergedBanner({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  if (!ticket.mergedInto) return null;
  const original = ticket.mergedInto.number;
  return (
    <Alert color="yellow" variant="light" title={t('relations.mergedBanner', { number: original })}>
      <Text size="sm">{t('relations.mergedBannerText', { duplicate: ticket.number, original })}</Text>
      <AnchorLink to="/tickets/$number" params={{ number: original }} size="sm" fw={600}>
        {t('relations.openOriginal', { number: original })}
      </AnchorLink>
    </Alert>
  );
}

function ReferenceItem({ reference, action }: { reference: Reference; action?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <List.Item>
      <Group gap="xs" wrap="wrap" justify="space-between">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <AnchorLink to="/tickets/$number" params={{ number: reference.number }} fw={600}>
            {t('relations.ticketNumber', { number: reference.number })}
            {reference.title ? ` — ${reference.title}` : ''}
          </AnchorLink>
          {reference.status && <StatusBadges status={reference.status} overdue={false} />}
        </Stack>
        {action}
      </Group>
    </List.Item>
  );
}

/**
 * Related tickets (link by number, unlink, open) and merged duplicates; the "Fusionar en…" action with a
 * confirmation naming both tickets and what happens to each.
 */
export function RelatedTickets({ ticket, mayMerge }: { ticket: TicketDetail; mayMerge: boolean }) {
  const { t } = useTranslation();
  const { number } = ticket;
  const [related, setRelated] = useState<number | string>('');
  const [merging, setMerging] = useState(false);
  const link = useTicketAction({
    number,
    success: t('relations.linked'),
    onDone: () => setRelated(''),
    show: (queryClient, _state, other) =>
      showTicketChange(queryClient, number, (fresh) => fresh.relatedTickets.some((r) => r.number === other)),
    call: (other: number) =>
      unwrap(api.POST('/api/v1/tickets/{number}/related', { params: { path: { number } }, body: { related: other } })),
  });
  const unlink = useTicketAction({
    number,
    success: t('relations.unlinked'),
    show: (queryClient, _state, other) =>
      showTicketChange(queryClient, number, (fresh) => !fresh.relatedTickets.some((r) => r.number === other)),
    call: (other: number) =>
      unwrap(
        api.DELETE('/api/v1/tickets/{number}/related/{related}', { params: { path: { number, related: other } } }),
      ),
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (typeof related === 'number') link.mutate(related);
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="related-title">
      <Title order={2} size="h4" id="related-title">
        {t('relations.title')}
      </Title>
      {ticket.relatedTickets.length === 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('relations.none')}
        </Text>
      ) : (
        <List listStyleType="none" spacing="xs" mt="xs" aria-label={t('relations.listLabel')}>
          {ticket.relatedTickets.map((reference) => (
            <ReferenceItem
              key={reference.number}
              reference={reference}
              action={
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={unlink.isPending && unlink.variables === reference.number}
                  aria-label={t('relations.unlinkLabel', { number: reference.number })}
                  onClick={() => unlink.mutate(reference.number)}
                >
                  {t('relations.unlink')}
                </Button>
              }
            />
          ))}
        </List>
      )}
      <Refusal error={unlink.error} title={t('relations.unlinkRefused')} />
      {ticket.status !== 'fusionado' && (
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="xs" mt="sm" wrap="nowrap">
            <NumberInput
              label={t('relations.relatedNumber')}
              value={related}
              onChange={setRelated}
              min={1}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              style={{ flex: 1 }}
            />
            <Button type="submit" variant="light" loading={link.isPending} disabled={typeof related !== 'number'}>
              {t('relations.link')}
            </Button>
          </Group>
        </form>
      )}
      <Refusal error={link.error} title={t('relations.linkRefused')} />

      {ticket.mergedTickets.length > 0 && (
        <>
          <Title order={3} size="h5" mt="md" id="merged-title">
            {t('relations.mergedTitle')}
          </Title>
          <List listStyleType="none" spacing="xs" mt="xs" aria-labelledby="merged-title">
            {ticket.mergedTickets.map((reference) => (
              <ReferenceItem key={reference.number} reference={reference} />
            ))}
          </List>
        </>
      )}
      {mayMerge && (
        <Button mt="md" variant="default" fullWidth onClick={() => setMerging(true)}>
          {t('relations.mergeAction')}
        </Button>
      )}
      {merging && (
        <ActionModal opened onClose={() => setMerging(false)} title={t('relations.mergeTitle', { number })}>
          <MergeForm ticket={ticket} onDone={() => setMerging(false)} onCancel={() => setMerging(false)} />
        </ActionModal>
      )}
    </Card>
  );
}

/** Two steps: the original's number (and why), then a confirmation naming both tickets and the effect. */
function MergeForm({ ticket, onDone, onCancel }: { ticket: TicketDetail; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { number } = ticket;
  const [into, setInto] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const original = useQuery({ ...ticketQuery(typeof into === 'number' ? into : 0), enabled: confirming });
  const merge = useTicketAction({
    number,
    success: t('relations.merged', { number, original: into }),
    onDone,
    show: (queryClient) => showTicketChange(queryClient, number, (fresh) => fresh.mergedInto !== null),
    call: () =>
      unwrap(
        api.POST('/api/v1/tickets/{number}/merge', {
          params: { path: { number } },
          body: { into: into as number, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        }),
      ),
  });

  if (confirming && typeof into === 'number') {
    const title = original.data?.title;
    return (
      <Stack>
        <Alert
          color="yellow"
          variant="light"
          title={t('relations.confirmTitle', { duplicate: number, original: into })}
        >
          <List size="sm" spacing={4}>
            <List.Item>{t('relations.confirmDuplicate', { duplicate: number, original: into })}</List.Item>
            <List.Item>
              {t('relations.confirmOriginal', { original: into })}
              {title ? ` (${title})` : ''}
            </List.Item>
            <List.Item>{t('relations.confirmRequester', { duplicate: number })}</List.Item>
          </List>
        </Alert>
        <Refusal error={merge.error} title={t('relations.mergeRefused')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('relations.back')}
          </Button>
          <Button color="red" loading={merge.isPending} onClick={() => merge.mutate(undefined)}>
            {t('relations.confirm', { duplicate: number, original: into })}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form
      noValidate
      onSubmit={onSubmitOf(async (event) => {
        event.preventDefault();
        if (typeof into === 'number') setConfirming(true);
        return Promise.resolve();
      })}
    >
      <Stack>
        <Text size="sm">{t('relations.mergeIntro', { number })}</Text>
        <NumberInput
          label={t('relations.originalNumber')}
          value={into}
          onChange={setInto}
          min={1}
          allowDecimal={false}
          allowNegative={false}
          hideControls
          required
          data-autofocus
        />
        <GrowingTextarea
          label={t('relations.reason')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          maxLength={REASON_MAX}
          minRows={2}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={typeof into !== 'number'}>
            {t('relations.continue')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
