import { Card, Group, Loader, NativeSelect, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink, ButtonLink } from '../../components/links';
import { QueryError } from '../../app/ErrorPages';
import { formatDateTime } from '../../app/format';
import { useSession } from '../auth/session';
import { StatusBadges, ticketStatuses } from './ticket-status';
import { ticketListQuery } from './tickets-api';
import { AnnouncementsBanner } from '../announcements/AnnouncementsBanner';
import './my-tickets.css';

const route = getRouteApi('/signed-in/tickets');

/** "Mis solicitudes": a requester's own tickets, or a referente's whole jurisdiction, newest first. */
export function MyTicketsPage() {
  const { t, i18n } = useTranslation();
  const account = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const tickets = useQuery(ticketListQuery(search));

  const setText = useDebouncedCallback((text: string) => {
    void navigate({ search: { ...search, text: text.trim() || undefined, before: undefined } });
  }, 300);

  const setStatus = (value: string) => {
    const status = ticketStatuses.find((candidate) => candidate === value);
    void navigate({ search: { ...search, status, before: undefined } });
  };
  const statusOptions = [
    { value: 'all', label: t('tickets.all') },
    ...ticketStatuses.map((status) => ({ value: status, label: t(`status.${status}`) })),
  ];

  const title = account?.role === 'referente' ? t('tickets.jurisdictionTitle') : t('tickets.title');
  const items = tickets.data?.items ?? [];

  return (
    <Stack gap="md" maw={1200} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{title}</Title>
        <ButtonLink to="/tickets/nuevo">{t('nav.report')}</ButtonLink>
      </Group>
      <AnnouncementsBanner />
      <Group align="flex-end" gap="md">
        <TextInput
          label={t('tickets.search')}
          placeholder={t('tickets.searchPlaceholder')}
          defaultValue={search.text ?? ''}
          onChange={(event) => setText(event.currentTarget.value)}
          w={{ base: '100%', sm: 320 }}
          type="search"
        />
        <Stack gap={4} visibleFrom="sm">
          <Text size="sm" fw={500} id="status-filter">
            {t('tickets.statusFilter')}
          </Text>
          <SegmentedControl
            aria-labelledby="status-filter"
            value={search.status ?? 'all'}
            onChange={setStatus}
            data={statusOptions}
          />
        </Stack>
        <NativeSelect
          hiddenFrom="sm"
          w="100%"
          label={t('tickets.statusFilter')}
          value={search.status ?? 'all'}
          onChange={(event) => setStatus(event.currentTarget.value)}
          data={statusOptions}
        />
      </Group>

      {tickets.isPending && <Loader aria-label={t('common.loading')} />}
      {tickets.isError && <QueryError error={tickets.error} />}
      {tickets.isSuccess && items.length === 0 && (
        <Card withBorder>
          <Text>{search.text || search.status ? t('tickets.noneMatching') : t('tickets.none')}</Text>
        </Card>
      )}

      {items.length > 0 && (
        <>
          <table className="my-tickets-table" aria-label={title}>
            <thead>
              <tr>
                <th scope="col">{t('tickets.number')}</th>
                <th scope="col">{t('tickets.subject')}</th>
                <th scope="col">{t('tickets.status')}</th>
                <th scope="col">{t('tickets.area')}</th>
                {account?.role === 'referente' && <th scope="col">{t('tickets.requester')}</th>}
                <th scope="col">{t('tickets.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((ticket) => (
                <tr key={ticket.ticketId}>
                  <td>
                    <AnchorLink to="/tickets/$number" params={{ number: ticket.number }} fw={600}>
                      #{ticket.number}
                    </AnchorLink>
                  </td>
                  <td>{ticket.title}</td>
                  <td>
                    <StatusBadges status={ticket.status} overdue={ticket.overdue} />
                  </td>
                  <td>{ticket.area ?? '—'}</td>
                  {account?.role === 'referente' && <td>{ticket.requesterName}</td>}
                  <td>{formatDateTime(ticket.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <Stack gap="sm" hiddenFrom="sm">
            {items.map((ticket) => (
              <Card key={ticket.ticketId} withBorder padding="sm" component="article">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <AnchorLink to="/tickets/$number" params={{ number: ticket.number }} fw={600}>
                    #{ticket.number} · {ticket.title}
                  </AnchorLink>
                </Group>
                <Group gap="xs" mt={6}>
                  <StatusBadges status={ticket.status} overdue={ticket.overdue} />
                  <Text size="sm" c="dark.5">
                    {ticket.area ?? '—'} · {t('tickets.updated')}: {formatDateTime(ticket.updatedAt, i18n.language)}
                  </Text>
                </Group>
              </Card>
            ))}
          </Stack>
        </>
      )}

      <Group>
        {search.before !== undefined && (
          <ButtonLink variant="default" to="/tickets" search={{ ...search, before: undefined }}>
            {t('tickets.newest')}
          </ButtonLink>
        )}
        {tickets.data?.nextBefore != null && (
          <ButtonLink variant="default" to="/tickets" search={{ ...search, before: tickets.data.nextBefore }}>
            {t('tickets.older')}
          </ButtonLink>
        )}
      </Group>
    </Stack>
  );
}
