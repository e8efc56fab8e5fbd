import { Button, Group, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_TARGET_TYPES, type AuditFilters } from './admin-accounts-api';
import { AuditEntries } from './AuditEntries';

const route = getRouteApi('/signed-in/admin/auditoria');

/** A day (yyyy-mm-dd, the browser's own time zone) as the instant it starts, for the API's from/to. */
const dayStart = (day: string, plusDays = 0): string | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const start = new Date(y, m - 1, d + plusDays);
  return Number.isNaN(start.getTime()) ? undefined : start.toISOString();
};

/** The whole audit log, newest first, filtered by what changed, who changed it and when. */
export function AuditPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [targetId, setTargetId] = useState(search.targetId ?? '');
  const [actor, setActor] = useState(search.actor ?? '');

  const filters: AuditFilters = {
    ...(search.targetType ? { targetType: search.targetType } : {}),
    ...(search.targetId ? { targetId: search.targetId } : {}),
    ...(search.actor ? { actor: search.actor } : {}),
    ...(search.from && dayStart(search.from) ? { from: dayStart(search.from) } : {}),
    ...(search.to && dayStart(search.to, 1) ? { to: dayStart(search.to, 1) } : {}),
  };
  const setSearch = (next: Partial<typeof search>) =>
    void navigate({ search: (previous) => ({ ...previous, ...next }), replace: true });
  const applyTexts = (event: FormEvent) => {
    event.preventDefault();
    setSearch({ targetId: targetId.trim() || undefined, actor: actor.trim() || undefined });
  };

  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Title order={1}>{t('adminAccounts.audit.title')}</Title>
      <form onSubmit={applyTexts} role="search" aria-label={t('adminAccounts.filters')}>
        <Group grow align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('adminAccounts.audit.targetType')}
            value={search.targetType ?? ''}
            miw={170}
            onChange={(event) =>
              setSearch({ targetType: (event.currentTarget.value || undefined) as (typeof search)['targetType'] })
            }
            data={[
              { value: '', label: t('adminAccounts.audit.allTargets') },
              ...AUDIT_TARGET_TYPES.map((value) => ({ value, label: t(`adminAccounts.audit.targets.${value}`) })),
            ]}
          />
          <TextInput
            label={t('adminAccounts.audit.targetId')}
            value={targetId}
            miw={170}
            onChange={(event) => setTargetId(event.currentTarget.value)}
          />
          <TextInput
            label={t('adminAccounts.audit.actor')}
            description={t('adminAccounts.audit.actorHint')}
            value={actor}
            miw={170}
            onChange={(event) => setActor(event.currentTarget.value)}
          />
          <TextInput
            label={t('adminAccounts.audit.from')}
            type="date"
            value={search.from ?? ''}
            miw={150}
            onChange={(event) => setSearch({ from: event.currentTarget.value || undefined })}
          />
          <TextInput
            label={t('adminAccounts.audit.to')}
            type="date"
            value={search.to ?? ''}
            miw={150}
            onChange={(event) => setSearch({ to: event.currentTarget.value || undefined })}
          />
          <Button type="submit" variant="light" maw={140}>
            {t('adminAccounts.audit.apply')}
          </Button>
        </Group>
      </form>
      <AuditEntries
        filters={filters}
        label={t('adminAccounts.audit.title')}
        onFilter={(choice) => {
          if ('actor' in choice) setActor(choice.actor);
          else setTargetId(choice.targetId);
          setSearch(choice);
        }}
      />
    </Stack>
  );
}
