import { Alert, Button, Group, List, Loader, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { AnchorLink } from '../../../components/links';
import { staffKbSearchQuery } from '../workspace-api';
import { Refusal } from './action-kit';

/**
 * "Crear artículo desde este ticket" (9.1 step 6: update the knowledge base without registering a case
 * that is already there). The knowledge service drafts the article from the ticket's title, description
 * and submitted solution without a duplicate check of its own, so the articles the search finds for the
 * ticket's title are shown first: the person links one of those instead, or drafts a new one.
 */
export function CreateArticle({ number, title, onCancel }: { number: number; title: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const similar = useQuery(staffKbSearchQuery(title));
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/tickets/{number}/kb-article', { params: { path: { number } } })),
  });
  const candidates = similar.data?.items ?? [];

  if (create.data) {
    return (
      <Stack>
        <Alert color="green" role="status" title={t('workspace.article.created')}>
          <AnchorLink to="/kb/$articleId" params={{ articleId: create.data.id }}>
            {create.data.title}
          </AnchorLink>
          <Text size="sm" mt={4}>
            {t('workspace.article.createdHint')}
          </Text>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onCancel}>{t('workspace.forms.close')}</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack>
      <Text size="sm">{t('workspace.article.intro')}</Text>
      {similar.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {candidates.length > 0 && (
        <Alert color="yellow" title={t('workspace.article.similar', { count: candidates.length })}>
          <List size="sm" spacing={4}>
            {candidates.map((candidate) => (
              <List.Item key={candidate.id}>
                <AnchorLink to="/kb/$articleId" params={{ articleId: candidate.id }} target="_blank">
                  {candidate.title}
                </AnchorLink>
                {candidate.status !== 'published' && ` (${t(`workspace.article.status.${candidate.status}`)})`}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {similar.isSuccess && candidates.length === 0 && <Text size="sm">{t('workspace.article.noSimilar')}</Text>}
      <Refusal error={create.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => create.mutate()} loading={create.isPending} data-autofocus>
          {candidates.length > 0 ? t('workspace.article.createAnyway') : t('workspace.article.create')}
        </Button>
      </Group>
    </Stack>
  );
}
