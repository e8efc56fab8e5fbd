import {
  Alert,
  Button,
  Card,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { AnchorLink } from '../../components/links';
import { Refusal } from '../workspace/actions/action-kit';
import { slaPoliciesQuery } from '../admin-config/admin-config-api';
import { DuePreview } from '../admin-config/SlaPage';
import { CalendarEditor } from './CalendarEditor';
import {
  calendarsQuery,
  DEFAULT_CALENDAR,
  formatHoliday,
  isLocalDate,
  yearsAround,
  type Calendar,
} from './admin-calendars-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const NAME_MAX = 120;
const CSV_MAX = 65_536;

/**
 * Business calendars and their holidays, per year; administrators only. Due dates are counted on them,
 * so the page shows, beside them, when a ticket registered now would be due.
 */
export function CalendarsPage() {
  const { t } = useTranslation();
  const years = yearsAround(new Date());
  const [year, setYear] = useState(years[1]!);
  const [code, setCode] = useState(DEFAULT_CALENDAR);
  const calendars = useQuery(calendarsQuery(year));
  const policies = useQuery(slaPoliciesQuery);
  const calendar = calendars.data?.calendars.find((c) => c.code === code) ?? calendars.data?.calendars[0];
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Title order={1}>{t('adminCalendars.title')}</Title>
      <Text size="sm">{t('adminCalendars.intro')}</Text>
      <Group align="end">
        <NativeSelect
          label={t('adminCalendars.year')}
          value={String(year)}
          onChange={(event) => setYear(Number(event.currentTarget.value))}
          data={years.map(String)}
        />
        {calendars.data && calendars.data.calendars.length > 1 && (
          <NativeSelect
            label={t('adminCalendars.calendar')}
            value={calendar?.code ?? DEFAULT_CALENDAR}
            onChange={(event) => setCode(event.currentTarget.value)}
            data={calendars.data.calendars.map((c) => ({ value: c.code, label: calendarLabel(c, t) }))}
          />
        )}
      </Group>
      {calendars.isPending && <Text role="status">{t('common.loading')}</Text>}
      {calendars.isError && <Refusal error={calendars.error} title={t('adminConfig.loadFailed')} />}
      {calendar && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap="md">
            <HolidayTable calendar={calendar} year={year} />
          </Stack>
          <Stack gap="md">
            <Card withBorder component="section" aria-labelledby="calendar-preview-title">
              <Stack gap="xs">
                <Title order={2} size="h4" id="calendar-preview-title">
                  {t('adminCalendars.effectTitle')}
                </Title>
                {policies.data?.preview && <DuePreview preview={policies.data.preview} headingOrder={3} />}
                {policies.isError && <Refusal error={policies.error} title={t('adminConfig.loadFailed')} />}
                <AnchorLink to="/admin/niveles" size="sm">
                  {t('adminCalendars.toSla')}
                </AnchorLink>
              </Stack>
            </Card>
            <AddHoliday calendar={calendar.code} />
            <ImportHolidays calendar={calendar.code} year={year} />
            {calendar.code !== DEFAULT_CALENDAR && (
              <CalendarEditor key={calendar.code} calendar={calendar} onSaved={setCode} />
            )}
            <CalendarEditor calendar={null} onSaved={setCode} />
          </Stack>
        </SimpleGrid>
      )}
    </Stack>
  );
}

function calendarLabel(calendar: Calendar, t: ReturnType<typeof useTranslation>['t']): string {
  return calendar.code === DEFAULT_CALENDAR
    ? t('adminCalendars.defaultCalendar', { zone: calendar.zone })
    : t('adminCalendars.ownCalendar', {
        code: calendar.code,
        zone: calendar.zone,
        jurisdictions: calendar.jurisdictions.join(', ') || '—',
      });
}

