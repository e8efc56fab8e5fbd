import { Button, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { Refusal } from '../workspace/actions/action-kit';
import { formatDateTime } from '../../app/format';
import { slaPoliciesQuery, type SlaPolicies, type SlaPolicy } from './admin-config-api';
import { describeMinutes } from './minutes';
import { SlaOverrides } from './SlaOverrides';
import {
  invalidMinutes as invalid,
  MAX_SLA_MINUTES as MAX_MINUTES,
  overridesBody,
  type OverrideRow,
} from './sla-overrides';

const PRIORITY_ORDER: ReadonlyArray<SlaPolicy['priority']> = ['ALTA', 'MEDIA', 'BAJA'];

/** Response and resolution targets per priority, in business minutes; administrators only. */
export function SlaPage() {
  const { t } = useTranslation();
  const policies = useQuery(slaPoliciesQuery);
  return (
    <Stack gap="md" maw={900} mx="auto">
      <Title order={1}>{t('adminConfig.sla.title')}</Title>
      <Text size="sm">{t('adminConfig.sla.intro')}</Text>
      {policies.isPending && <Text role="status">{t('common.loading')}</Text>}
      {policies.isError && <Refusal error={policies.error} title={t('adminConfig.loadFailed')} />}
      {policies.data && (
        <SlaForm
          key={JSON.stringify([policies.data.policies, policies.data.overrides])}
          policies={policies.data.policies}
          overrides={policies.data.overrides}
        />
      )}
      {policies.data?.preview && <DuePreview preview={policies.data.preview} />}
    </Stack>
  );
}

type Values = Record<string, { responseMinutes: number | string; resolutionMinutes: number | string }>;

function SlaForm({ policies, overrides }: { policies: SlaPolicy[]; overrides: SlaPolicies['overrides'] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const ordered = PRIORITY_ORDER.map((priority) => policies.find((policy) => policy.priority === priority)).filter(
    (policy): policy is SlaPolicy => policy !== undefined,
  );
  const [values, setValues] = useState<Values>(() =>
    Object.fromEntries(
      ordered.map((p) => [p.priority, { responseMinutes: p.responseMinutes, resolutionMinutes: p.resolutionMinutes }]),
    ),
  );
  const [overrideRows, setOverrideRows] = useState<OverrideRow[]>(() => overrides);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/sla/policies', {
          body: {
            policies: ordered.map(({ priority }) => ({
              priority,
              responseMinutes: Number(values[priority]!.responseMinutes),
              resolutionMinutes: Number(values[priority]!.resolutionMinutes),
            })),
            overrides: overridesBody(overrideRows),
          },
        }),
      ),
    onSuccess: async () => {
      // Read again: the answer to a replacement has no preview of the due dates.
      await queryClient.invalidateQueries({ queryKey: slaPoliciesQuery.queryKey });
      notifications.show({
        color: 'green',
        message: t('adminConfig.sla.saved'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
    },
  });
  const serverField = (list: 'policies' | 'overrides') => (index: number, field: string) =>
    save.error instanceof ApiError
      ? save.error.fields.find((f) => f.field === `${list}.${index}.${field}`)?.message
      : undefined;
  const anyInvalid =
    ordered.some(
      ({ priority }) => invalid(values[priority]!.responseMinutes) || invalid(values[priority]!.resolutionMinutes),
    ) || overrideRows.some((row) => invalid(row.responseMinutes) || invalid(row.resolutionMinutes));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!anyInvalid) save.mutate();
  };
  const set = (priority: string, field: 'responseMinutes' | 'resolutionMinutes', value: number | string) =>
    setValues((current) => ({ ...current, [priority]: { ...current[priority]!, [field]: value } }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={340}>
          <Table>
            <Table.Caption>{t('adminConfig.sla.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('adminConfig.sla.priority')}</Table.Th>
                <Table.Th scope="col">{t('adminConfig.sla.response')}</Table.Th>
                <Table.Th scope="col">{t('adminConfig.sla.resolution')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ordered.map(({ priority }, index) => (
                <Table.Tr key={priority}>
                  <Table.Th scope="row">{t(`priority.${priority}`)}</Table.Th>
                  {(['responseMinutes', 'resolutionMinutes'] as const).map((field) => {
                    const value = values[priority]![field];
                    return (
                      <Table.Td key={field}>
                        <NumberInput
                          aria-label={t(`adminConfig.sla.${field}Label`, { priority: t(`priority.${priority}`) })}
                          name={`${priority}.${field}`}
                          value={value}
                          onChange={(next) => set(priority, field, next)}
                          min={1}
                          max={MAX_MINUTES}
                          allowDecimal={false}
                          allowNegative={false}
                          suffix=" min"
                          description={invalid(value) ? undefined : describeMinutes(Number(value), i18n.language)}
                          error={invalid(value) ? t('adminConfig.sla.invalid') : serverField('policies')(index, field)}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <SlaOverrides
          rows={overrideRows}
          onChange={setOverrideRows}
          general={ordered}
          serverField={serverField('overrides')}
        />
        <Refusal error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={anyInvalid}>
            {t('adminConfig.sla.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * When a ticket registered now would be due under the saved targets (the service counts it, holidays
 * included); also shown on the calendars page, under its own heading there.
 */
export function DuePreview({
  preview,
  headingOrder = 2,
}: {
  preview: NonNullable<SlaPolicies['preview']>;
  headingOrder?: 2 | 3;
}) {
  const { t, i18n } = useTranslation();
  const ordered = PRIORITY_ORDER.map((priority) => preview.dueDates.find((due) => due.priority === priority)).filter(
    (due) => due !== undefined,
  );
  return (
    <Stack gap={4} component="section" aria-labelledby="sla-preview-title">
      <Title order={headingOrder} size="h4" id="sla-preview-title">
        {t('adminConfig.sla.previewTitle', { at: formatDateTime(preview.from, i18n.language) })}
      </Title>
      <Stack component="ul" gap={2} m={0} pl="md">
        {ordered.map((due) => (
          <Text
            component="li"
            size="sm"
            key={due.priority}
            data-preview={due.priority}
            data-response-due={due.responseDueAt}
            data-resolution-due={due.resolutionDueAt}
          >
            {t('adminConfig.sla.previewLine', {
              priority: t(`priority.${due.priority}`),
              response: formatDateTime(due.responseDueAt, i18n.language),
              resolution: formatDateTime(due.resolutionDueAt, i18n.language),
            })}
          </Text>
        ))}
        {preview.overrides.map((due) => (
          <Text
            component="li"
            size="sm"
            key={`${due.scope}:${due.code}:${due.priority}`}
            data-preview={`${due.scope}:${due.code}:${due.priority}`}
            data-response-due={due.responseDueAt}
            data-resolution-due={due.resolutionDueAt}
          >
            {t('adminConfig.sla.previewLine', {
              priority: t('adminConfig.slaOverrides.target', {
                scope: t(`adminConfig.slaOverrides.scope.${due.scope}`),
                name: due.code,
                priority: t(`priority.${due.priority}`),
              }),
              response: formatDateTime(due.responseDueAt, i18n.language),
              resolution: formatDateTime(due.resolutionDueAt, i18n.language),
            })}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}
