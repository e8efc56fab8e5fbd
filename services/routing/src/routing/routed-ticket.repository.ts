import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Impact, Priority, TicketClassificationV1, TicketType, Urgency } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { compiledOnce, execute, fetchFirst, fetchRows } from '@cau/persistence';
import { routingRows } from '../rows.js';
import type { Tickets } from '../rows.generated.js';

export interface RoutedTicket {
  ticketId: string;
  number: number;
  type: TicketType;
  category: string;
  impact: Impact;
  urgency: Urgency;
  priority: Priority;
  area: string;
  routedAt: Date;
  /** NULL for tickets routed before routing recorded them (they match no title rule, only staff see them). */
  title: string | null;
  requesterEmail: string | null;
  jurisdiction: string | null;
}

const COLUMNS = [
  'ticket_id',
  'number',
  'type',
  'category',
  'impact',
  'urgency',
  'priority',
  'area',
  'routed_at',
  'title',
  'requester_email',
  'jurisdiction',
] as const;

/**
 * The messaging library's per-ticket event sequence (its own migration, so not among routing's generated
 * types): a bigint read as text.
 */
const messagingSequences = sql<{ ticket_id: string; sequence: string }>`sequences`;

type TicketRow = Pick<Selectable<Tickets>, (typeof COLUMNS)[number]>;

// Built once (`compiledOnce`): resolution asks routing where a ticket is before nearly every action, and
// Kysely's building of these cost more CPU than PostgreSQL's answer.
const ticketByNumber = compiledOnce((v: { number: string }) =>
  routingRows.selectFrom('tickets').select(COLUMNS).where('number', '=', v.number),
);
const lockedTicketByNumber = compiledOnce((v: { number: string }) =>
  routingRows.selectFrom('tickets').select(COLUMNS).where('number', '=', v.number).forUpdate(),
);
const ticketWithSequence = compiledOnce((v: { number: string }) =>
  routingRows
    .selectFrom('tickets as t')
    .leftJoin(messagingSequences.as('q'), 'q.ticket_id', 't.ticket_id')
    .select(COLUMNS.map((column) => `t.${column}` as const))
    .select('q.sequence')
    .where('t.number', '=', v.number),
);
const finishedAsOf = compiledOnce((v: { ticketId: string }) =>
  routingRows.selectFrom('tickets').select('finished_as').where('ticket_id', '=', v.ticketId),
);

/** The configured area codes and the entry area (`areas.is_entry`). */
export class StartingAreas {
  constructor(
    private readonly codes: ReadonlySet<string>,
    private readonly entry: string | null,
  ) {}

  /** `requested` when it is a configured area (a monitoring alert's), else the entry area. */
  startingArea(requested: string | undefined): string {
    if (requested && this.codes.has(requested)) return requested;
    if (this.entry === null) throw new Error('no entry area configured (areas.is_entry)');
    return this.entry;
  }
}

@Injectable()
export class RoutedTicketRepository {
  private readonly db = routingRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  /**
   * Inserts the tickets not routed yet, in one statement (a batch's); answers the ids of those inserted (a
   * ticket already routed is left as it is).
   */
  async insertNew(tx: EntityManager, tickets: readonly RoutedTicket[]): Promise<Set<string>> {
    const t = sql<TicketRow>`unnest(
      ${tickets.map((x) => x.ticketId)}::uuid[], ${tickets.map((x) => x.number)}::bigint[],
      ${tickets.map((x) => x.type)}::text[], ${tickets.map((x) => x.category)}::text[],
      ${tickets.map((x) => x.impact)}::text[], ${tickets.map((x) => x.urgency)}::text[],
      ${tickets.map((x) => x.priority)}::text[], ${tickets.map((x) => x.area)}::text[],
      ${tickets.map((x) => x.routedAt)}::timestamptz[], ${tickets.map((x) => x.title)}::text[],
      ${tickets.map((x) => x.requesterEmail)}::text[], ${tickets.map((x) => x.jurisdiction)}::text[])`.as<'t'>(
      sql`t (${sql.join(COLUMNS.map((column) => sql.ref(column)))})`,
    );
    const rows = await fetchRows(
      tx,
      this.db
        .insertInto('tickets')
        .columns(COLUMNS)
        .expression((eb) => eb.selectFrom(t).select(COLUMNS.map((column) => `t.${column}` as const)))
        .onConflict((conflict) => conflict.column('ticket_id').doNothing())
        .returning('ticket_id'),
    );
    return new Set(rows.map((r) => r.ticket_id));
  }

  /** The configured areas and the entry area, read once for a batch of routings. */
  async areas(tx: EntityManager): Promise<StartingAreas> {
    const rows = await fetchRows(tx, this.db.selectFrom('areas').select(['code', 'is_entry']));
    return new StartingAreas(new Set(rows.map((r) => r.code)), rows.find((r) => r.is_entry)?.code ?? null);
  }

