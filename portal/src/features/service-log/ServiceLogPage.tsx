import { Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { labelServerFields } from '../../components/forms';
import { RequesterFinder } from '../desk-registration/RequesterFinder';
import { Refusal } from '../workspace/actions/action-kit';
import { serviceLogFileUrl, serviceLogQuery } from './service-log-api';
import { inUse, type ServiceLogFilters } from './service-log-search';
import { ServiceLogTable } from './ServiceLogTable';

const route = getRouteApi('/signed-in/inventario/bitacora');

/** The service log (F02) for staff: filter by equipment, user and period; page; download as CSV or PDF. */
export function ServiceLogPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/inventario/bitacora' });
  const filters = useMemo(() => inUse(search), [search]);
  const log = useInfiniteQuery(serviceLogQuery(filters));
  const rows = useMemo(() => log.data?.pages.flatMap((page) => page.items) ?? [], [log.data]);
  const [draft, setDraft] = useState<ServiceLogFilters>(search);
  useEffect(() => setDraft(search), [search]);
  const set = (change: Partial<ServiceLogFilters>) => setDraft((previous) => ({ ...previous, ...change }));

  // A refused filter is named by its label ("Hasta"), not the API's name («to»), in the alert; its field is
  // marked invalid (the message under it would push the row of filters out of line).
  const labelled = useMemo(() => {
    if (!(log.error instanceof ApiError)) return null;
    const labels = {
      inventoryNumber: t('serviceLog.inventoryNumber'),
      holderId: t('serviceLog.holder'),
      from: t('serviceLog.from'),
      to: t('serviceLog.to'),
    };
    return labelServerFields(log.error, labels, (field) => field.replace(/^filters\./, ''));
  }, [log.error, t]);
  const refusal =
    log.error instanceof ApiError && labelled
      ? new ApiError(log.error.status, log.error.code, labelled.message, labelled.fields)
      : log.error;
  const fieldError = (name: keyof typeof draft) => labelled?.fields.find((field) => field.name === name)?.message;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    void navigate({ search: inUse(draft) });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t('serviceLog.title')}</Title>
        <Group gap="xs">
          <Button component="a" href={serviceLogFileUrl(filters, 'csv')} download variant="default">
            {t('serviceLog.csv')}
          </Button>
          <Button component="a" href={serviceLogFileUrl(filters, 'pdf')} download variant="default">
            {t('serviceLog.pdf')}
          </Button>
        </Group>
      </Group>
      <Text size="sm">{t('serviceLog.intro')}</Text>
      <form onSubmit={apply} role="search" aria-label={t('serviceLog.filters')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('serviceLog.inventoryNumber')}
            value={draft.inventoryNumber ?? ''}
            onChange={(event) => set({ inventoryNumber: event.currentTarget.value })}
            error={fieldError('inventoryNumber') !== undefined}
            style={{ flex: '1 1 12rem' }}
          />
          <div style={{ flex: '2 1 16rem' }}>
            {draft.holderId ? (
              <Group gap="xs" mih={60} align="flex-end">
                <Text size="sm" fw={600}>
                  {t('serviceLog.holderPicked', { name: draft.holderName ?? '' })}
                </Text>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => set({ holderId: undefined, holderName: undefined })}
                >
                  {t('serviceLog.holderClear')}
                </Button>
              </Group>
            ) : (
              <RequesterFinder
                label={t('serviceLog.holder')}
                hint={t('serviceLog.holderHint')}
                onPick={(found) => set({ holderId: found.id, holderName: found.name })}
              />
            )}
          </div>
          <TextInput
            type="date"
            label={t('serviceLog.from')}
            value={draft.from ?? ''}
            onChange={(event) => set({ from: event.currentTarget.value })}
            error={fieldError('from') !== undefined}
            style={{ flex: '1 1 9rem' }}
          />
          <TextInput
            type="date"
            label={t('serviceLog.to')}
            value={draft.to ?? ''}
            onChange={(event) => set({ to: event.currentTarget.value })}
            error={fieldError('to') !== undefined}
            style={{ flex: '1 1 9rem' }}
          />
          <Button type="submit">{t('serviceLog.search')}</Button>
          <Button variant="default" onClick={() => void navigate({ search: {} })}>
            {t('serviceLog.clear')}
          </Button>
        </Group>
      </form>
      {log.isError && <Refusal error={refusal} title={t('serviceLog.refused')} />}
      {log.isPending ? (
        <Text>{t('common.loading')}</Text>
      ) : (
        <ServiceLogTable rows={rows} label={t('serviceLog.tableLabel')} />
      )}
      <Group justify="space-between">
        <Text size="sm" c="dark.4" aria-live="polite">
          {t('serviceLog.shown', { count: rows.length })}
        </Text>
        {log.hasNextPage && (
          <Anchor component="button" type="button" onClick={() => void log.fetchNextPage()}>
            {t('serviceLog.more')}
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}
