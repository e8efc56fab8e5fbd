import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReportingSettings } from './reporting-settings.js';
import { factOf } from './ticket-fact.js';
import { TicketFactsRepository } from './ticket-facts.repository.js';

/**
 * Rebuilds a ticket's fact row after each of its events, in the event's transaction, from the view and
 * the path as they now are: whatever order the events came in, the last rebuild sees them all.
 */
@Injectable()
export class TicketFactsProjection {
  constructor(
    private readonly facts: TicketFactsRepository,
    private readonly settings: ReportingSettings,
  ) {}

  async refresh(tx: EntityManager, ticketId: string): Promise<void> {
    const source = await this.facts.source(tx, ticketId);
    // Until the registration is seen the ticket has no number nor dimensions; it gets its row then.
    if (source) await this.facts.save(tx, factOf(source, this.settings.timeZone), this.settings.timeZone);
  }

  /** At the start: kpi_daily filled from the facts if it was built in another zone (or never). */
  ensureDaily(): Promise<boolean> {
    return this.facts.ensureDaily(this.settings.timeZone);
  }
}
