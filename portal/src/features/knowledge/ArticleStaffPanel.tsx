import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { AnchorLink, ButtonLink } from '../../components/links';
import { Refusal } from '../workspace/actions/action-kit';
import { kbArticleQuery } from './knowledge-api';
import { StatusBadge } from './KnowledgePage';

/** What staff see above an article: its state, how much it is used, and what they may do with it. */
export function ArticleStaffPanel({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const article = useQuery(kbArticleQuery(id));
  const transition = useMutation({
    mutationFn: (to: 'publish' | 'archive') =>
      unwrap(
        to === 'publish'
          ? api.POST('/api/v1/kb/articles/{id}/publish', { params: { path: { id } } })
          : api.POST('/api/v1/kb/articles/{id}/archive', { params: { path: { id } } }),
      ),
    onSuccess: async (saved, to) => {
      queryClient.setQueryData(kbArticleQuery(id).queryKey, saved);
      notifications.show({
        color: 'green',
        message: t(to === 'publish' ? 'kbEditor.published' : 'kbEditor.archived'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await queryClient.invalidateQueries({ queryKey: ['kb'] });
    },
  });
  if (!article.data) return null;
  const { status, visibility, counters, tickets, author, updatedAt, publishedAt, revision } = article.data;
  const figures = [
    ['views', counters.views],
    ['uses', counters.uses],
    ['selfSolved', counters.selfSolved],
    ['helpful', counters.helpful],
    ['notHelpful', counters.notHelpful],
  ] as const;
  return (
    <Card withBorder padding="md" component="section" aria-label={t('kbEditor.panel')}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group gap="xs">
            <StatusBadge status={status} />
            <Badge variant="light">{t(`kbEditor.visibility.${visibility}`)}</Badge>
            <Text size="sm" c="dark.5">
              {t('kbEditor.revisionBy', {
                revision,
                name: author.name,
                at: formatDateTime(updatedAt, i18n.language),
              })}
              {publishedAt && ` · ${t('kbEditor.publishedAt', { at: formatDateTime(publishedAt, i18n.language) })}`}
            </Text>
          </Group>
          <Group gap="xs">
            {status !== 'archived' && (
              <ButtonLink to="/kb/$articleId/editar" params={{ articleId: id }} variant="light" size="sm">
                {t('kbEditor.edit')}
              </ButtonLink>
            )}
            {status !== 'published' && (
              <Button
                size="sm"
                loading={transition.isPending && transition.variables === 'publish'}
                onClick={() => transition.mutate('publish')}
              >
                {t('kbEditor.publish')}
              </Button>
            )}
            {status !== 'archived' && (
              <Button
                size="sm"
                variant="default"
                loading={transition.isPending && transition.variables === 'archive'}
                onClick={() => transition.mutate('archive')}
              >
                {t('kbEditor.archive')}
              </Button>
            )}
          </Group>
        </Group>
        <Refusal error={transition.error} />
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs" component="dl" m={0}>
          {figures.map(([name, value]) => (
            <div key={name}>
              <Text component="dt" size="xs" c="dark.5">
                {t(`kbEditor.counters.${name}`)}
              </Text>
              <Text component="dd" m={0} fw={700} size="lg">
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        {tickets.length > 0 && (
          <Text size="sm">
            {t('kbEditor.tickets')}{' '}
            {tickets.slice(0, 20).map((number, index) => (
              <span key={number}>
                {index > 0 && ', '}
                <AnchorLink to="/tickets/$number" params={{ number }}>
                  #{number}
                </AnchorLink>
              </span>
            ))}
            {tickets.length > 20 && ` ${t('kbEditor.moreTickets', { count: tickets.length - 20 })}`}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
