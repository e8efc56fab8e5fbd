import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const kbSuggestQuery = (q: string) =>
  queryOptions({
    queryKey: ['kb', 'suggest', q],
    queryFn: () => unwrap(api.GET('/api/v1/kb/suggest', { params: { query: { q, limit: 5 } } })),
    enabled: q.trim().length >= 3,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

export const kbSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['kb', 'search', q],
    queryFn: () => unwrap(api.GET('/api/v1/kb/search', { params: { query: { q } } })),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });

export const kbArticlesQuery = () =>
  queryOptions({
    queryKey: ['kb', 'articles'],
    queryFn: () => unwrap(api.GET('/api/v1/kb/articles', { params: { query: { limit: 20 } } })),
  });

export const kbArticleQuery = (id: string) =>
  queryOptions({
    queryKey: ['kb', 'article', id],
    queryFn: () => unwrap(api.GET('/api/v1/kb/articles/{id}', { params: { path: { id } } })),
  });
