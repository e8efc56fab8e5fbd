import { Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../app/ErrorPages';
import { formatDateTime } from '../../app/format';
import { kbVersionsQuery } from './knowledge-api';
import { versionDiff, type ArticleVersion } from './version-diff';
import './knowledge.css';

/** Every version of the article, newest first; each opens what it changed against the one before it. */
export function ArticleVersions({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const versions = useQuery(kbVersionsQuery(id));
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="kb-versions">
      <Title order={2} size="h4" id="kb-versions" mb="sm">
        {t('kbEditor.versions')}
      </Title>
      {versions.isPending && <Loader aria-label={t('common.loading')} />}
      {versions.isError && <QueryError error={versions.error} />}
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {versions.data?.map((version, index) => {
          // Newest first: the version before this one is the next in the list.
          const earlier = versions.data[index + 1];
          const expanded = open === version.revision;
          return (
            <li key={version.revision}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm">
                  <strong>{t('kbEditor.revision', { revision: version.revision })}</strong> ·{' '}
                  {t(`kbEditor.change.${version.change}`)} · {version.by.name} ·{' '}
                  {formatDateTime(version.at, i18n.language)}
                </Text>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  aria-expanded={expanded}
                  aria-controls={`kb-diff-${version.revision}`}
                  onClick={() => setOpen(expanded ? null : version.revision)}
                >
                  {expanded ? t('kbEditor.hideChanges') : t('kbEditor.showChanges')}
                </Button>
              </Group>
              {expanded && <VersionChanges id={`kb-diff-${version.revision}`} earlier={earlier} later={version} />}
            </li>
          );
        })}
      </Stack>
    </Card>
  );
}

function VersionChanges({ id, earlier, later }: { id: string; earlier?: ArticleVersion; later: ArticleVersion }) {
  const { t } = useTranslation();
  const fields = versionDiff(earlier, later, (field, code) =>
    t(field === 'status' ? `kbEditor.status.${code}` : `kbEditor.visibility.${code}`),
  );
  return (
    <Stack id={id} gap="xs" mt="xs" className="kb-diff">
      {fields.length === 0 && <Text size="sm">{t('kbEditor.noChanges')}</Text>}
      {fields.map(({ field, parts }) => (
        <div key={field}>
          <Text size="xs" fw={700} c="dark.6">
            {t(`kbEditor.field.${field}`)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {parts.map((part, index) =>
              part.added ? (
                <ins key={index}>{part.value}</ins>
              ) : part.removed ? (
                <del key={index}>{part.value}</del>
              ) : (
                <span key={index}>{part.value}</span>
              ),
            )}
          </Text>
        </div>
      ))}
    </Stack>
  );
}
