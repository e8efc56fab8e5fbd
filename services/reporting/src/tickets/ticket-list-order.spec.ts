import { TICKET_SORTS } from '@cau/contracts';
import { reportingRows } from '../rows.js';
import { decodeCursor, encodeCursor, ORDERS, positionOf, type ListPosition } from './ticket-list-order.js';

const encoded = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');

describe('list cursors', () => {
  const positions: ListPosition[] = [
    { sort: 'newest', number: 120 },
    { sort: 'oldest', number: 3 },
    { sort: 'due', key: '2026-03-02T16:00:00.123456Z', number: 7 },
    { sort: 'due', key: 'infinity', number: 7 },
    { sort: 'updated', key: '2026-03-02T16:00:00.000000Z', number: 9 },
    { sort: 'priority', key: 2, number: 15 },
  ];

  it.each(positions)('round-trips a position of $sort', (position) => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.length).toBeLessThan(100);
    expect(decodeCursor(cursor, position.sort)).toEqual(position);
  });

  it('refuses a cursor of another order', () => {
    const cursor = encodeCursor({ sort: 'newest', number: 120 });
    for (const sort of TICKET_SORTS.filter((s) => s !== 'newest')) expect(decodeCursor(cursor, sort)).toBeNull();
  });

  it('refuses what is not one of ours', () => {
    const garbage: Array<[string, (typeof TICKET_SORTS)[number]]> = [
      ['', 'newest'],
      ['not base64 at all!', 'newest'],
      [encoded({ n: 1 }), 'newest'],
      [encoded(['n']), 'newest'],
      [encoded(['n', 0]), 'newest'],
      [encoded(['n', 1.5]), 'newest'],
      [encoded(['n', 2 ** 60]), 'newest'],
      [encoded(['n', '5']), 'newest'],
      [encoded(['n', 5, 6]), 'newest'],
      [encoded(['d', '2026-03-02', 5]), 'due'],
      [encoded(['d', "2026-03-02T16:00:00.000000Z'; DROP TABLE x; --", 5]), 'due'],
      [encoded(['d', '2026-13-45T16:00:00.000000Z', 5]), 'due'],
      [encoded(['u', 'infinity', 5]), 'updated'],
      [encoded(['p', 0, 5]), 'priority'],
      [encoded(['p', '1', 5]), 'priority'],
    ];
    for (const [cursor, sort] of garbage) expect(decodeCursor(cursor, sort)).toBeNull();
  });

  it('takes the position of a page’s last row from the key the query selected', () => {
    expect(positionOf('due', 7, null)).toEqual({ sort: 'due', key: 'infinity', number: 7 });
    expect(positionOf('priority', 7, '1')).toEqual({ sort: 'priority', key: 1, number: 7 });
    expect(positionOf('oldest', 7, null)).toEqual({ sort: 'oldest', number: 7 });
  });

  it('compares (key, number) the way each order sorts', () => {
    const condition = (sort: (typeof TICKET_SORTS)[number], key: string | number | undefined) =>
      reportingRows.selectFrom('ticket_view').select('number').where(ORDERS[sort].after(key, 7)).compile();
    expect(condition('newest', undefined).sql).toMatch(/where number < \$1$/);
    expect(condition('due', 'infinity').sql).toMatch(/where \(due_order, number\) > \(\$1::timestamptz, \$2\)$/);
    expect(condition('updated', '2026-03-02T16:00:00.000000Z').sql).toMatch(
      /where \(updated_at, number\) < \(\$1::timestamptz, \$2\)$/,
    );
    expect(condition('priority', 2).parameters).toEqual([2, 7]);
    expect(ORDERS.due.orderBy).toEqual([
      { column: 'due_order', direction: 'asc' },
      { column: 'number', direction: 'asc' },
    ]);
  });
});
