import type { ActorV1, ArticleStatus, ArticleVisibility, KbArticleListParamsV1 } from '@cau/contracts';
import { isStaff } from './article-rules.js';

/** Where a page of the article list resumes: the last article's edit time (µs since 1970) and id. */
export interface ListPosition {
  updatedMicros: string;
  id: string;
}

const POSITION = /^(\d{1,17})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Opaque to clients, so the ordering may change without breaking their links. */
export function encodeCursor(position: ListPosition): string {
  return Buffer.from(`${position.updatedMicros}.${position.id}`).toString('base64url');
}

/** Null when the text is not a cursor this service issued. */
export function decodeCursor(cursor: string): ListPosition | null {
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { updatedMicros: match[1]!, id: match[2]! } : null;
}

export type ListScope =
  { allowed: true; statuses: ArticleStatus[]; visibilities: ArticleVisibility[] } | { allowed: false };

/**
 * Which articles a list may show: staff choose any status and visibility; requesters and referentes
 * only published public ones, and asking for anything else is refused rather than silently ignored.
 */
export function listScope(actor: ActorV1, params: Pick<KbArticleListParamsV1, 'status' | 'visibility'>): ListScope {
  if (isStaff(actor)) {
    return {
      allowed: true,
      statuses: params.status ? [params.status] : ['draft', 'published', 'archived'],
      visibilities: params.visibility ? [params.visibility] : ['internal', 'public'],
    };
  }
  if ((params.status && params.status !== 'published') || (params.visibility && params.visibility !== 'public')) {
    return { allowed: false };
  }
  return { allowed: true, statuses: ['published'], visibilities: ['public'] };
}
