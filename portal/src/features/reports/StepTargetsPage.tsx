import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { notifySaved } from '../../components/notify';
import { Refusal } from '../workspace/actions/action-kit';
import {
  changedTargets,
  draftsOf,
  minutesOf,
  stepTargetsQuery,
  type StepTarget,
  type StepTargets,
} from './step-times-api';

/** The targets per step of the field procedure (docs/indicators.md "Times per step"); administrators only. */
export function StepTargetsPage() {
  const { t } = useTranslation();
  const targets = useQuery(stepTargetsQuery);
  return (
    <Stack gap="md" maw={900} mx="auto">
      <Title order={1}>{t('stepTimes.admin.title')}</Title>
      <Text size="sm">{t('stepTimes.admin.intro')}</Text>
      {targets.isPending && <Text role="status">{t('common.loading')}</Text>}
      {targets.isError && <Refusal error={targets.error} title={t('adminConfig.loadFailed')} />}
      {targets.data && <TargetsForm key={targets.data.updatedAt ?? 'seed'} stored={targets.data} />}
    </Stack>
  );
}

function TargetsForm({ stored }: { stored: StepTargets }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState(() => draftsOf(stored.targets));
  const changes = changedTargets(stored.targets, drafts);
  const changedCount = stored.targets.filter((target) => {
    const minutes = minutesOf(drafts[target.step] ?? '');
    return minutes !== target.minutes;
  }).length;
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/reports/step-targets', { body: { targets: changes ?? [] } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(stepTargetsQuery.queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['reports', 'step-times'] });
      notifySaved(t, t('stepTimes.admin.saved'));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (changes && changes.length > 0) save.mutate();
  };
  const label = (target: StepTarget) => t(`stepTimes.steps.${target.step}`);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={320}>
          <Table verticalSpacing="xs" striped withTableBorder>
            <Table.Caption>{t('stepTimes.admin.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('stepTimes.columns.step')}</Table.Th>
                <Table.Th scope="col">{t('stepTimes.columns.target')}</Table.Th>
                <Table.Th scope="col">{t('stepTimes.admin.seed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stored.targets.map((target) => {
                const draft = drafts[target.step] ?? '';
                const invalid = minutesOf(draft) === undefined;
                const isChanged = !invalid && minutesOf(draft) !== target.minutes;
                return (
                  <Table.Tr key={target.step} data-step={target.step}>
                    <Table.Th scope="row" fw={500}>
                      {label(target)}
                      {!target.measured && (
                        <Text size="xs" c="dark.5">
                          {t('stepTimes.admin.notMeasured')}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <TextInput
                          aria-label={t('stepTimes.admin.minutesLabel', { step: label(target) })}
                          inputMode="numeric"
                          w={110}
                          value={draft}
                          error={invalid ? t('stepTimes.admin.invalid') : undefined}
                          onChange={(event) => {
                            const value = event.currentTarget.value;
                            setDrafts((current) => ({ ...current, [target.step]: value }));
                          }}
                        />
                        {isChanged && (
                          <Badge size="sm" color="dark" variant="outline">
                            {t('priorityMatrix.changed')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {target.defaultMinutes === null
                        ? t('stepTimes.noTarget')
                        : t('stepTimes.admin.seedValue', { minutes: target.defaultMinutes })}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Refusal error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!changes || changes.length === 0}>
            {t('stepTimes.admin.save')}
          </Button>
          <Button variant="default" onClick={() => setDrafts(draftsOf(stored.targets))} disabled={changedCount === 0}>
            {t('stepTimes.admin.undo')}
          </Button>
          <Button
            variant="default"
            onClick={() =>
              setDrafts(draftsOf(stored.targets.map((target) => ({ ...target, minutes: target.defaultMinutes }))))
            }
          >
            {t('stepTimes.admin.restore')}
          </Button>
          <Text size="sm" role="status">
            {changedCount > 0 ? t('stepTimes.admin.changes', { count: changedCount }) : t('stepTimes.admin.noChanges')}
          </Text>
        </Group>
        {stored.updatedAt && stored.updatedBy && (
          <Text size="sm" c="dark.5" data-testid="step-targets-last-change">
            {t('stepTimes.admin.lastChange', {
              when: formatDateTime(stored.updatedAt, i18n.language),
              who: stored.updatedBy.name,
            })}
          </Text>
        )}
      </Stack>
    </form>
  );
}
