import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type {
  ArticleStatus,
  ArticleVisibility,
  KbSuggestionV1,
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

/**
 * Knowledge's own copy of the ticket fields it needs (registration, routing, resolution), and the
 * articles suggested for each ticket. Registration and routing may arrive in either order.
 */
@Injectable()
export class TicketRepository {
  constructor(private readonly runtime: ServiceRuntime) {}

  async upsertRouting(tx: EntityManager, routed: TicketRoutedV1): Promise<void> {
    await execute(
      tx,
      db
        .insertInto('tickets')
        .values({
          ticket_id: routed.ticketId,
          number: routed.number,
          area: routed.area,
          priority: routed.priority,
          routed_at: routed.routedAt,
        })
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

  async upsertRegistration(tx: EntityManager, ticket: TicketRegisteredV1): Promise<void> {
    await execute(
      tx,
      db
        .insertInto('tickets')
        .values((eb) => ({
          ticket_id: ticket.ticketId,
          number: ticket.number,
          title: ticket.title,
          description: ticket.description,
          category: ticket.category,
          requester_email: eb.fn<string>('lower', [eb.val(ticket.requester.email)]),
          jurisdiction: ticket.jurisdiction,
        }))
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

  /** The latest resolution wins: a ticket reopened and resolved again keeps its last solution. */
  async saveSolution(tx: EntityManager, resolved: TicketResolvedV1): Promise<void> {
    await execute(
      tx,
      db
        .insertInto('tickets')
        .values({
          ticket_id: resolved.ticketId,
          number: resolved.number,
          solution: resolved.solution,
          resolved_at: resolved.at,
        })
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

  async replaceSuggestions(tx: EntityManager, ticketId: string, suggestions: readonly KbSuggestionV1[]): Promise<void> {
    await execute(tx, db.deleteFrom('ticket_suggestions').where('ticket_id', '=', ticketId));
    if (suggestions.length === 0) return;
    const ranked = sql<{ article_id: string; score: number; position: number }>`unnest(
      ${suggestions.map((s) => s.id)}::uuid[], ${suggestions.map((s) => s.score)}::real[]) WITH ORDINALITY`.as<'x'>(
      sql`x (article_id, score, position)`,
    );
    await execute(
      tx,
      db
        .insertInto('ticket_suggestions')
        .columns(['ticket_id', 'position', 'article_id', 'score', 'computed_at'])
        .expression((eb) =>
          eb
            .selectFrom(ranked)
            .select((x) => [
              x.val(ticketId).as('ticket_id'),
              'x.position',
              'x.article_id',
              'x.score',
              sql<Date>`now()`.as('computed_at'),
            ]),
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
