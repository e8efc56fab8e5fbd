import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export type ArticleStatus = 'draft' | 'published' | 'archived';
export const ARTICLE_STATUSES: readonly ArticleStatus[] = ['draft', 'published', 'archived'];

export const kbSuggestQuery = (q: string) =>
  queryOptions({
    queryKey: ['kb', 'suggest', q],
    queryFn: () => unwrap(api.GET('/api/v1/kb/suggest', { params: { query: { q, limit: 5 } } })),
    enabled: q.trim().length >= 3,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** Published articles for everyone; staff may search drafts or archived ones instead. */
export const kbSearchQuery = (q: string, status?: ArticleStatus) =>
  queryOptions({
    queryKey: ['kb', 'search', q, status ?? 'published'],
    queryFn: () => unwrap(api.GET('/api/v1/kb/search', { params: { query: { q, ...(status ? { status } : {}) } } })),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });

const ARTICLES_PAGE_SIZE = 20;

/** Newest edits first, a page at a time; staff see every status unless they pick one. */
export const kbArticlesQuery = (status?: ArticleStatus) =>
  infiniteQueryOptions({
    queryKey: ['kb', 'articles', status ?? 'any'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/kb/articles', {
          params: {
            query: {
              limit: ARTICLES_PAGE_SIZE,
              ...(status ? { status } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const kbArticleQuery = (id: string) =>
  queryOptions({
    queryKey: ['kb', 'article', id],
    queryFn: () => unwrap(api.GET('/api/v1/kb/articles/{id}', { params: { path: { id } } })),
  });

export const kbVersionsQuery = (id: string) =>
  queryOptions({
    queryKey: ['kb', 'article', id, 'versions'],
    queryFn: () => unwrap(api.GET('/api/v1/kb/articles/{id}/versions', { params: { path: { id } } })),
  });

/** Near-duplicates of what is being written: asked again only when title or problem settle on new words. */
export const kbDuplicatesQuery = (check: { title: string; problem: string; exceptId?: string }) =>
  queryOptions({
    queryKey: ['kb', 'duplicates', check],
    queryFn: () => unwrap(api.POST('/api/v1/kb/duplicates', { body: check })),
    enabled: check.title.trim().length > 0 && check.problem.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export const kbFilesQuery = (id: string) =>
  queryOptions({
    queryKey: ['kb', 'article', id, 'files'],
    queryFn: () => unwrap(api.GET('/api/v1/kb/articles/{id}/files', { params: { path: { id } } })),
  });

/** Straight to the article: the gateway checks size and type by content and stores all or nothing. */
export async function uploadArticleFiles(id: string, files: File[]) {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return unwrap(
    api.POST('/api/v1/kb/articles/{id}/files', {
      params: { path: { id } },
      // The generated type describes the multipart fields; the browser builds the body and its boundary.
      body: form as never,
      bodySerializer: (body: unknown) => body as FormData,
    }),
  );
}
