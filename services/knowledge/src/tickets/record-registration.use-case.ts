import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRegisteredV1, TicketResolvedV1 } from '@cau/contracts';
import type { BatchScope } from '@cau/messaging';
import { SearchArticlesUseCase } from '../search/search-articles.use-case.js';
import { TicketRepository } from './ticket.repository.js';

const REGISTRATIONS = 'knowledge:registrations';
const SOLUTIONS = 'knowledge:solutions';

/**
 * "Knowledge base first" (docs/domain.md § Knowledge base; procedure 9.1 step 3): when a ticket is registered its best matching articles are
 * computed and kept, so the operator sees them as soon as the ticket is opened.
 *
 * A batch's registrations and solutions are written at its end, each kind in one statement for all its
 * tickets, and the suggestions of all its registrations come from one search and are stored in two statements.
 * Registrations, routings and solutions write different columns of the ticket's row, so their order within a
 * batch does not change the row; of one ticket's registrations the last wins, and of its resolutions the
 * latest (`at`), as one by one.
 */
@Injectable()
export class RecordTicketUseCase {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly search: SearchArticlesUseCase,
  ) {}

  async registered(event: EventEnvelope<TicketRegisteredV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    const pending = await batch.once(REGISTRATIONS, async () => {
      const registrations = new Map<string, TicketRegisteredV1>();
      batch.defer(REGISTRATIONS, () => this.recordRegistrations(tx, [...registrations.values()]));
      return registrations;
    });
    pending.set(event.data.ticketId, event.data);
  }

  /** The solution is kept to draft an article from the ticket. */
  async resolved(event: EventEnvelope<TicketResolvedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    const pending = await batch.once(SOLUTIONS, async () => {
      const solutions = new Map<string, TicketResolvedV1>();
      batch.defer(SOLUTIONS, () => this.tickets.saveSolutions(tx, [...solutions.values()]));
      return solutions;
    });
    const other = pending.get(event.data.ticketId);
    if (!other || Date.parse(other.at) < Date.parse(event.data.at)) pending.set(event.data.ticketId, event.data);
  }

  private async recordRegistrations(tx: EntityManager, tickets: readonly TicketRegisteredV1[]): Promise<void> {
    if (tickets.length === 0) return;
    await this.tickets.upsertRegistrations(tx, tickets);
    const found = await this.search.forTexts(
      tickets.map((ticket) => `${ticket.title} ${ticket.title} ${ticket.description}`),
    );
    const suggestions = new Map(tickets.map((ticket, i) => [ticket.ticketId, found[i]!]));
    await this.tickets.replaceSuggestions(tx, suggestions);
  }
}
