import type { TicketSummaryV1 } from '@cau/contracts';
import { numberRangeProblem, pageOf } from './paging.js';

const rows = (...numbers: number[]): TicketSummaryV1[] => numbers.map((number) => ({ number }) as TicketSummaryV1);

describe('pageOf', () => {
  it('points to the next page with the last number shown when an extra row was read', () => {
    const page = pageOf(rows(9, 8, 7), 2);
    expect(page.items.map((t) => t.number)).toEqual([9, 8]);
    expect(page.nextBefore).toBe(8);
  });

  it('ends the paging when no extra row was read', () => {
    expect(pageOf(rows(9, 8), 2)).toEqual({ items: rows(9, 8), nextBefore: null });
    expect(pageOf([], 2)).toEqual({ items: [], nextBefore: null });
  });
});

describe('numberRangeProblem', () => {
  it('accepts absent and safe numbers', () => {
    expect(numberRangeProblem('number', undefined)).toBeNull();
    expect(numberRangeProblem('number', Number.MAX_SAFE_INTEGER)).toBeNull();
  });

  it('refuses numbers beyond what JavaScript and bigint hold exactly', () => {
    expect(numberRangeProblem('filters.before', 1e20)).toEqual({
      field: 'filters.before',
      constraint: 'max',
      params: [Number.MAX_SAFE_INTEGER],
    });
  });
});
