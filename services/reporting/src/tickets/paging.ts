import type { FieldProblem, TicketPageV1, TicketSort, TicketSummaryV1 } from '@cau/contracts';
import { decodeCursor, encodeCursor, positionOf, type ListPosition } from './ticket-list-order.js';

export const DEFAULT_PAGE_SIZE = 20;

/** A listed ticket and the key it was sorted by (as the query selected it; null when the number is the key). */
export interface ListedTicket {
  summary: TicketSummaryV1;
  sortKey: string | null;
}

/**
 * Builds a page from rows read with one more than the page size: the extra row only tells whether another
 * page exists, so the cursors are null exactly on the last page, with no COUNT(*). `nextBefore` is the
 * default order's older cursor, kept for the clients that page with `before`.
 */
export function pageOf(rows: readonly ListedTicket[], limit: number, sort: TicketSort): TicketPageV1 {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const more = rows.length > limit && last !== undefined;
  return {
    items: items.map((row) => row.summary),
    nextCursor: more ? encodeCursor(positionOf(sort, last.summary.number, last.sortKey)) : null,
    nextBefore: more && sort === 'newest' ? last.summary.number : null,
  };
}

/** Where a page starts: after a cursor of its order, or (default order only) before a number. */
export function startOf(
  sort: TicketSort,
  cursor: { field: string; value: string | undefined },
  before: { field: string; value: number | undefined },
): { ok: true; after: ListPosition | undefined } | { ok: false; problem: FieldProblem } {
  if (before.value !== undefined) {
    const range = numberRangeProblem(before.field, before.value);
    if (range) return { ok: false, problem: range };
    if (cursor.value !== undefined) {
      return { ok: false, problem: { field: before.field, constraint: 'notWith', params: ['cursor'] } };
    }
    if (sort !== 'newest') return { ok: false, problem: { field: before.field, constraint: 'beforeNeedsNewest' } };
    return { ok: true, after: { sort, number: before.value } };
  }
  if (cursor.value === undefined) return { ok: true, after: undefined };
  const after = decodeCursor(cursor.value, sort);
  return after ? { ok: true, after } : { ok: false, problem: { field: cursor.field, constraint: 'listCursor' } };
}

/**
 * Ticket numbers are integers JavaScript holds exactly; the contracts check `>= 1` but set no upper
 * bound, and a larger value would overflow the database's bigint instead of being refused.
 */
export function numberRangeProblem(field: string, value: number | undefined): FieldProblem | null {
  return value !== undefined && value > Number.MAX_SAFE_INTEGER
    ? { field, constraint: 'max', params: [Number.MAX_SAFE_INTEGER] }
    : null;
}
