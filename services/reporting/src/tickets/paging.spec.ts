import type { TicketSummaryV1 } from '@cau/contracts';
import { numberRangeProblem, pageOf, startOf, type ListedTicket } from './paging.js';
import { decodeCursor } from './ticket-list-order.js';

const rows = (...numbers: number[]): ListedTicket[] =>
  numbers.map((number) => ({ summary: { number } as TicketSummaryV1, sortKey: null }));

describe('pageOf', () => {
  it('points to the next page with the last number shown when an extra row was read', () => {
    const page = pageOf(rows(9, 8, 7), 2, 'newest');
    expect(page.items.map((t) => t.number)).toEqual([9, 8]);
    expect(page.nextBefore).toBe(8);
    expect(decodeCursor(page.nextCursor!, 'newest')).toEqual({ sort: 'newest', number: 8 });
  });

  it('ends the paging when no extra row was read', () => {
    expect(pageOf(rows(9, 8), 2, 'newest')).toEqual({
      items: rows(9, 8).map((r) => r.summary),
      nextCursor: null,
      nextBefore: null,
    });
    expect(pageOf([], 2, 'due')).toEqual({ items: [], nextCursor: null, nextBefore: null });
  });

  it('gives other orders a cursor holding the last sort key, and no `nextBefore`', () => {
    const due: ListedTicket[] = [
      { summary: { number: 4 } as TicketSummaryV1, sortKey: '2026-03-02T16:00:00.000000Z' },
      { summary: { number: 7 } as TicketSummaryV1, sortKey: 'infinity' },
      { summary: { number: 9 } as TicketSummaryV1, sortKey: 'infinity' },
    ];
    const page = pageOf(due, 2, 'due');
    expect(page.nextBefore).toBeNull();
    expect(decodeCursor(page.nextCursor!, 'due')).toEqual({ sort: 'due', key: 'infinity', number: 7 });
  });
});

describe('startOf', () => {
  const cursor = (value?: string) => ({ field: 'filters.cursor', value });
  const before = (value?: number) => ({ field: 'filters.before', value });

  it('starts at the top without a cursor', () => {
    expect(startOf('due', cursor(), before())).toEqual({ ok: true, after: undefined });
  });

  it('keeps `before` for the default order', () => {
    expect(startOf('newest', cursor(), before(40))).toEqual({ ok: true, after: { sort: 'newest', number: 40 } });
  });

  it('refuses `before` with another order, with a cursor, or out of range, naming it', () => {
    const refused = (result: ReturnType<typeof startOf>) => (result.ok ? null : result.problem);
    expect(refused(startOf('due', cursor(), before(40)))).toEqual({
      field: 'filters.before',
      constraint: 'beforeNeedsNewest',
    });
    const newest = pageOf(rows(9, 8, 7), 2, 'newest').nextCursor!;
    expect(refused(startOf('newest', cursor(newest), before(40)))).toEqual({
      field: 'filters.before',
      constraint: 'notWith',
      params: ['cursor'],
    });
    expect(refused(startOf('newest', cursor(), before(1e20)))).toMatchObject({
      field: 'filters.before',
      constraint: 'max',
    });
  });

  it('refuses a cursor of another order or that is not ours, naming it', () => {
    const newest = pageOf(rows(9, 8, 7), 2, 'newest').nextCursor!;
    expect(startOf('oldest', cursor(newest), before())).toEqual({
      ok: false,
      problem: { field: 'filters.cursor', constraint: 'listCursor' },
    });
    expect(startOf('newest', cursor('not a cursor'), before())).toMatchObject({ ok: false });
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
