import { Injectable } from '@nestjs/common';
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
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async upsertRouting(tx: EntityManager, routed: TicketRoutedV1): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".tickets (ticket_id, number, area, priority, routed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id) DO UPDATE
         SET area = EXCLUDED.area, priority = EXCLUDED.priority, routed_at = EXCLUDED.routed_at, updated_at = now()`,
      [routed.ticketId, routed.number, routed.area, routed.priority, routed.routedAt],
    );
  }

  async upsertRegistration(tx: EntityManager, ticket: TicketRegisteredV1): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".tickets (ticket_id, number, title, description, category, requester_email, jurisdiction)
       VALUES ($1, $2, $3, $4, $5, lower($6), $7)
       ON CONFLICT (ticket_id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
         category = EXCLUDED.category, requester_email = EXCLUDED.requester_email,
         jurisdiction = EXCLUDED.jurisdiction, updated_at = now()`,
      [
        ticket.ticketId,
        ticket.number,
        ticket.title,
        ticket.description,
        ticket.category,
        ticket.requester.email,
        ticket.jurisdiction,
      ],
    );
  }

  /** The latest resolution wins: a ticket reopened and resolved again keeps its last solution. */
  async saveSolution(tx: EntityManager, resolved: TicketResolvedV1): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".tickets (ticket_id, number, solution, resolved_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (ticket_id) DO UPDATE SET solution = EXCLUDED.solution, resolved_at = EXCLUDED.resolved_at,
         updated_at = now()
       WHERE "${this.s}".tickets.resolved_at IS NULL OR "${this.s}".tickets.resolved_at < EXCLUDED.resolved_at`,
      [resolved.ticketId, resolved.number, resolved.solution, resolved.at],
    );
  }

  async byNumber(number: number): Promise<KnownTicket | null> {
    const rows: Array<KnownTicket & { number: string }> = await this.runtime.dataSource.query(
      `SELECT ticket_id AS "ticketId", number, title, description, category, area,
              requester_email AS "requesterEmail", jurisdiction, solution
       FROM "${this.s}".tickets WHERE number = $1`,
      [number],
    );
    const row = rows[0];
    return row ? { ...row, number: Number(row.number) } : null;
  }

  async replaceSuggestions(tx: EntityManager, ticketId: string, suggestions: readonly KbSuggestionV1[]): Promise<void> {
    await tx.query(`DELETE FROM "${this.s}".ticket_suggestions WHERE ticket_id = $1`, [ticketId]);
    if (suggestions.length === 0) return;
    await tx.query(
      `INSERT INTO "${this.s}".ticket_suggestions (ticket_id, position, article_id, score, computed_at)
       SELECT $1, p, a, sc, now() FROM unnest($2::uuid[], $3::real[]) WITH ORDINALITY AS x(a, sc, p)`,
      [ticketId, suggestions.map((s) => s.id), suggestions.map((s) => s.score)],
    );
  }

  /** Stored suggestions with each article's current title, status and visibility. */
  async suggestions(ticketId: string): Promise<StoredSuggestion[]> {
    const rows: Array<Omit<StoredSuggestion, 'computedAt'> & { computed_at: Date }> =
      await this.runtime.dataSource.query(
        `SELECT s.article_id AS "articleId", a.title, s.score, a.status, a.visibility, s.computed_at
       FROM "${this.s}".ticket_suggestions s JOIN "${this.s}".articles a ON a.id = s.article_id
       WHERE s.ticket_id = $1 ORDER BY s.position`,
        [ticketId],
      );
    return rows.map(({ computed_at, ...rest }) => ({ ...rest, computedAt: computed_at.toISOString() }));
  }
}
