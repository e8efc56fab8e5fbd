import type { FieldProblem, TicketPageV1, TicketSummaryV1 } from '@cau/contracts';

export const DEFAULT_PAGE_SIZE = 20;

/**
 * Builds a page from rows read with one more than the page size: the extra row only tells whether an
 * older page exists, so `nextBefore` is null exactly on the last page, with no COUNT(*).
 */
export function pageOf(rows: readonly TicketSummaryV1[], limit: number): TicketPageV1 {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextBefore: rows.length > limit && last ? last.number : null };
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
