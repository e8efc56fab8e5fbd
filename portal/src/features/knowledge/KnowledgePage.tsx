import { Badge, Button, Card, Group, Loader, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink, ButtonLink } from '../../components/links';
import { QueryError } from '../../app/ErrorPages';
import { formatDateTime } from '../../app/format';
import { useSession } from '../auth/session';
import { isDeskRole } from '../desk-registration/desk-roles';
import { Highlighted } from './Highlighted';
import { ARTICLE_STATUSES, kbArticlesQuery, kbSearchQuery, type ArticleStatus } from './knowledge-api';

const route = getRouteApi('/signed-in/kb');

export function StatusBadge({ status }: { status: ArticleStatus }) {
  const { t } = useTranslation();
  // Dark enough for small text on white (WCAG AA), unlike Mantine's lighter shades.
  const color = status === 'published' ? '#1b5e20' : status === 'draft' ? '#7a4100' : 'dark.5';
  return (
    <Badge variant="outline" color={color}>
      {t(`kbEditor.status.${status}`)}
    </Badge>
  );
}

/**
 * The knowledge base: search, or the latest articles. Staff also find drafts and archived articles here and
 * write new ones.
 */
export function KnowledgePage() {
  const { t, i18n } = useTranslation();
  const account = useSession();
  const staff = account != null && isDeskRole(account.role);
  const { q, status } = route.useSearch();
  const navigate = route.useNavigate();
  const query = q ?? '';
  const shownStatus = staff ? status : undefined;
  const results = useQuery(kbSearchQuery(query, shownStatus));
  const latest = useInfiniteQuery({ ...kbArticlesQuery(shownStatus), enabled: query.trim().length === 0 });
  const setQuery = useDebouncedCallback((value: string) => {
    void navigate({ search: (previous) => ({ ...previous, q: value.trim() || undefined }), replace: true });
  }, 300);
  const articles = latest.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack maw={900} mx="auto" gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('kb.title')}</Title>
        {staff && <ButtonLink to="/kb/nuevo">{t('kbEditor.new')}</ButtonLink>}
      </Group>
      <Group grow align="flex-end" wrap="wrap">
        <TextInput
          label={t('kb.search')}
          placeholder={t('kb.searchPlaceholder')}
          defaultValue={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          type="search"
          style={{ flexGrow: 3 }}
        />
        {staff && (
          <NativeSelect
            label={t('kbEditor.statusFilter')}
            value={status ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value as ArticleStatus | '';
              void navigate({ search: (previous) => ({ ...previous, status: value || undefined }), replace: true });
            }}
            data={[
              { value: '', label: query ? t('kbEditor.status.published') : t('kbEditor.anyStatus') },
              ...ARTICLE_STATUSES.filter((value) => !query || value !== 'published').map((value) => ({
                value,
                label: t(`kbEditor.status.${value}`),
              })),
            ]}
          />
        )}
      </Group>
      {query && results.isPending && <Loader aria-label={t('common.loading')} />}
      {query && results.isError && <QueryError error={results.error} />}
      {query && results.data && results.data.items.length === 0 && <Text>{t('kb.noResults')}</Text>}
      {query &&
        results.data?.items.map((hit) => (
          <Card key={hit.id} withBorder padding="sm" component="article">
            <Group gap="xs">
              <AnchorLink to="/kb/$articleId" params={{ articleId: hit.id }} fw={600}>
                {hit.title}
              </AnchorLink>
              {staff && hit.status !== 'published' && <StatusBadge status={hit.status} />}
              {staff && hit.visibility === 'internal' && <Badge variant="light">{t('kbEditor.internal')}</Badge>}
            </Group>
            <Text size="sm" c="dark.6" mt={4}>
              <Highlighted snippet={hit.snippet} />
            </Text>
          </Card>
        ))}
      {!query && (
        <>
          <Title order={2} size="h4">
            {t('kb.latest')}
          </Title>
          {latest.isPending && <Loader aria-label={t('common.loading')} />}
          {latest.isError && <QueryError error={latest.error} />}
          {latest.data && articles.length === 0 && <Text>{t('kb.empty')}</Text>}
          {articles.map((article) => (
            <Card key={article.id} withBorder padding="sm" component="article">
              <Group gap="xs">
                <AnchorLink to="/kb/$articleId" params={{ articleId: article.id }} fw={600}>
                  {article.title}
                </AnchorLink>
                {staff && <StatusBadge status={article.status} />}
                {staff && article.visibility === 'internal' && <Badge variant="light">{t('kbEditor.internal')}</Badge>}
              </Group>
              <Text size="xs" c="dark.5">
                {article.category}
                {staff && ` · ${t('kbEditor.updatedAt', { at: formatDateTime(article.updatedAt, i18n.language) })}`}
                {staff && ` · ${t('kbFeedback.usage', { uses: article.uses, selfSolved: article.selfSolved })}`}
              </Text>
            </Card>
          ))}
          {latest.hasNextPage && (
            <Button variant="default" onClick={() => void latest.fetchNextPage()} loading={latest.isFetchingNextPage}>
              {t('kbEditor.loadMore')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}
