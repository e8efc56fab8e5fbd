import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRegisteredV1, TicketResolvedV1 } from '@cau/contracts';
import { SearchArticlesUseCase } from '../search/search-articles.use-case.js';
import { TicketRepository } from './ticket.repository.js';

/**
 * "Knowledge base first" (docs/domain.md § Knowledge base; procedure 9.1 step 3): when a ticket is registered its best matching articles are
 * computed and kept, so the operator sees them as soon as the ticket is opened.
 */
@Injectable()
export class RecordTicketUseCase {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly search: SearchArticlesUseCase,
  ) {}

  async registered(event: EventEnvelope<TicketRegisteredV1>, tx: EntityManager): Promise<void> {
    const ticket = event.data;
    await this.tickets.upsertRegistration(tx, ticket);
    const suggestions = await this.search.forText(`${ticket.title} ${ticket.title} ${ticket.description}`);
    await this.tickets.replaceSuggestions(tx, ticket.ticketId, suggestions);
  }

  /** The solution is kept to draft an article from the ticket. */
  async resolved(event: EventEnvelope<TicketResolvedV1>, tx: EntityManager): Promise<void> {
    await this.tickets.saveSolution(tx, event.data);
  }
}
