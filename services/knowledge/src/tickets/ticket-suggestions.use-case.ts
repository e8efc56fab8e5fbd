import { Injectable } from '@nestjs/common';
import { Role, type ActorV1, type TicketKbSuggestionsV1, type TicketSuggestionsQueryV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { mayRead } from '../articles/article-rules.js';
import { TicketRepository, type KnownTicket } from './ticket.repository.js';

/** Requesters follow their own tickets, referentes their jurisdiction's, staff all (as in reporting). */
export function mayFollow(actor: ActorV1, ticket: Pick<KnownTicket, 'requesterEmail' | 'jurisdiction'>): boolean {
  switch (actor.role) {
    case Role.Requester:
      return ticket.requesterEmail === actor.email.trim().toLowerCase();
    case Role.Referente:
      return actor.jurisdiction !== undefined && ticket.jurisdiction === actor.jurisdiction;
    default:
      return true;
  }
}

@Injectable()
export class TicketSuggestionsUseCase {
  constructor(private readonly tickets: TicketRepository) {}

  /** The articles suggested at registration that are still published and that the actor may read. */
  async get({ actor, number }: TicketSuggestionsQueryV1): Promise<TicketKbSuggestionsV1> {
    const ticket = await this.tickets.byNumber(number);
    if (!ticket?.title || !mayFollow(actor, ticket)) throw ServiceError.notFound('ticket', number);
    const stored = await this.tickets.suggestions(ticket.ticketId);
    return {
      number,
      computedAt: stored[0]?.computedAt ?? null,
      items: stored
        .filter((s) => s.status === 'published' && mayRead(actor, s))
        .map((s) => ({ id: s.articleId, title: s.title, score: s.score })),
    };
  }
}
