import type { TicketSort } from '@cau/contracts';

/**
 * Where a page ended, in the order it was read: the sort key of its last ticket and that ticket's number,
 * which breaks ties. `key` is an instant (ISO, microseconds; `infinity` for "no due date", which sorts
 * last), a priority rank, or absent when the number is the whole key.
 */
export type ListPosition =
  | { sort: 'newest' | 'oldest'; number: number }
  | { sort: 'due' | 'updated'; key: string; number: number }
  | { sort: 'priority'; key: number; number: number };

/** How each order reads the view: its ORDER BY and the keyset condition after a position. */
export interface OrderSql {
  orderBy: string;
  /** SQL selecting the sort key as text (the cursor's `key`); null when the number is the key. */
  keyColumn: string | null;
  /** The rows after a position: `$key` and `$number` are the parameters holding it. */
  after(key: string, number: string): string;
}

const CODES: Record<TicketSort, string> = { newest: 'n', oldest: 'o', due: 'd', updated: 'u', priority: 'p' };
const SORTS = Object.fromEntries(Object.entries(CODES).map(([sort, code]) => [code, sort])) as Record<
  string,
  TicketSort
>;

/** An instant as the database prints it for cursors (UTC, microseconds), or the "no due date" key. */
const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z|infinity)$/;
const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The orders. `due_order` is the resolution due date or `infinity`, and `priority_rank` 1 (ALTA) to 4 (none):
 * generated columns of the view, so that each order is a plain row comparison an index can serve.
 */
export const ORDERS: Record<TicketSort, OrderSql> = {
  newest: { orderBy: 'number DESC', keyColumn: null, after: (_k, n) => `number < ${n}` },
  oldest: { orderBy: 'number ASC', keyColumn: null, after: (_k, n) => `number > ${n}` },
  due: {
    orderBy: 'due_order ASC, number ASC',
    keyColumn: `CASE WHEN due_order = 'infinity' THEN 'infinity' ELSE ${utc('due_order')} END`,
    after: (k, n) => `(due_order, number) > (${k}::timestamptz, ${n})`,
  },
  updated: {
    orderBy: 'updated_at DESC, number DESC',
    keyColumn: utc('updated_at'),
    after: (k, n) => `(updated_at, number) < (${k}::timestamptz, ${n})`,
  },
  priority: {
    orderBy: 'priority_rank ASC, number ASC',
    keyColumn: 'priority_rank::text',
    after: (k, n) => `(priority_rank, number) > (${k}::smallint, ${n})`,
  },
};

/** The opaque cursor of a position: base64url of a short JSON array, stable across releases. */
export function encodeCursor(position: ListPosition): string {
  const parts: unknown[] = [CODES[position.sort]];
  if ('key' in position) parts.push(position.key);
  parts.push(position.number);
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The position a cursor holds, if it is one of `sort`'s; null for anything else (another order's, or garbage). */
export function decodeCursor(cursor: string, sort: TicketSort): ListPosition | null {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(decoded)) return null;
  const parts: readonly unknown[] = decoded;
  if (SORTS[parts[0] as string] !== sort) return null;
  const number = parts.at(-1);
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) return null;
  switch (sort) {
    case 'newest':
    case 'oldest':
      return parts.length === 2 ? { sort, number } : null;
    case 'due':
    case 'updated': {
      const key = parts[1];
      if (parts.length !== 3 || typeof key !== 'string' || !INSTANT.test(key)) return null;
      if (sort === 'updated' && key === 'infinity') return null;
      if (key !== 'infinity' && Number.isNaN(Date.parse(key))) return null;
      return { sort, key, number };
    }
    case 'priority': {
      const key = parts[1];
      return parts.length === 3 && typeof key === 'number' && Number.isInteger(key) && key >= 1 && key <= 4
        ? { sort, key, number }
        : null;
    }
  }
}

/** The position of a page's last row, from its number and the sort key the query selected. */
export function positionOf(sort: TicketSort, number: number, key: string | null): ListPosition {
  switch (sort) {
    case 'newest':
    case 'oldest':
      return { sort, number };
    case 'due':
    case 'updated':
      return { sort, key: key ?? 'infinity', number };
    case 'priority':
      return { sort, key: Number(key ?? 4), number };
  }
}
