import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kbArticleQuery } from '../knowledge/knowledge-api';
import { staffKbSearchQuery } from '../workspace/workspace-api';

/**
 * The workaround's knowledge-base article, found as one types (the staff search the workspace's solution
 * form uses) and shown by its title; cleared, the problem has none. `value` is the article id or ''.
 */
export function WorkaroundArticlePicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const chosen = useQuery({ ...kbArticleQuery(value), enabled: value !== '' });
  const found = useQuery(staffKbSearchQuery(debounced));
  const titles = new Map<string, string>();
  // The chosen article stays an option whatever the search finds; its id stands in until its title arrives.
  if (value !== '') titles.set(value, chosen.data?.title ?? value);
  for (const item of found.data?.items ?? []) titles.set(item.id, item.title);

  return (
    <Select
      label={t('problems.fields.workaroundArticle')}
      description={t('problems.fields.workaroundArticleHint')}
      placeholder={t('problems.fields.workaroundArticlePlaceholder')}
      searchable
      clearable
      data={[...titles].map(([id, title]) => ({ value: id, label: title }))}
      value={value === '' ? null : value}
      onChange={(id) => onChange(id ?? '')}
      searchValue={search}
      onSearchChange={setSearch}
      // Knowledge searches (words, stems, accents): the options are its answer, not filtered again here.
      filter={({ options }) => options}
      nothingFoundMessage={
        debounced === '' ? t('problems.fields.workaroundArticleType') : t('problems.fields.workaroundArticleNone')
      }
      rightSection={
        found.isFetching || chosen.isFetching ? <Loader size="xs" aria-label={t('common.loading')} /> : undefined
      }
      error={error}
    />
  );
}
