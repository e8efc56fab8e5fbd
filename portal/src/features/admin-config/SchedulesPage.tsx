import { Button, Card, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { Refusal } from '../workspace/actions/action-kit';
import { MAIL_LANGUAGES, schedulesQuery, type ReportSchedule, type ReportScheduleInput } from './admin-config-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const GRANULARITIES: ReadonlyArray<ReportScheduleInput['granularity']> = ['day', 'week', 'month'];
const MAX_RECIPIENTS = 20;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The addresses typed in the box: separated by commas, semicolons, spaces or lines, without repeats. */
export function parseRecipients(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[\s,;]+/)
        .map((address) => address.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** Summaries mailed at the end of each day, week or month; administrators only. */
export function SchedulesPage() {
  const { t } = useTranslation();
  const schedules = useQuery(schedulesQuery);
  const rows = schedules.data ?? [];
  return (
    <Stack gap="md" maw={1000} mx="auto">
      <Title order={1}>{t('adminConfig.schedules.title')}</Title>
      <Text size="sm">{t('adminConfig.schedules.intro')}</Text>
      <Card withBorder padding="md" component="section" aria-labelledby="schedules-list-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="schedules-list-title">
            {t('adminConfig.schedules.listTitle')}
          </Title>
          {schedules.isError && <Refusal error={schedules.error} title={t('adminConfig.loadFailed')} />}
          <Text size="sm" role="status">
            {schedules.isPending ? t('common.loading') : t('adminConfig.schedules.count', { count: rows.length })}
          </Text>
          {rows.length > 0 && (
            <Table.ScrollContainer minWidth={640}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('adminConfig.schedules.granularity')}</Table.Th>
                    <Table.Th scope="col">{t('adminConfig.schedules.recipients')}</Table.Th>
                    <Table.Th scope="col">{t('adminConfig.schedules.language')}</Table.Th>
                    <Table.Th scope="col">{t('adminConfig.schedules.lastSent')}</Table.Th>
                    <Table.Th scope="col">{t('adminConfig.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((schedule) => (
                    <ScheduleRow key={schedule.id} schedule={schedule} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
      <NewSchedule />
    </Stack>
  );
}

function ScheduleRow({ schedule }: { schedule: ReportSchedule }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/reports/schedules/{id}', { params: { path: { id: schedule.id } } })),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('adminConfig.schedules.deleted'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await queryClient.invalidateQueries({ queryKey: schedulesQuery.queryKey });
    },
  });
  const granularity = t(`adminConfig.schedules.every.${schedule.granularity}`);
  return (
    <Table.Tr>
      <Table.Td>{granularity}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{schedule.recipients.join(', ')}</Table.Td>
      <Table.Td>{t(`languages.${schedule.language}`)}</Table.Td>
      <Table.Td>
        {schedule.lastPeriodSent ?? t('adminConfig.schedules.never')}
        <Text size="xs" c="dark.4">
          {t('adminConfig.schedules.created', { at: formatDateTime(schedule.createdAt, i18n.language) })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate()}
            aria-label={t('adminConfig.schedules.deleteNamed', {
              granularity,
              recipients: schedule.recipients.join(', '),
            })}
          >
            {t('adminConfig.schedules.delete')}
          </Button>
          <Refusal error={remove.error} />
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

function NewSchedule() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [granularity, setGranularity] = useState<ReportScheduleInput['granularity']>('week');
  const [language, setLanguage] = useState<'es' | 'en'>('es');
  const [recipients, setRecipients] = useState('');
  const [error, setError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: (addresses: string[]) =>
      unwrap(api.POST('/api/v1/reports/schedules', { body: { granularity, language, recipients: addresses } })),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('adminConfig.schedules.created_ok'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      setRecipients('');
      await queryClient.invalidateQueries({ queryKey: schedulesQuery.queryKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const addresses = parseRecipients(recipients);
    const wrong = addresses.filter((address) => !EMAIL.test(address));
    if (addresses.length === 0) return setError(t('validation.required'));
    if (wrong.length > 0) return setError(t('adminConfig.schedules.badAddress', { addresses: wrong.join(', ') }));
    if (addresses.length > MAX_RECIPIENTS) return setError(t('adminConfig.schedules.tooMany', { max: MAX_RECIPIENTS }));
    setError(undefined);
    create.mutate(addresses);
  };
  const serverField =
    create.error instanceof ApiError
      ? create.error.fields.find((field) => field.field.startsWith('recipients'))?.message
      : undefined;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="new-schedule-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="new-schedule-title">
            {t('adminConfig.schedules.newTitle')}
          </Title>
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelect
              label={t('adminConfig.schedules.granularity')}
              value={granularity}
              onChange={(event) => setGranularity(event.currentTarget.value as ReportScheduleInput['granularity'])}
              data={GRANULARITIES.map((value) => ({ value, label: t(`adminConfig.schedules.every.${value}`) }))}
            />
            <NativeSelect
              label={t('adminConfig.schedules.language')}
              value={language}
              onChange={(event) => setLanguage(event.currentTarget.value as 'es' | 'en')}
              data={MAIL_LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))}
            />
          </Group>
          <GrowingTextarea
            label={t('adminConfig.schedules.recipients')}
            description={t('adminConfig.schedules.recipientsHint', { max: MAX_RECIPIENTS })}
            value={recipients}
            onChange={(event) => setRecipients(event.currentTarget.value)}
            error={error ?? serverField}
            required
            minRows={2}
          />
          {!serverField && <Refusal error={create.error} />}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('adminConfig.schedules.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
