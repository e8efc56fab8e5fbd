import { Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { notifySaved } from '../../components/notify';
import { Refusal } from '../workspace/actions/action-kit';
import { graphQuery } from './admin-config-api';
import {
  areaMailboxesQuery,
  mailboxRows,
  mailboxesToSend,
  notificationRulesQuery,
  ruleKey,
  rulesByEvent,
  rulesToSend,
  validMailbox,
  type AreaMailbox,
  type MailboxRow,
  type RuleState,
} from './notification-rules';

/** Who is mailed what, and each area's mailbox; administrators only. */
export function NotificationRulesPage() {
  const { t } = useTranslation();
  const rules = useQuery(notificationRulesQuery);
  const mailboxes = useQuery(areaMailboxesQuery);
  const graph = useQuery(graphQuery);
  return (
    <Stack gap="lg" maw={1000} mx="auto">
      <Stack gap="xs">
        <Title order={1}>{t('notificationRules.title')}</Title>
        <Text size="sm">{t('notificationRules.intro')}</Text>
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="rules-title">
        <Title order={2} size="h3" id="rules-title">
          {t('notificationRules.rulesTitle')}
        </Title>
        {rules.isPending && <Text role="status">{t('common.loading')}</Text>}
        {rules.isError && <Refusal error={rules.error} title={t('adminConfig.loadFailed')} />}
        {rules.data && <RulesForm key={JSON.stringify(rules.data.rules)} stored={rules.data.rules} />}
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="mailboxes-title">
        <Title order={2} size="h3" id="mailboxes-title">
          {t('notificationRules.mailboxesTitle')}
        </Title>
        <Text size="sm">{t('notificationRules.mailboxesIntro')}</Text>
        {(mailboxes.isPending || graph.isPending) && <Text role="status">{t('common.loading')}</Text>}
        {mailboxes.isError && <Refusal error={mailboxes.error} title={t('adminConfig.loadFailed')} />}
        {graph.isError && <Refusal error={graph.error} title={t('adminConfig.loadFailed')} />}
        {mailboxes.data && graph.data && (
          <MailboxesForm
            key={JSON.stringify(mailboxes.data.mailboxes)}
            rows={mailboxRows(graph.data.areas, mailboxes.data.mailboxes)}
            stored={mailboxes.data.mailboxes}
          />
        )}
      </Stack>
    </Stack>
  );
}

function RulesForm({ stored }: { stored: RuleState[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rules, setRules] = useState<RuleState[]>(stored);
  const changed = JSON.stringify(rulesToSend(rules)) !== JSON.stringify(rulesToSend(stored));
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/notifications/rules', { body: { rules: rulesToSend(rules) } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(notificationRulesQuery.queryKey, saved);
      notifySaved(t, t('notificationRules.rulesSaved'));
    },
  });
  const update = (target: RuleState, change: Partial<Pick<RuleState, 'enabled' | 'essential'>>) =>
    setRules((current) =>
      current.map((rule) =>
        ruleKey(rule) === ruleKey(target)
          ? // A rule turned off is not mandatory any more: turning it on again starts optional.
            { ...rule, ...change, ...(change.enabled === false ? { essential: false } : {}) }
          : rule,
      ),
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (changed) save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={340}>
          <Table verticalSpacing="sm">
            <Table.Caption>{t('notificationRules.rulesCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('notificationRules.event')}</Table.Th>
                <Table.Th scope="col">{t('notificationRules.recipients')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rulesByEvent(rules).map(({ eventType, rules: ofEvent }) => {
                const eventName = t(`notificationRules.events.${eventType}`);
                return (
                  <Table.Tr key={eventType} data-event={eventType}>
                    <Table.Th scope="row" w="32%">
                      {eventName}
                    </Table.Th>
                    <Table.Td>
                      <Group gap="lg" align="flex-start">
                        {ofEvent.map((rule) => {
                          const recipient = t(`notificationRules.kinds.${rule.recipientKind}`);
                          return (
                            <Stack key={rule.recipientKind} gap={4} data-rule={ruleKey(rule)}>
                              <Checkbox
                                label={recipient}
                                aria-label={t('notificationRules.sendLabel', { event: eventName, recipient })}
                                checked={rule.enabled}
                                onChange={(e) => update(rule, { enabled: e.currentTarget.checked })}
                              />
                              {rule.enabled && (
                                <Checkbox
                                  size="xs"
                                  ml="lg"
                                  label={t('notificationRules.essential')}
                                  aria-label={t('notificationRules.essentialLabel', {
                                    event: eventName,
                                    recipient: recipient.toLowerCase(),
                                  })}
                                  checked={rule.essential}
                                  onChange={(e) => update(rule, { essential: e.currentTarget.checked })}
                                />
                              )}
                            </Stack>
                          );
                        })}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Refusal error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!changed}>
            {t('notificationRules.saveRules')}
          </Button>
          {changed && (
            <Text size="sm" role="status">
              {t('notificationRules.unsaved')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function MailboxesForm({ rows, stored }: { rows: MailboxRow[]; stored: AreaMailbox[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initial = Object.fromEntries(
    rows.map((row) => [row.area, stored.find((m) => m.area === row.area)?.email ?? '']),
  );
  const [values, setValues] = useState<Record<string, string>>(initial);
  const invalid = rows.some((row) => !validMailbox(values[row.area] ?? ''));
  const changed = JSON.stringify(mailboxesToSend(values)) !== JSON.stringify(mailboxesToSend(initial));
  const save = useMutation({
    mutationFn: () =>
      unwrap(api.PUT('/api/v1/notifications/area-mailboxes', { body: { mailboxes: mailboxesToSend(values) } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(areaMailboxesQuery.queryKey, saved);
      notifySaved(t, t('notificationRules.mailboxesSaved'));
    },
  });
  const sent = mailboxesToSend(values);
  const serverError = (area: string) => {
    if (!(save.error instanceof ApiError)) return undefined;
    const index = sent.findIndex((m) => m.area === area);
    return save.error.fields.find((f) => f.field.startsWith(`mailboxes.${index}.`))?.message;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (changed && !invalid) save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={340}>
          <Table verticalSpacing="sm">
            <Table.Caption>{t('notificationRules.mailboxesCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('notificationRules.area')}</Table.Th>
                <Table.Th scope="col">{t('notificationRules.mailbox')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const value = values[row.area] ?? '';
                return (
                  <Table.Tr key={row.area} data-mailbox={row.area}>
                    <Table.Th scope="row" w="40%">
                      <Text fw={600} size="sm">
                        {row.area}
                      </Text>
                      <Text size="xs">{row.name}</Text>
                      {row.retired && (
                        <Badge size="xs" color="dark" variant="outline">
                          {t('notificationRules.notInGraph')}
                        </Badge>
                      )}
                    </Table.Th>
                    <Table.Td>
                      <TextInput
                        type="email"
                        aria-label={t('notificationRules.mailboxLabel', { area: row.area })}
                        value={value}
                        onChange={(e) => {
                          const next = e.currentTarget.value;
                          setValues((current) => ({ ...current, [row.area]: next }));
                        }}
                        error={validMailbox(value) ? serverError(row.area) : t('notificationRules.invalidEmail')}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Refusal error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!changed || invalid}>
            {t('notificationRules.saveMailboxes')}
          </Button>
          {changed && (
            <Text size="sm" role="status">
              {t('notificationRules.unsaved')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