  async entryArea(tx: EntityManager): Promise<string> {
    const row = await fetchFirst(
      tx,
      this.db.selectFrom('areas').select('code').where('is_entry', '=', sql.lit(true)).limit(1),
    );
    if (!row) throw new Error('no entry area configured (areas.is_entry)');
    return row.code;
  }

  /** One lookup on the unique number index: the gateway asks before every resolution command. */
  async findByNumber(number: number): Promise<RoutedTicket | null> {
    const row = await fetchFirst(this.runtime.dataSource, ticketByNumber({ number: String(number) }));
    return row ? toTicket(row) : null;
  }

  /**
   * The ticket with routing's event sequence for it, read in one statement so the two agree (a
   * derivation changes both in one transaction).
   */
  async locate(number: number): Promise<{ ticket: RoutedTicket; sequence: number } | null> {
    const row = await fetchFirst(this.runtime.dataSource, ticketWithSequence({ number: String(number) }));
    return row ? { ticket: toTicket(row), sequence: Number(row.sequence ?? 0) } : null;
  }

  /**
   * The ticket, locked until the transaction ends: a concurrent derivation of the same ticket waits
   * here and then starts from the area this transaction leaves it in.
   */
  async lockByNumber(tx: EntityManager, number: number): Promise<RoutedTicket | null> {
    const row = await fetchFirst(tx, lockedTicketByNumber({ number: String(number) }));
    return row ? toTicket(row) : null;
  }

  /** `cerrado` or `fusionado` once the ticket's work has ended; null while it is worked on (or unknown). */
  async finishedAs(tx: EntityManager, ticketId: string): Promise<string | null> {
    const row = await fetchFirst(tx, finishedAsOf({ ticketId }));
    return row?.finished_as ?? null;
  }

  /** Each ticket's `finished_as` (`cerrado`, `fusionado`, or null), in one statement. */
  async markFinished(
    tx: EntityManager,
    marks: ReadonlyArray<readonly [ticketId: string, finishedAs: string | null]>,
  ): Promise<void> {
    const m = sql<{ ticket_id: string; finished_as: string | null }>`unnest(
      ${marks.map(([ticketId]) => ticketId)}::uuid[], ${marks.map(([, finishedAs]) => finishedAs)}::text[])`.as<'m'>(
      sql`m (ticket_id, finished_as)`,
    );
    await execute(
      tx,
      this.db
        .updateTable('tickets')
        .from(m)
        .set((eb) => ({ finished_as: eb.ref('m.finished_as') }))
        .whereRef('tickets.ticket_id', '=', 'm.ticket_id'),
    );
  }

  async moveTo(tx: EntityManager, ticketId: string, area: string): Promise<void> {
    await execute(tx, this.db.updateTable('tickets').set({ area }).where('ticket_id', '=', ticketId));
  }

  /** The corrected classification (the caller holds the row lock from `lockByNumber`). */
  async reclassify(tx: EntityManager, ticketId: string, classification: TicketClassificationV1): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('tickets')
        .set({
          type: classification.type,
          category: classification.category,
          impact: classification.impact,
          urgency: classification.urgency,
          priority: classification.priority,
        })
        .where('ticket_id', '=', ticketId),
    );
  }

  /** Whether another ticket of this category (compared case-insensitively) was ever derived to `area`. */
  async categoryDerivedTo(category: string, area: string, exceptTicketId: string): Promise<boolean> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db.selectNoFrom((eb) =>
        eb
          .exists(
            eb
              .selectFrom('tickets as t')
              .innerJoin('derivations as d', (join) =>
                join.onRef('d.ticket_id', '=', 't.ticket_id').on('d.to_area', '=', area),
              )
              .select(sql<number>`1`.as('one'))
              .where(sql<string>`lower(t.category)`, '=', sql<string>`lower(${category})`)
              .where('t.ticket_id', '<>', exceptTicketId),
          )
          .as('found'),
      ),
    );
    return row?.found === true;
  }

  /** Areas that hold at least one ticket now (a graph edit must keep them and a way out of them). */
  async occupiedAreas(tx: EntityManager): Promise<string[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('areas as a')
        .select('a.code')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('tickets as t')
              .select(sql<number>`1`.as('one'))
              .whereRef('t.area', '=', 'a.code'),
          ),
        ),
    );
    return rows.map((r) => r.code);
  }
}

function toTicket(row: TicketRow): RoutedTicket {
  return {
    ticketId: row.ticket_id,
    number: Number(row.number),
    type: row.type,
    category: row.category,
    impact: row.impact,
    urgency: row.urgency,
    priority: row.priority,
    area: row.area,
    routedAt: row.routed_at,
    title: row.title,
    requesterEmail: row.requester_email,
    jurisdiction: row.jurisdiction,
  };
}
