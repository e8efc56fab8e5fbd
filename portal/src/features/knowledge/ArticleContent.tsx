import { Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../app/ErrorPages';
import { ArticleView } from './ArticleView';
import { kbArticleQuery, kbFilesQuery } from './knowledge-api';

/** A stored article, read from the knowledge service. */
export function ArticleContent({ id, headingLevel = 1 }: { id: string; headingLevel?: 1 | 2 }) {
  const { t } = useTranslation();
  const article = useQuery(kbArticleQuery(id));
  const files = useQuery({ ...kbFilesQuery(id), enabled: article.isSuccess });
  if (article.isPending) return <Loader aria-label={t('common.loading')} />;
  if (article.isError) return <QueryError error={article.error} />;
  return (
    <ArticleView
      content={{ ...article.data, cause: article.data.cause ?? undefined }}
      headingLevel={headingLevel}
      files={files.data ?? []}
    />
  );
}
