import { Badge, Button, Card, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../app/ErrorPages';
import { ArticleContent } from '../../knowledge/ArticleContent';
import { Highlighted } from '../../knowledge/Highlighted';
import { staffKbSearchQuery, ticketKbSuggestionsQuery } from '../workspace-api';

interface Found {
  id: string;
  title: string;
  snippet?: string;
  status?: string;
  visibility?: string;
}

/**
 * The knowledge base beside the solution (9.1 step 3: search before solving): the articles suggested
 * for this ticket when it was registered, or what the search finds; each one can be read in place and
 * used for the solution.
 */
export function KnowledgeSearch({ number, onUse }: { number: number; onUse: (id: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 300);
  const [open, setOpen] = useState<string | null>(null);
  const suggestions = useQuery(ticketKbSuggestionsQuery(number));
  const search = useQuery(staffKbSearchQuery(debounced));
  const searching = debounced.length > 0;
  const items: Found[] = searching
    ? (search.data?.items ?? [])
    : (suggestions.data?.items ?? []).map((item) => ({ id: item.id, title: item.title }));
  const pending = searching ? search.isPending : suggestions.isPending;
  const error = searching ? search.error : suggestions.error;

  return (
    <Stack gap="xs" component="section" aria-labelledby="kb-search-title">
      <Title order={3} size="h5" id="kb-search-title">
        {t('workspace.kb.title')}
      </Title>
      <TextInput
        type="search"
        label={t('workspace.kb.search')}
        placeholder={t('workspace.kb.searchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
      />
      <Text size="xs" c="dark.5" aria-live="polite">
        {searching ? t('workspace.kb.results', { count: items.length }) : t('workspace.kb.suggestedForTicket')}
      </Text>
      {pending && <Loader size="sm" aria-label={t('common.loading')} />}
      {error && <QueryError error={error} />}
      {!pending && !error && items.length === 0 && <Text size="sm">{t('workspace.kb.none')}</Text>}
      {items.map((item) => (
        <Card key={item.id} withBorder padding="xs" component="article">
          <Text fw={600} size="sm">
            {item.title}
          </Text>
          {(item.status === 'draft' || item.visibility === 'internal') && (
            <Group gap={4} mt={2}>
              {item.status === 'draft' && (
                <Badge size="xs" variant="outline" color="dark.5">
                  {t('workspace.kb.draft')}
                </Badge>
              )}
              {item.visibility === 'internal' && (
                <Badge size="xs" variant="outline" color="dark.5">
                  {t('workspace.kb.internal')}
                </Badge>
              )}
            </Group>
          )}
          {item.snippet && (
            <Text size="xs" c="dark.6" mt={4}>
              <Highlighted snippet={item.snippet} />
            </Text>
          )}
          <Group gap="xs" mt={6}>
            <Button
              size="compact-sm"
              variant="default"
              aria-expanded={open === item.id}
              onClick={() => setOpen(open === item.id ? null : item.id)}
            >
              {open === item.id ? t('workspace.kb.hide') : t('workspace.kb.read')}
            </Button>
            <Button size="compact-sm" variant="light" onClick={() => onUse(item.id)}>
              {t('workspace.kb.use')}
            </Button>
          </Group>
          {open === item.id && (
            <Card bg="gray.0" mt="xs" padding="xs">
              <ArticleContent id={item.id} headingLevel={2} />
            </Card>
          )}
        </Card>
      ))}
    </Stack>
  );
}
