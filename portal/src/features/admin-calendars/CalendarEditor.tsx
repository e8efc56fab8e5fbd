import {
  ActionIcon,
  Button,
  Card,
  Group,
  MultiSelect,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { catalogueQuery } from '../admin-catalogues/catalogues-api';
import { slaPoliciesQuery } from '../admin-config/admin-config-api';
import { Refusal } from '../workspace/actions/action-kit';
import type { Calendar } from './admin-calendars-api';
import { CALENDAR_CODE, knownZones, WEEKDAYS, windowProblems, windowRows, type WindowRow } from './calendar-form';

/**
 * A jurisdictions' calendar: its zone, its working windows and the jurisdictions that count on it. With
 * no `calendar`, a new one (its code asked for); saved, `onSaved` receives the code so the page shows it.
 */
export function CalendarEditor({ calendar, onSaved }: { calendar: Calendar | null; onSaved: (code: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const catalogue = useQuery(catalogueQuery);
  const titleId = useId();
  const zonesId = useId();
  const [code, setCode] = useState(calendar?.code ?? '');
  const [zone, setZone] = useState(calendar?.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [rows, setRows] = useState<WindowRow[]>(() => windowRows(calendar?.week ?? null));
  const [jurisdictions, setJurisdictions] = useState<string[]>(calendar?.jurisdictions ?? []);
  const [tried, setTried] = useState(false);
  const jurisdictionOptions = [
    ...new Set([
      ...(catalogue.data?.jurisdictions ?? []).filter((j) => !j.retired).map((j) => j.code),
      ...jurisdictions,
    ]),
  ].map((value) => {
    const name = catalogue.data?.jurisdictions.find((j) => j.code === value)?.name;
    return { value, label: name && name !== value ? `${name} (${value})` : value };
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/sla/calendars/{code}', {
          params: { path: { code } },
          body: { zone: zone.trim(), week: rows, jurisdictions },
        }),
      ),
    onSuccess: async ({ after, before }) => {
      setTried(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['admin', 'calendars'] }),
        queryClient.invalidateQueries({ queryKey: slaPoliciesQuery.queryKey }),
      ]);
      notifications.show({
        color: 'green',
        message: t(before ? 'adminCalendars.editor.saved' : 'adminCalendars.editor.created', { code: after.code }),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      onSaved(after.code);
      if (!calendar) {
        setCode('');
        setRows(windowRows(null));
        setJurisdictions([]);
      }
    },
  });
  const serverField = (field: string) =>
    save.error instanceof ApiError
      ? save.error.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message
      : undefined;
  const codeError = tried && !CALENDAR_CODE.test(code) ? t('adminCalendars.editor.codeInvalid') : serverField('code');
  const problems = windowProblems(rows);
  const weekError = tried && problems.length > 0 ? t(`adminCalendars.editor.week.${problems[0]}`) : serverField('week');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (CALENDAR_CODE.test(code) && problems.length === 0 && zone.trim() !== '') save.mutate();
  };
  const setRow = (index: number, change: Partial<WindowRow>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const weekday = (day: number) => t(`adminCalendars.editor.weekday.${day}`);

  return (
    <Card withBorder component="form" aria-labelledby={titleId} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4" id={titleId}>
          {calendar
            ? t('adminCalendars.editor.editTitle', { code: calendar.code })
            : t('adminCalendars.editor.newTitle')}
        </Title>
        <Text size="sm">{t('adminCalendars.editor.help')}</Text>
        {!calendar && (
          <TextInput
            label={t('adminCalendars.editor.code')}
            description={t('adminCalendars.editor.codeHelp')}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value.toLowerCase())}
            error={codeError}
            required
          />
        )}
        <TextInput
          label={t('adminCalendars.editor.zone')}
          description={t('adminCalendars.editor.zoneHelp')}
          value={zone}
          onChange={(event) => setZone(event.currentTarget.value)}
          error={tried && zone.trim() === '' ? t('adminCalendars.editor.zoneRequired') : serverField('zone')}
          list={zonesId}
          required
        />
        <datalist id={zonesId}>
          {knownZones().map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
        <Stack gap={6} role="group" aria-label={t('adminCalendars.editor.windows')}>
          <Text size="sm" fw={500}>
            {t('adminCalendars.editor.windows')}
          </Text>
          {rows.map((row, index) => (
            <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
              <NativeSelect
                aria-label={t('adminCalendars.editor.dayOf', { n: index + 1 })}
                value={String(row.day)}
                onChange={(event) => setRow(index, { day: Number(event.currentTarget.value) })}
                data={WEEKDAYS.map((day) => ({ value: String(day), label: weekday(day) }))}
              />
              <TextInput
                type="time"
                aria-label={t('adminCalendars.editor.startOf', { day: weekday(row.day), n: index + 1 })}
                value={row.start}
                onChange={(event) => setRow(index, { start: event.currentTarget.value })}
              />
              <TextInput
                type="time"
                aria-label={t('adminCalendars.editor.endOf', { day: weekday(row.day), n: index + 1 })}
                value={row.end}
                onChange={(event) => setRow(index, { end: event.currentTarget.value })}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('adminCalendars.editor.removeWindow', { day: weekday(row.day), n: index + 1 })}
                onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {weekError && (
            <Text size="sm" c="red.8" role="alert">
              {weekError}
            </Text>
          )}
          <Group>
            <Button
              variant="light"
              size="xs"
              onClick={() => setRows((current) => [...current, { day: 6, start: '08:00', end: '12:00' }])}
            >
              {t('adminCalendars.editor.addWindow')}
            </Button>
          </Group>
        </Stack>
        <MultiSelect
          label={t('adminCalendars.editor.jurisdictions')}
          description={t('adminCalendars.editor.jurisdictionsHelp')}
          data={jurisdictionOptions}
          value={jurisdictions}
          onChange={setJurisdictions}
          searchable
          error={serverField('jurisdictions')}
        />
        {save.error && !serverField('code') && !serverField('zone') && !serverField('week') && (
          <Refusal error={save.error} />
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {calendar ? t('adminCalendars.editor.save') : t('adminCalendars.editor.create')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
