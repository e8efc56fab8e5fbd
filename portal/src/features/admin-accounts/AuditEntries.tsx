import { Anchor, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { Refusal } from '../workspace/actions/action-kit';
import { auditQuery, type AuditEntry, type AuditFilters } from './admin-accounts-api';
import { auditChanges } from './audit-changes';
import './admin-accounts.css';

/** Narrows the list to one actor's or one target's changes (the audit page). */
export type AuditFilterChoice = { actor: string } | { targetType: AuditEntry['targetType']; targetId: string };

/** The audit entries matching `filters`, newest first, with "Cargar más". */
export function AuditEntries({
  filters,
  label,
  onFilter,
}: {
  filters: AuditFilters;
  label: string;
  onFilter?: (choice: AuditFilterChoice) => void;
}) {
  const { t } = useTranslation();
  const audit = useInfiniteQuery(auditQuery(filters));
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="sm">
      <Text size="sm" c="dark.5" role="status">
        {audit.isPending ? t('common.loading') : t('adminAccounts.audit.count', { count: entries.length })}
      </Text>
      {audit.isError && <Refusal error={audit.error} title={t('adminAccounts.audit.loadFailed')} />}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
        {entries.map((entry) => (
          <AuditCard key={entry.id} entry={entry} {...(onFilter ? { onFilter } : {})} />
        ))}
      </Stack>
      {audit.hasNextPage && (
        <Button variant="light" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
          {t('adminAccounts.loadMore')}
        </Button>
      )}
    </Stack>
  );
}

function AuditCard({ entry, onFilter }: { entry: AuditEntry; onFilter?: (choice: AuditFilterChoice) => void }) {
  const { t, i18n } = useTranslation();
  const target = targetName(entry);
  const changes = auditChanges(entry.before, entry.after);
  // An account's role and status in words; anything else as recorded.
  const value = (field: string, text: string | null): string => {
    if (text === null) return '—';
    if (entry.targetType !== 'account') return text;
    if (field === 'role') return t(`roles.${text}`);
    if (field === 'active') return text === 'true' ? t('adminAccounts.yes') : t('adminAccounts.no');
    if (field === 'resetLinkExpiresAt') return formatDateTime(text, i18n.language);
    return text;
  };
  return (
    <Card withBorder padding="sm" component="li">
      <Group gap="xs" justify="space-between" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Badge variant="light" color="cau">
              {t(`adminAccounts.audit.actions.${entry.action}`)}
            </Badge>
            {onFilter ? (
              <Anchor
                component="button"
                type="button"
                size="sm"
                fw={600}
                style={{ overflowWrap: 'anywhere' }}
                onClick={() => onFilter({ targetType: entry.targetType, targetId: entry.targetId })}
                title={t('adminAccounts.audit.showTarget', { target })}
              >
                {target}
              </Anchor>
            ) : (
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {target}
              </Text>
            )}
          </Group>
          <Text size="xs" c="dark.5">
            {t('adminAccounts.audit.by', {
              name: entry.actor.name,
              email: entry.actor.email,
              at: formatDateTime(entry.at, i18n.language),
            })}
            {onFilter && (
              <>
                {' · '}
                <Anchor
                  component="button"
                  type="button"
                  size="xs"
                  onClick={() => onFilter({ actor: entry.actor.accountId })}
                >
                  {t('adminAccounts.audit.showActor', { name: entry.actor.name })}
                </Anchor>
              </>
            )}
          </Text>
        </Stack>
      </Group>
      {changes.length > 0 && (
        <Table mt="xs" withRowBorders={false} verticalSpacing={2} fz="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('adminAccounts.audit.field')}</Table.Th>
              <Table.Th scope="col">{t('adminAccounts.audit.before')}</Table.Th>
              <Table.Th scope="col">{t('adminAccounts.audit.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.field}>
                <Table.Td>{fieldLabel(t, change.field)}</Table.Td>
                <Table.Td className="audit-value">{value(change.field, change.before)}</Table.Td>
                <Table.Td className="audit-value">{value(change.field, change.after)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** An account by its name, a canned answer by its title, anything else by its id or key. */
function targetName(entry: AuditEntry): string {
  const key = entry.targetType === 'account' ? 'name' : entry.targetType === 'canned-answer' ? 'title' : null;
  if (key === null) return entry.targetId;
  const named = entry.after?.[key] ?? entry.before?.[key];
  return typeof named === 'string' ? named : entry.targetId;
}

const KNOWN_FIELDS = ['name', 'email', 'role', 'area', 'jurisdiction', 'active', 'resetLinkExpiresAt'] as const;

/** An account's fields in words; any other record's keys as they are. */
function fieldLabel(t: (key: string) => string, field: string): string {
  return (KNOWN_FIELDS as readonly string[]).includes(field) ? t(`adminAccounts.fields.${field}`) : field;
}
