import { zodResolver } from '@hookform/resolvers/zod';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, ApiError, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { onSubmitOf } from '../../components/forms';
import { AnchorLink } from '../../components/links';
import { ActionModal, fieldError, Refusal } from '../workspace/actions/action-kit';
import { graphQuery } from '../workspace/workspace-api';
import {
  integrationsQuery,
  recentAlertsQuery,
  webhookUrl,
  type Integration,
  type IntegrationBody,
} from './monitoring-api';

const PRIORITIES = ['ALTA', 'MEDIA', 'BAJA'] as const;

const integrationSchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  kind: z.enum(['alertmanager', 'zabbix']),
  enabled: z.boolean(),
  jurisdiction: z.string().trim().min(1, 'validation.required').max(50, 'validation.tooLong'),
  category: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
  contactEmail: z.string().trim().email('validation.email'),
  contactName: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  defaultArea: z.string().min(1, 'validation.required'),
  noteIntervalMinutes: z.number().int().min(1).max(1440),
  areaRules: z.array(
    z.object({
      match: z.enum(['label', 'hostGroup']),
      key: z.string().trim().max(100, 'validation.tooLong'),
      value: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
      area: z.string().min(1, 'validation.required'),
    }),
  ),
  severityPriorities: z.array(
    z.object({
      severity: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
      priority: z.enum(PRIORITIES),
    }),
  ),
});
type IntegrationValues = z.infer<typeof integrationSchema>;

function toBody(values: IntegrationValues): IntegrationBody {
  return {
    ...values,
    areaRules: values.areaRules.map((rule) =>
      rule.match === 'label'
        ? { match: rule.match, key: rule.key, value: rule.value, area: rule.area }
        : { match: rule.match, value: rule.value, area: rule.area },
    ),
  };
}

