import { sql, type RawBuilder, type SqlBool } from 'kysely';
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

/** The view's columns an order sorts by. */
type SortColumn = 'number' | 'due_order' | 'updated_at' | 'priority_rank';

/** How each order reads the view: its ORDER BY and the keyset condition after a position. */
export interface ListOrder {
  /** The sort key's column (if the number is not the whole key), then the number, which breaks ties. */
  orderBy: ReadonlyArray<{ column: SortColumn; direction: 'asc' | 'desc' }>;
  /** The sort key as text (the cursor's `key`); null when the number is the key. */
  keyColumn: RawBuilder<string> | null;
  /** The rows after a position (its `key`, absent when the number is the key, and its number). */
  after(key: string | number | undefined, number: number): RawBuilder<SqlBool>;
}

const CODES: Record<TicketSort, string> = { newest: 'n', oldest: 'o', due: 'd', updated: 'u', priority: 'p' };
const SORTS = Object.fromEntries(Object.entries(CODES).map(([sort, code]) => [code, sort])) as Record<
  string,
  TicketSort
>;

/** An instant as the database prints it for cursors (UTC, microseconds), or the "no due date" key. */
const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z|infinity)$/;
const utc = (column: SortColumn) =>
  sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The orders. `due_order` is the resolution due date or `infinity`, and `priority_rank` 1 (ALTA) to 4 (none):
 * generated columns of the view, so that each order is a plain row comparison an index can serve.
 */
export const ORDERS: Record<TicketSort, ListOrder> = {
  newest: {
    orderBy: [{ column: 'number', direction: 'desc' }],
    keyColumn: null,
    after: (_key, number) => sql<SqlBool>`number < ${number}`,
  },
  oldest: {
    orderBy: [{ column: 'number', direction: 'asc' }],
    keyColumn: null,
    after: (_key, number) => sql<SqlBool>`number > ${number}`,
  },
  due: {
    orderBy: [
      { column: 'due_order', direction: 'asc' },
      { column: 'number', direction: 'asc' },
    ],
    keyColumn: sql<string>`CASE WHEN due_order = 'infinity' THEN 'infinity' ELSE ${utc('due_order')} END`,
    after: (key, number) => sql<SqlBool>`(due_order, number) > (${key}::timestamptz, ${number})`,
  },
  updated: {
    orderBy: [
      { column: 'updated_at', direction: 'desc' },
      { column: 'number', direction: 'desc' },
    ],
    keyColumn: utc('updated_at'),
    after: (key, number) => sql<SqlBool>`(updated_at, number) < (${key}::timestamptz, ${number})`,
  },
  priority: {
    orderBy: [
      { column: 'priority_rank', direction: 'asc' },
      { column: 'number', direction: 'asc' },
    ],
    keyColumn: sql<string>`priority_rank::text`,
    after: (key, number) => sql<SqlBool>`(priority_rank, number) > (${key}::smallint, ${number})`,
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
