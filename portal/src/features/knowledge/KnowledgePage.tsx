import { Card, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import { QueryError } from '../../app/ErrorPages';
import { Highlighted } from './Highlighted';
import { kbArticlesQuery, kbSearchQuery } from './knowledge-api';

const route = getRouteApi('/signed-in/kb');

/** The public knowledge base: search, or the latest articles. */
export function KnowledgePage() {
  const { t } = useTranslation();
  const { q } = route.useSearch();
  const navigate = route.useNavigate();
  const query = q ?? '';
  const results = useQuery(kbSearchQuery(query));
  const latest = useQuery({ ...kbArticlesQuery(), enabled: query.trim().length === 0 });
  const setQuery = useDebouncedCallback((value: string) => {
    void navigate({ search: { q: value.trim() || undefined }, replace: true });
  }, 300);

  return (
    <Stack maw={900} mx="auto" gap="md">
      <Title order={1}>{t('kb.title')}</Title>
      <TextInput
        label={t('kb.search')}
        placeholder={t('kb.searchPlaceholder')}
        defaultValue={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        type="search"
      />
      {query && results.isPending && <Loader aria-label={t('common.loading')} />}
      {query && results.isError && <QueryError error={results.error} />}
      {query && results.data && results.data.items.length === 0 && <Text>{t('kb.noResults')}</Text>}
      {query &&
        results.data?.items.map((hit) => (
          <Card key={hit.id} withBorder padding="sm" component="article">
            <AnchorLink to="/kb/$articleId" params={{ articleId: hit.id }} fw={600}>
              {hit.title}
            </AnchorLink>
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
          {latest.data?.items.length === 0 && <Text>{t('kb.empty')}</Text>}
          {latest.data?.items.map((article) => (
            <Card key={article.id} withBorder padding="sm" component="article">
              <AnchorLink to="/kb/$articleId" params={{ articleId: article.id }} fw={600}>
                {article.title}
              </AnchorLink>
              <Text size="xs" c="dark.5">
                {article.category}
              </Text>
            </Card>
          ))}
        </>
      )}
    </Stack>
  );
}