/** After a change: the holidays and the preview of due dates are read again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['admin', 'calendars'] }),
      queryClient.invalidateQueries({ queryKey: slaPoliciesQuery.queryKey }),
    ]);
  };
}

function HolidayTable({ calendar, year }: { calendar: Calendar; year: number }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh();
  const remove = useMutation({
    mutationFn: (date: string) =>
      unwrap(
        api.DELETE('/api/v1/sla/calendars/{code}/holidays/{date}', { params: { path: { code: calendar.code, date } } }),
      ),
    onSuccess: async ({ holiday }) => {
      await refresh();
      notifications.show({
        color: 'green',
        message: t('adminCalendars.removed', { date: formatHoliday(holiday.date, i18n.language) }),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
    },
  });
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={320}>
        <Table data-testid="holidays">
          <Table.Caption>
            {t('adminCalendars.caption', {
              year,
              calendar: calendarLabel(calendar, t),
              count: calendar.holidays.length,
            })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('adminCalendars.date')}</Table.Th>
              <Table.Th scope="col">{t('adminCalendars.name')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('adminCalendars.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {calendar.holidays.map((holiday) => (
              <Table.Tr key={holiday.date} data-holiday={holiday.date}>
                <Table.Th scope="row" fw="normal">
                  <time dateTime={holiday.date}>{formatHoliday(holiday.date, i18n.language)}</time>
                </Table.Th>
                <Table.Td>{holiday.name ?? '—'}</Table.Td>
                <Table.Td>
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    loading={remove.isPending && remove.variables === holiday.date}
                    onClick={() => remove.mutate(holiday.date)}
                    aria-label={t('adminCalendars.removeLabel', {
                      date: formatHoliday(holiday.date, i18n.language),
                      name: holiday.name ?? '',
                    })}
                  >
                    {t('adminCalendars.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {calendar.holidays.length === 0 && <Text size="sm">{t('adminCalendars.none', { year })}</Text>}
      <Refusal error={remove.error} />
    </Stack>
  );
}

function AddHoliday({ calendar }: { calendar: string }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/sla/calendars/{code}/holidays', {
          params: { path: { code: calendar } },
          body: { date, name: name.trim() },
        }),
      ),
    onSuccess: async ({ holiday }) => {
      setDate('');
      setName('');
      setTried(false);
      await refresh();
      notifications.show({
        color: 'green',
        message: t('adminCalendars.added', { date: formatHoliday(holiday.date, i18n.language) }),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
    },
  });
  const serverField = (field: string) =>
    add.error instanceof ApiError ? add.error.fields.find((f) => f.field === field)?.message : undefined;
  const dateError = tried && !isLocalDate(date) ? t('adminCalendars.dateInvalid') : serverField('date');
  const nameError =
    tried && name.trim() === ''
      ? t('adminCalendars.nameRequired')
      : name.length > NAME_MAX
        ? t('adminCalendars.nameTooLong', { max: NAME_MAX })
        : serverField('name');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (isLocalDate(date) && name.trim() !== '' && name.length <= NAME_MAX) add.mutate();
  };
  return (
    <Card withBorder component="form" aria-labelledby="add-holiday-title" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4" id="add-holiday-title">
          {t('adminCalendars.addTitle')}
        </Title>
        <TextInput
          type="date"
          label={t('adminCalendars.date')}
          value={date}
          onChange={(event) => setDate(event.currentTarget.value)}
          error={dateError}
          required
        />
        <TextInput
          label={t('adminCalendars.name')}
          value={name}
          maxLength={NAME_MAX + 1}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError}
          required
        />
        {add.error && !serverField('date') && !serverField('name') && <Refusal error={add.error} />}
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('adminCalendars.add')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ImportHolidays({ calendar, year }: { calendar: string; year: number }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [csv, setCsv] = useState('');
  const importing = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/sla/calendars/{code}/holidays/import', {
          params: { path: { code: calendar } },
          body: { year, csv },
        }),
      ),
    onSuccess: async (result) => {
      setCsv('');
      await refresh();
      notifications.show({
        color: 'green',
        message: t('adminCalendars.imported', result),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
    },
  });
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (file) setCsv((await file.text()).slice(0, CSV_MAX));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (csv.trim() !== '') importing.mutate();
  };
  const error = importing.error;
  const lines = error instanceof ApiError ? error.fields.filter((f) => f.field === 'csv') : [];
  return (
    <Card withBorder component="form" aria-labelledby="import-holidays-title" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4" id="import-holidays-title">
          {t('adminCalendars.importTitle', { year })}
        </Title>
        <Text size="sm" id="import-help">
          {t('adminCalendars.importHelp', { year })}
        </Text>
        <label>
          <Text size="sm" fw={500} component="span" display="block">
            {t('adminCalendars.file')}
          </Text>
          <input type="file" accept=".csv,text/csv,text/plain" onChange={(event) => void readFile(event)} />
        </label>
        <GrowingTextarea
          label={t('adminCalendars.csv')}
          aria-describedby="import-help"
          value={csv}
          onChange={(event) => setCsv(event.currentTarget.value)}
          minRows={4}
          maxRows={12}
          placeholder={`fecha,nombre\n${year}-01-01,Año Nuevo`}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        {error && (
          <Alert color="red" role="alert" title={t('adminCalendars.importRefused')}>
            {lines.length > 0 ? (
              <List size="sm" data-testid="import-errors">
                {lines.map((line, index) => (
                  <List.Item key={index}>{line.message}</List.Item>
                ))}
              </List>
            ) : (
              error.message
            )}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={importing.isPending} disabled={csv.trim() === ''}>
            {t('adminCalendars.import')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
