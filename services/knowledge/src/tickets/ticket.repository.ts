import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type {
  ArticleStatus,
  ArticleVisibility,
  EventEnvelope,
  KbSuggestionV1,
  Priority,
  TicketRegisteredV1,
  TicketResolvedV1,
  TicketRoutedV1,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { knowledgeRows as db } from '../rows.js';

export interface KnownTicket {
  ticketId: string;
  number: number;
  title: string | null;
  description: string | null;
  category: string | null;
  area: string | null;
  requesterEmail: string | null;
  jurisdiction: string | null;
  solution: string | null;
}

export interface StoredSuggestion {
  articleId: string;
  title: string;
  score: number;
  status: ArticleStatus;
  visibility: ArticleVisibility;
  computedAt: string;
}

/** The messaging library's per-ticket order table (its own migration, so not among the generated types). */
interface EventPosition {
  ticket_id: string;
  source: string;
  /** bigint: written as a number, read as text. */
  sequence: number | string;
}

/**
 * Knowledge's own copy of the ticket fields it needs (registration, routing, resolution), and the
 * articles suggested for each ticket. Registration and routing may arrive in either order.
 */
@Injectable()
export class TicketRepository {
  constructor(private readonly runtime: ServiceRuntime) {}

  /**
   * Records the routings whose events are newer than the last one applied from their producer (one statement
   * for the positions, one for the tickets; at most one event per ticket and producer, the batch's newest, as
   * each would overwrite the one before).
   */
  async applyRoutings(tx: EntityManager, events: ReadonlyArray<EventEnvelope<TicketRoutedV1>>): Promise<void> {
    // An event without a ticket has no position to check (as in `EventPositions`).
    const positioned = events.filter((e) => e.ticketId !== null);
    if (events.length === 0) return;
    const incoming = sql<EventPosition>`unnest(${positioned.map((e) => e.ticketId)}::uuid[],
      ${positioned.map((e) => e.source)}::text[], ${positioned.map((e) => e.sequence)}::bigint[])`.as<'i'>(
      sql`i (ticket_id, source, sequence)`,
    );
    const advanced = await fetchRows(
      tx,
      db
        .withTables<{ event_positions: EventPosition }>()
        .insertInto('event_positions')
        .columns(['ticket_id', 'source', 'sequence'])
        .expression((eb) => eb.selectFrom(incoming).select(['i.ticket_id', 'i.source', 'i.sequence']))
        .onConflict((conflict) =>
          conflict
            .columns(['ticket_id', 'source'])
            .doUpdateSet((eb) => ({ sequence: eb.ref('excluded.sequence') }))
            .where((eb) => eb('event_positions.sequence', '<', eb.ref('excluded.sequence'))),
        )
        .returning(['ticket_id', 'source']),
    );
    const applied = new Set(advanced.map((r) => `${r.ticket_id}|${r.source}`));
    // A ticket routed by two producers in one batch keeps the later event's routing, as one by one.
    const latest = new Map<string, TicketRoutedV1>();
    for (const event of events) {
      if (event.ticketId === null || applied.has(`${event.ticketId}|${event.source}`))
        latest.set(event.data.ticketId, event.data);
    }
    if (latest.size === 0) return;
    const routed = [...latest.values()];
    const rows = sql<{ ticket_id: string; number: string; area: string; priority: Priority; routed_at: Date }>`unnest(
      ${routed.map((r) => r.ticketId)}::uuid[], ${routed.map((r) => r.number)}::bigint[],
      ${routed.map((r) => r.area)}::text[], ${routed.map((r) => r.priority)}::text[],
      ${routed.map((r) => r.routedAt)}::timestamptz[])`.as<'r'>(sql`r (ticket_id, number, area, priority, routed_at)`);
    await execute(
      tx,
      db
        .insertInto('tickets')
        .columns(['ticket_id', 'number', 'area', 'priority', 'routed_at'])
        .expression((eb) =>
          eb.selectFrom(rows).select(['r.ticket_id', 'r.number', 'r.area', 'r.priority', 'r.routed_at']),
        )
        .onConflict((conflict) =>
          conflict.column('ticket_id').doUpdateSet((eb) => ({
            area: eb.ref('excluded.area'),
            priority: eb.ref('excluded.priority'),
            routed_at: eb.ref('excluded.routed_at'),
            updated_at: sql<Date>`now()`,
          })),
        ),
    );
  }

  /** The registrations, one per ticket, in one statement. */
  async upsertRegistrations(tx: EntityManager, tickets: readonly TicketRegisteredV1[]): Promise<void> {
    const rows = sql<{
      ticket_id: string;
      number: string;
      title: string;
      description: string;
      category: string;
      requester_email: string;
      jurisdiction: string;
    }>`unnest(${tickets.map((t) => t.ticketId)}::uuid[], ${tickets.map((t) => t.number)}::bigint[],
      ${tickets.map((t) => t.title)}::text[], ${tickets.map((t) => t.description)}::text[],
      ${tickets.map((t) => t.category)}::text[], ${tickets.map((t) => t.requester.email)}::text[],
      ${tickets.map((t) => t.jurisdiction)}::text[])`.as<'r'>(
      sql`r (ticket_id, number, title, description, category, requester_email, jurisdiction)`,
    );
    await execute(
      tx,
      db
        .insertInto('tickets')
        .columns(['ticket_id', 'number', 'title', 'description', 'category', 'requester_email', 'jurisdiction'])
        .expression((eb) =>
          eb
            .selectFrom(rows)
            .select((r) => [
              'r.ticket_id',
              'r.number',
              'r.title',
              'r.description',
              'r.category',
              r.fn<string>('lower', ['r.requester_email']).as('requester_email'),
              'r.jurisdiction',
            ]),
        )
        .onConflict((conflict) =>
          conflict.column('ticket_id').doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            description: eb.ref('excluded.description'),
            category: eb.ref('excluded.category'),
            requester_email: eb.ref('excluded.requester_email'),
            jurisdiction: eb.ref('excluded.jurisdiction'),
            updated_at: sql<Date>`now()`,
          })),
        ),
    );
  }

  /**
   * The solutions, one per ticket, in one statement. The latest resolution wins: a ticket reopened and
   * resolved again keeps its last solution.
   */
  async saveSolutions(tx: EntityManager, resolutions: readonly TicketResolvedV1[]): Promise<void> {
    const rows = sql<{ ticket_id: string; number: string; solution: string; resolved_at: Date }>`unnest(
      ${resolutions.map((r) => r.ticketId)}::uuid[], ${resolutions.map((r) => r.number)}::bigint[],
      ${resolutions.map((r) => r.solution)}::text[], ${resolutions.map((r) => r.at)}::timestamptz[])`.as<'r'>(
      sql`r (ticket_id, number, solution, resolved_at)`,
    );
    await execute(
      tx,
      db
        .insertInto('tickets')
        .columns(['ticket_id', 'number', 'solution', 'resolved_at'])
        .expression((eb) => eb.selectFrom(rows).select(['r.ticket_id', 'r.number', 'r.solution', 'r.resolved_at']))
        .onConflict((conflict) =>
          conflict
            .column('ticket_id')
            .doUpdateSet((eb) => ({
              solution: eb.ref('excluded.solution'),
              resolved_at: eb.ref('excluded.resolved_at'),
              updated_at: sql<Date>`now()`,
            }))
            .where((eb) =>
              eb.or([
                eb('tickets.resolved_at', 'is', null),
                eb('tickets.resolved_at', '<', eb.ref('excluded.resolved_at')),
              ]),
            ),
        ),
    );
  }

  async byNumber(number: number): Promise<KnownTicket | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      db
        .selectFrom('tickets')
        .select([
          'ticket_id',
          'number',
          'title',
          'description',
          'category',
          'area',
          'requester_email',
          'jurisdiction',
          'solution',
        ])
        .where('number', '=', String(number)),
    );
    if (!row) return null;
    return {
      ticketId: row.ticket_id,
      number: Number(row.number),
      title: row.title,
      description: row.description,
      category: row.category,
      area: row.area,
      requesterEmail: row.requester_email,
      jurisdiction: row.jurisdiction,
      solution: row.solution,
    };
  }

  /** Each ticket's suggestions replaced by these (best first), in two statements for all of them. */
  async replaceSuggestions(tx: EntityManager, byTicket: ReadonlyMap<string, readonly KbSuggestionV1[]>): Promise<void> {
    if (byTicket.size === 0) return;
    await execute(
      tx,
      db.deleteFrom('ticket_suggestions').where('ticket_id', '=', sql<string>`ANY(${[...byTicket.keys()]}::uuid[])`),
    );
    const rows = [...byTicket].flatMap(([ticketId, suggestions]) =>
      suggestions.map((s, index) => ({ ticketId, position: index + 1, articleId: s.id, score: s.score })),
    );
    if (rows.length === 0) return;
    const ranked = sql<{ ticket_id: string; position: number; article_id: string; score: number }>`unnest(
      ${rows.map((r) => r.ticketId)}::uuid[], ${rows.map((r) => r.position)}::int[],
      ${rows.map((r) => r.articleId)}::uuid[], ${rows.map((r) => r.score)}::real[])`.as<'x'>(
      sql`x (ticket_id, position, article_id, score)`,
    );
    await execute(
      tx,
      db
        .insertInto('ticket_suggestions')
        .columns(['ticket_id', 'position', 'article_id', 'score', 'computed_at'])
        .expression((eb) =>
          eb
            .selectFrom(ranked)
            .select(['x.ticket_id', 'x.position', 'x.article_id', 'x.score', sql<Date>`now()`.as('computed_at')]),
        ),
    );
  }

  /** Stored suggestions with each article's current title, status and visibility. */
  async suggestions(ticketId: string): Promise<StoredSuggestion[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      db
        .selectFrom('ticket_suggestions as s')
        .innerJoin('articles as a', 'a.id', 's.article_id')
        .select(['s.article_id', 'a.title', 's.score', 'a.status', 'a.visibility', 's.computed_at'])
        .where('s.ticket_id', '=', ticketId)
        .orderBy('s.position'),
    );
    return rows.map((r) => ({
      articleId: r.article_id,
      title: r.title,
      score: r.score,
      status: r.status,
      visibility: r.visibility,
      computedAt: r.computed_at.toISOString(),
    }));
  }
}
