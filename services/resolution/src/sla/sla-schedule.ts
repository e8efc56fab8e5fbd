import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, fetchFirst } from '@cau/persistence';
import { resolutionRows as db } from '../rows.js';
import { TicketRepository, type DueDatesRow } from '../tickets/ticket.repository.js';
import { CalendarRepository } from './calendar.repository.js';
import { ServiceLevelAnnouncer } from './service-level-announcer.js';
import { targetsOf } from './service-level.js';
import { SlaPolicyBook } from './sla-policy-book.js';
import { SlaPolicyRepository } from './sla-policy.repository.js';

/**
 * Keeps the due dates stored on tickets in step with what they are computed from: registration time,
 * priority, the policy of that priority (or its service's or jurisdiction's), the ticket's calendar and its waits on the requester. Due dates
 * are always recomputed from those facts, never shifted, so every path (an event, a wait, a new policy,
 * a reclassification) reaches the same answer. What changed is then announced (`ticket.service-level-changed`).
 */
@Injectable()
export class SlaSchedule {
  private cached: Rules | null = null;

  constructor(
    private readonly tickets: TicketRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly calendars: CalendarRepository,
    private readonly announcer: ServiceLevelAnnouncer,
  ) {}

  /**
   * Recomputes the given tickets' due dates, or those of every ticket not yet closed. Recomputing every
   * ticket is what a policy change does, so that path always reads policies and calendars afresh; the
   * per-event path reuses them for a few seconds, since they change rarely and each event would
   * otherwise cost five extra queries and a calendar build (see `rules`).
   */
  async refresh(tx: EntityManager, ticketIds?: readonly string[]): Promise<void> {
    const facts = await this.tickets.slaFacts(tx, ticketIds);
    if (facts.length === 0) return;
    const { policies, book } = await this.rules(tx, ticketIds === undefined);
    const rows = facts.map((f): DueDatesRow => ({
      ticketId: f.ticketId,
      ...targetsOf(f, policies, (jurisdiction) => book.calendarFor(jurisdiction)),
    }));
    await this.tickets.setDueDates(tx, rows);
    await this.announcer.announce(tx, ticketIds);
  }

  /**
   * Records, in the transaction that changes them, that policies, calendars or holidays changed: every
   * instance reloads its reused rules before the next ticket (see `rules`).
   */
  async rulesChanged(tx: EntityManager): Promise<void> {
    await execute(
      tx,
      db.updateTable('sla_rules_version').set((eb) => ({ version: eb('version', '+', '1') })),
    );
    this.cached = null;
  }

  /** Drops the reused policies and calendars (after an edit made directly in the database). */
  forget(): void {
    this.cached = null;
  }

  /**
   * Reused while the stored rules version is the one they were read at (one cheap query instead of five
   * and a calendar build); also reloaded after RULES_CACHE_MS, for edits made directly in the database.
   */
  private async rules(tx: EntityManager, fresh: boolean): Promise<Rules> {
    const { version } = (await fetchFirst(tx, db.selectFrom('sla_rules_version').select('version')))!;
    const stale = !this.cached || this.cached.version !== version || Date.now() - this.cached.loadedAt > RULES_CACHE_MS;
    if (fresh || stale) {
      const policies = SlaPolicyBook.build(await this.policies.list(tx), await this.policies.listOverrides(tx));
      this.cached = { policies, book: await this.calendars.book(tx), loadedAt: Date.now(), version };
    }
    return this.cached!;
  }
}

const RULES_CACHE_MS = 5_000;

interface Rules {
  policies: SlaPolicyBook;
  book: Awaited<ReturnType<CalendarRepository['book']>>;
  loadedAt: number;
  version: string;
}
