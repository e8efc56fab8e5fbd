import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Refusal } from '../workspace/actions/action-kit';
import { SUCCESS_COLOR } from '../tickets/ticket-status';
import { kbArticleQuery } from './knowledge-api';

/**
 * Under a published article: did it help (one vote per account, which the staff's counters show), and,
 * for the people the base is written for, "this solved my problem" (a ticket avoided).
 */
export function ArticleFeedback({ id, staff }: { id: string; staff: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const article = useQuery(kbArticleQuery(id));
  const [answered, setAnswered] = useState<'helpful' | 'notHelpful' | 'solved' | null>(null);
  const vote = useMutation({
    mutationFn: (helpful: boolean) =>
      unwrap(api.POST('/api/v1/kb/articles/{id}/feedback', { params: { path: { id } }, body: { helpful } })),
    onSuccess: (saved, helpful) => {
      queryClient.setQueryData(kbArticleQuery(id).queryKey, saved);
      setAnswered(helpful ? 'helpful' : 'notHelpful');
    },
  });
  const solved = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/kb/articles/{id}/self-solved', { params: { path: { id } }, body: {} })),
    onSuccess: async () => {
      setAnswered('solved');
      await queryClient.invalidateQueries({ queryKey: kbArticleQuery(id).queryKey });
    },
  });
  if (article.data?.status !== 'published') return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="kb-feedback">
      <Stack gap="xs">
        <Text id="kb-feedback" fw={700}>
          {t('kbFeedback.question')}
        </Text>
        {answered ? (
          <Text role="status" size="sm">
            {t(`kbFeedback.thanks.${answered}`)}
          </Text>
        ) : (
          <Group gap="xs">
            {!staff && (
              <Button color={SUCCESS_COLOR} onClick={() => solved.mutate()} loading={solved.isPending}>
                {t('kbFeedback.solved')}
              </Button>
            )}
            <Button
              variant={staff ? 'light' : 'default'}
              onClick={() => vote.mutate(true)}
              loading={vote.isPending && vote.variables}
            >
              {t('kbFeedback.helpful')}
            </Button>
            <Button variant="default" onClick={() => vote.mutate(false)} loading={vote.isPending && !vote.variables}>
              {t('kbFeedback.notHelpful')}
            </Button>
          </Group>
        )}
        <Refusal error={vote.error ?? solved.error} />
      </Stack>
    </Card>
  );
}
