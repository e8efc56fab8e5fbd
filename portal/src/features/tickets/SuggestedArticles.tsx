import { Alert, Button, Card, Group, List, Modal, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { SUCCESS_COLOR } from './ticket-status';
import { ArticleContent } from '../knowledge/ArticleContent';
import { kbSuggestQuery } from '../knowledge/knowledge-api';

/**
 * Public articles that match what the person is typing (docs/domain.md § Knowledge base: the knowledge base first). Each
 * opens in place; "esto resolvió mi problema" is recorded as a ticket avoided, and no ticket is needed.
 */
export function SuggestedArticles({ query, onSolved }: { query: string; onSolved: () => void }) {
  const { t } = useTranslation();
  const suggestions = useQuery(kbSuggestQuery(query));
  const [open, setOpen] = useState<string | null>(null);
  const solved = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/kb/articles/{id}/self-solved', { params: { path: { id } }, body: { query } })),
    onSuccess: () => {
      setOpen(null);
      onSolved();
    },
  });
  const items = suggestions.data ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder padding="md" bg="blue.0" component="aside" aria-labelledby="suggestions-title" aria-live="polite">
      <Title order={2} size="h5" id="suggestions-title">
        {t('report.suggestionsTitle')}
      </Title>
      <Text size="sm" mb="xs">
        {t('report.suggestionsHint')}
      </Text>
      <List spacing={4} size="sm">
        {items.map((item) => (
          <List.Item key={item.id}>
            <UnstyledButton onClick={() => setOpen(item.id)} c="cau.9" td="underline" fz="sm">
              {item.title}
            </UnstyledButton>
          </List.Item>
        ))}
      </List>
      <Modal opened={open !== null} onClose={() => setOpen(null)} size="lg" title={t('report.articleTitle')}>
        {open && (
          <Stack>
            <ArticleContent id={open} headingLevel={2} />
            {solved.isError && (
              <Alert color="red" role="alert">
                {solved.error.message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(null)}>
                {t('report.notSolved')}
              </Button>
              <Button color={SUCCESS_COLOR} onClick={() => solved.mutate(open)} loading={solved.isPending}>
                {t('report.solved')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}
