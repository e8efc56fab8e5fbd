import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CalendarBook,
  changedDays,
  DEFAULT_CALENDAR,
  defaultCalendar,
  type CalendarDefinition,
} from '@cau/business-time';
import type { CalendarsChangedV1, EventEnvelope } from '@cau/contracts';
import { ReportingSettings } from './reporting-settings.js';
import { factOf } from './ticket-fact.js';
import { TicketFactsRepository } from './ticket-facts.repository.js';

/**
 * Rebuilds the fact rows of the tickets a batch of events touched, at the end of the batch, in its
 * transaction, from the view and the path as they now are: whatever order the events came in, the last
 * rebuild sees them all.
 */
@Injectable()
export class TicketFactsProjection {
  /** The calendars last read, reused while the stored version is the same (read with each source). */
  private book: { version: number; calendars: CalendarBook } | null = null;

  constructor(
    private readonly facts: TicketFactsRepository,
    private readonly settings: ReportingSettings,
  ) {}

  /** The fact rows of these tickets, read, computed and written for all of them at once. */
  async refreshAll(tx: EntityManager, ticketIds: readonly string[]): Promise<void> {
    if (ticketIds.length === 0) return;
    const read = await this.facts.sources(tx, ticketIds);
    // Until the registration is seen the ticket has no number nor dimensions; it gets its row then.
    if (read.sources.length === 0) return;
    const calendars = await this.calendarBook(tx, read.calendarsVersion);
    await this.facts.saveAll(
      tx,
      read.sources.map((source) => factOf(source, calendars)),
      this.settings.timeZone,
    );
  }

  /**
   * Keeps resolution's newest calendars and counts again the first responses they change (those spanning
   * a holiday added or removed; every one when more than holidays changed). Resolution times stay as
   * resolution counted them at closure, when their SLA was settled. Answers the tickets to count again,
   * which the caller refreshes at the end of the batch (`refreshAll`), on the newest calendars kept by then.
   */
  async calendarsChanged(event: EventEnvelope<CalendarsChangedV1>, tx: EntityManager): Promise<string[]> {
    const stored = await this.facts.calendars(tx);
    const { version, calendars } = event.data;
    if (!(await this.facts.saveCalendars(tx, { version, calendars }))) return [];
    // Before the first announcement the facts were counted on the deployment's calendar without holidays:
    // the first one counts again only the responses spanning its holidays, not every ticket.
    const before = stored.version === 0 ? [this.unannounced()] : stored.calendars;
    return this.facts.countedAcross(tx, changedDays(before, calendars));
  }

  /** At the start: kpi_daily filled from the facts if it was built in another zone (or never). */
  ensureDaily(): Promise<boolean> {
    return this.facts.ensureDaily(this.settings.timeZone);
  }

  /** What the facts are counted on until resolution announces its calendars. */
  private unannounced(): CalendarDefinition {
    const { zone, week } = defaultCalendar(this.settings.timeZone);
    return { code: DEFAULT_CALENDAR, zone, week, jurisdictions: [], holidays: [] };
  }

  /** The calendars as last announced (`version` is the stored one, read with the ticket's source). */
  async calendarBook(tx: EntityManager, version: number): Promise<CalendarBook> {
    if (this.book?.version !== version) {
      const stored = await this.facts.calendars(tx);
      this.book = {
        version: stored.version,
        calendars: CalendarBook.fromDefinitions(this.settings.timeZone, stored.calendars),
      };
    }
    return this.book.calendars;
  }
}