/** Administrators: the monitoring tools whose alerts open incidents, their webhooks and the latest alerts. */
export function MonitoringPage() {
  const { t, i18n } = useTranslation();
  const integrations = useQuery(integrationsQuery);
  const alerts = useQuery(recentAlertsQuery);
  const graph = useQuery(graphQuery);
  const areas = graph.data?.areas.map((area) => ({ value: area.code, label: `${area.code} — ${area.name}` })) ?? [];
  const [editing, setEditing] = useState<Integration | 'new' | null>(null);
  const [secret, setSecret] = useState<{ integration: Integration; secret: string } | null>(null);

  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('monitoring.title')}</Title>
        <Button onClick={() => setEditing('new')}>{t('monitoring.new')}</Button>
      </Group>
      <Text size="sm">{t('monitoring.intro')}</Text>
      {integrations.isError && <Refusal error={integrations.error} title={t('monitoring.loadFailed')} />}
      <Title order={2} size="h3">
        {t('monitoring.integrations')}
      </Title>
      {integrations.data?.integrations.length === 0 && <Text c="dark.5">{t('monitoring.none')}</Text>}
      <Stack gap="sm" component="ul" p={0} style={{ listStyle: 'none' }} aria-label={t('monitoring.integrations')}>
        {integrations.data?.integrations.map((integration) => (
          <Card key={integration.id} withBorder padding="sm" component="li">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Group gap="xs" wrap="wrap">
                <Title order={3} size="h5">
                  {integration.name}
                </Title>
                <Badge variant="light" color="cau">
                  {t(`monitoring.kind.${integration.kind}`)}
                </Badge>
                <Text size="sm" fw={600}>
                  {integration.enabled ? t('monitoring.enabled') : t('monitoring.disabled')}
                </Text>
              </Group>
              <Text size="sm">
                {t('monitoring.summary', {
                  area: integration.defaultArea,
                  rules: integration.areaRules.length,
                  category: integration.category,
                  contact: integration.contactEmail,
                })}
              </Text>
              <Text size="sm" fw={600}>
                {t('monitoring.webhook')}
              </Text>
              <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {webhookUrl(integration.webhookPath)}
              </Code>
              <Text size="xs" c="dark.4">
                {t('monitoring.rotatedAt', { at: formatDateTime(integration.secretRotatedAt, i18n.language) })}
              </Text>
              <Group gap="xs" mt={4}>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => setEditing(integration)}
                  aria-label={t('monitoring.editNamed', { name: integration.name })}
                >
                  {t('monitoring.edit')}
                </Button>
                <RotateButton integration={integration} onRotated={setSecret} />
              </Group>
            </Stack>
          </Card>
        ))}
      </Stack>

      <Title order={2} size="h3">
        {t('monitoring.recent')}
      </Title>
      {alerts.isError && <Refusal error={alerts.error} />}
      {alerts.data?.alerts.length === 0 && <Text c="dark.5">{t('monitoring.noAlerts')}</Text>}
      {(alerts.data?.alerts.length ?? 0) > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Caption>{t('monitoring.recentCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.col.alert')}</Table.Th>
                <Table.Th>{t('monitoring.col.source')}</Table.Th>
                <Table.Th>{t('monitoring.col.status')}</Table.Th>
                <Table.Th>{t('monitoring.col.count')}</Table.Th>
                <Table.Th>{t('monitoring.col.lastSeen')}</Table.Th>
                <Table.Th>{t('monitoring.col.ticket')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {alerts.data?.alerts.map((alert) => (
                <Table.Tr key={alert.id}>
                  <Table.Td>
                    {alert.name}
                    {alert.severity && (
                      <Text span size="xs" c="dark.5">
                        {' '}
                        ({alert.severity})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{alert.integrationName}</Table.Td>
                  <Table.Td>{t(`monitoring.status.${alert.status}`)}</Table.Td>
                  <Table.Td>{alert.firingCount}</Table.Td>
                  <Table.Td>{formatDateTime(alert.lastSeenAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <AnchorLink to="/tickets/$number" params={{ number: alert.ticketNumber }}>
                      {t('monitoring.ticketNumber', { number: alert.ticketNumber })}
                    </AnchorLink>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {editing !== null && (
        <IntegrationForm
          integration={editing === 'new' ? null : editing}
          areas={areas}
          onClose={() => setEditing(null)}
          onCreated={setSecret}
        />
      )}
      {secret && <SecretShown shown={secret} onClose={() => setSecret(null)} />}
    </Stack>
  );
}

function RotateButton({
  integration,
  onRotated,
}: {
  integration: Integration;
  onRotated: (shown: { integration: Integration; secret: string }) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const rotate = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/monitoring/integrations/{id}/secret', { params: { path: { id: integration.id } } })),
    onSuccess: async (answer) => {
      onRotated({ integration: { ...integration, ...answer.integration }, secret: answer.secret });
      await queryClient.invalidateQueries({ queryKey: integrationsQuery.queryKey });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        message: error instanceof ApiError ? error.message : t('errors.unexpectedPage'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      }),
  });
  return (
    <Button
      size="xs"
      variant="subtle"
      loading={rotate.isPending}
      onClick={() => rotate.mutate()}
      aria-label={t('monitoring.rotateNamed', { name: integration.name })}
    >
      {t('monitoring.rotate')}
    </Button>
  );
}

function SecretShown({ shown, onClose }: { shown: { integration: Integration; secret: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const url = webhookUrl(shown.integration.webhookPath);
  return (
    <ActionModal opened onClose={onClose} title={t('monitoring.secretTitle', { name: shown.integration.name })}>
      <Stack gap="sm">
        <Alert color="yellow" title={t('monitoring.secretOnce')}>
          {t('monitoring.secretHint')}
        </Alert>
        {[
          { label: t('monitoring.webhook'), value: url },
          { label: t('monitoring.secret'), value: shown.secret },
        ].map((item) => (
          <Stack key={item.label} gap={4}>
            <Text size="sm" fw={600}>
              {item.label}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code
                block
                style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}
                data-testid={`shown-${item.label}`}
              >
                {item.value}
              </Code>
              <CopyButton value={item.value}>
                {({ copied, copy }) => (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={copy}
                    aria-label={t('monitoring.copyNamed', { what: item.label })}
                  >
                    {copied ? t('monitoring.copied') : t('monitoring.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        ))}
        <Text size="sm">
          {shown.integration.kind === 'alertmanager' ? t('monitoring.howAlertmanager') : t('monitoring.howZabbix')}
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            {t('monitoring.done')}
          </Button>
        </Group>
      </Stack>
    </ActionModal>
  );
}

function IntegrationForm({
  integration,
  areas,
  onClose,
  onCreated,
}: {
  integration: Integration | null;
  areas: Array<{ value: string; label: string }>;
  onClose: () => void;
  onCreated: (shown: { integration: Integration; secret: string }) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<IntegrationValues>({
    resolver: zodResolver(integrationSchema),
    defaultValues: {
      name: integration?.name ?? '',
      kind: integration?.kind ?? 'alertmanager',
      enabled: integration?.enabled ?? true,
      jurisdiction: integration?.jurisdiction ?? '',
      category: integration?.category ?? '',
      contactEmail: integration?.contactEmail ?? '',
      contactName: integration?.contactName ?? '',
      defaultArea: integration?.defaultArea ?? 'UIT',
      noteIntervalMinutes: integration?.noteIntervalMinutes ?? 30,
      areaRules: (integration?.areaRules ?? []).map((rule) => ({ ...rule, key: rule.key ?? '' })),
      severityPriorities: integration?.severityPriorities ?? [],
    },
  });
  const rules = useFieldArray({ control: form.control, name: 'areaRules' });
  const severities = useFieldArray({ control: form.control, name: 'severityPriorities' });
  const save = useMutation({
    mutationFn: async (values: IntegrationValues) => {
      const body = toBody(values);
      if (integration) {
        await unwrap(
          api.PUT('/api/v1/monitoring/integrations/{id}', { params: { path: { id: integration.id } }, body }),
        );
        return null;
      }
      return unwrap(api.POST('/api/v1/monitoring/integrations', { body }));
    },
    onSuccess: async (created) => {
      notifications.show({
        color: 'green',
        message: t('monitoring.saved'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await queryClient.invalidateQueries({ queryKey: integrationsQuery.queryKey });
      onClose();
      if (created) onCreated(created);
    },
  });
  const serverField = (name: string) =>
    save.error instanceof ApiError ? save.error.fields.find((field) => field.field === name)?.message : undefined;
  const { errors } = form.formState;
  const areaData = [{ value: '', label: t('monitoring.chooseArea') }, ...areas];
  return (
    <ActionModal
      opened
      onClose={onClose}
      size="xl"
      title={integration ? t('monitoring.editTitle', { name: integration.name }) : t('monitoring.newTitle')}
    >
      <form onSubmit={onSubmitOf(form.handleSubmit((values) => save.mutate(values)))} noValidate>
        <Stack gap="sm">
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('monitoring.field.name')}
              required
              data-autofocus
              {...form.register('name')}
              error={fieldError(t, errors.name?.message) ?? serverField('name')}
            />
            <NativeSelect
              label={t('monitoring.field.kind')}
              data={[
                { value: 'alertmanager', label: t('monitoring.kind.alertmanager') },
                { value: 'zabbix', label: t('monitoring.kind.zabbix') },
              ]}
              {...form.register('kind')}
            />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('monitoring.field.jurisdiction')}
              required
              {...form.register('jurisdiction')}
              error={fieldError(t, errors.jurisdiction?.message) ?? serverField('jurisdiction')}
            />
            <TextInput
              label={t('monitoring.field.category')}
              required
              {...form.register('category')}
              error={fieldError(t, errors.category?.message) ?? serverField('category')}
            />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('monitoring.field.contactName')}
              required
              {...form.register('contactName')}
              error={fieldError(t, errors.contactName?.message) ?? serverField('contactName')}
            />
            <TextInput
              label={t('monitoring.field.contactEmail')}
              type="email"
              required
              {...form.register('contactEmail')}
              error={fieldError(t, errors.contactEmail?.message) ?? serverField('contactEmail')}
            />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelect
              label={t('monitoring.field.defaultArea')}
              required
              data={areaData}
              {...form.register('defaultArea')}
              error={fieldError(t, errors.defaultArea?.message) ?? serverField('defaultArea')}
            />
            <Controller
              control={form.control}
              name="noteIntervalMinutes"
              render={({ field }) => (
                <NumberInput
                  label={t('monitoring.field.noteInterval')}
                  description={t('monitoring.field.noteIntervalHint')}
                  min={1}
                  max={1440}
                  value={field.value}
                  onChange={(value) => field.onChange(typeof value === 'number' ? value : Number(value) || 1)}
                  onBlur={field.onBlur}
                  error={serverField('noteIntervalMinutes')}
                />
              )}
            />
          </Group>
          <Checkbox label={t('monitoring.field.enabled')} {...form.register('enabled')} />

          <Title order={3} size="h5">
            {t('monitoring.rulesTitle')}
          </Title>
          <Text size="sm" c="dark.5">
            {t('monitoring.rulesHint')}
          </Text>
          {rules.fields.map((rule, index) => (
            <Group key={rule.id} align="flex-end" wrap="wrap" gap="xs">
              <NativeSelect
                label={t('monitoring.field.match')}
                data={[
                  { value: 'label', label: t('monitoring.match.label') },
                  { value: 'hostGroup', label: t('monitoring.match.hostGroup') },
                ]}
                {...form.register(`areaRules.${index}.match`)}
              />
              <TextInput
                label={t('monitoring.field.key')}
                {...form.register(`areaRules.${index}.key`)}
                error={serverField(`areaRules.${index}.key`)}
              />
              <TextInput
                label={t('monitoring.field.value')}
                {...form.register(`areaRules.${index}.value`)}
                error={fieldError(t, errors.areaRules?.[index]?.value?.message)}
              />
              <NativeSelect
                label={t('monitoring.field.area')}
                data={areaData}
                {...form.register(`areaRules.${index}.area`)}
                error={
                  fieldError(t, errors.areaRules?.[index]?.area?.message) ?? serverField(`areaRules.${index}.area`)
                }
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                onClick={() => rules.remove(index)}
                aria-label={t('monitoring.removeRule', { index: index + 1 })}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              onClick={() => rules.append({ match: 'label', key: '', value: '', area: areas[0]?.value ?? '' })}
            >
              {t('monitoring.addRule')}
            </Button>
          </Group>

          <Title order={3} size="h5">
            {t('monitoring.severitiesTitle')}
          </Title>
          <Text size="sm" c="dark.5">
            {t('monitoring.severitiesHint')}
          </Text>
          {severities.fields.map((mapping, index) => (
            <Group key={mapping.id} align="flex-end" wrap="wrap" gap="xs">
              <TextInput
                label={t('monitoring.field.severity')}
                {...form.register(`severityPriorities.${index}.severity`)}
                error={fieldError(t, errors.severityPriorities?.[index]?.severity?.message)}
              />
              <NativeSelect
                label={t('monitoring.field.priority')}
                data={PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
                {...form.register(`severityPriorities.${index}.priority`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                onClick={() => severities.remove(index)}
                aria-label={t('monitoring.removeSeverity', { index: index + 1 })}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button size="xs" variant="light" onClick={() => severities.append({ severity: '', priority: 'MEDIA' })}>
              {t('monitoring.addSeverity')}
            </Button>
          </Group>

          <Refusal error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('monitoring.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ActionModal>
  );
}
