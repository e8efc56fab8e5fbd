import {
  STAFF_ROLES,
  type ActorV1,
  type ArticleContentV1,
  type ArticleDocumentV1,
  type ArticleStatus,
  type Refusal,
  type ArticleVisibility,
} from '@cau/contracts';
import { plainText } from '../search/query-text.js';

export interface ArticleState extends ArticleContentV1 {
  id: string;
  revision: number;
  status: ArticleStatus;
  updatedAt: string;
}

export function isStaff(actor: ActorV1): boolean {
  return STAFF_ROLES.includes(actor.role);
}

/** Staff read every article; requesters and referentes only published public ones. */
export function readableBy(actor: ActorV1): { statuses: ArticleStatus[]; visibilities: ArticleVisibility[] } {
  return isStaff(actor)
    ? { statuses: ['draft', 'published', 'archived'], visibilities: ['internal', 'public'] }
    : { statuses: ['published'], visibilities: ['public'] };
}

export function mayRead(actor: ActorV1, article: { status: ArticleStatus; visibility: ArticleVisibility }): boolean {
  const allowed = readableBy(actor);
  return allowed.statuses.includes(article.status) && allowed.visibilities.includes(article.visibility);
}

export type Transition = 'update' | 'publish' | 'archive';
export type TransitionDecision = { allowed: true } | { allowed: false; refusal: Refusal };

/** Archived articles are kept as they were; publishing twice or archiving twice is a conflict. */
export function mayTransition(status: ArticleStatus, transition: Transition): TransitionDecision {
  const refuse = (refusal: Refusal): TransitionDecision => ({ allowed: false, refusal });
  switch (transition) {
    case 'update':
      return status === 'archived' ? refuse({ code: 'knowledge.archived-not-edited' }) : { allowed: true };
    case 'publish':
      return status === 'published' ? refuse({ code: 'knowledge.already-published' }) : { allowed: true };
    case 'archive':
      return status === 'archived' ? refuse({ code: 'knowledge.already-archived' }) : { allowed: true };
  }
}

/** What the engines index: solution steps and cause form the body. */
export function toDocument(article: ArticleState): ArticleDocumentV1 {
  return {
    id: article.id,
    revision: article.revision,
    title: article.title,
    problem: article.problem,
    body: [article.cause ?? '', ...article.solutionSteps].filter((part) => part !== '').join('\n'),
    category: article.category,
    area: article.area ?? null,
    service: article.service ?? null,
    tags: article.tags,
    visibility: article.visibility,
    status: article.status,
    updatedAt: article.updatedAt,
  };
}

/** Above this, an article is too alike an existing one to create without `force`. */
export const DUPLICATE_THRESHOLD = 0.5;

/**
 * How alike two articles are, 0..1: the overlap (Dice) of their word stems, the title weighing more
 * than the problem. Stems are the first five letters of words of four or more, which is enough to make
 * `impresoras` and `impresora` the same word without a dictionary.
 */
export function similarity(a: { title: string; problem: string }, b: { title: string; problem: string }): number {
  return 0.6 * dice(stems(a.title), stems(b.title)) + 0.4 * dice(stems(a.problem), stems(b.problem));
}

function stems(text: string): Set<string> {
  return new Set((plainText(text).match(/[a-z0-9]+/g) ?? []).filter((w) => w.length >= 4).map((w) => w.slice(0, 5)));
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const stem of a) if (b.has(stem)) shared++;
  return (2 * shared) / (a.size + b.size);
}
