import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CalendarEvents, type CalendarDefinitionV1 } from '@cau/contracts';
import { Outbox, ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst } from '@cau/persistence';
import { Clock } from '../clock.js';
import { resolutionRows as db } from '../rows.js';
import { CalendarRepository } from './calendar.repository.js';

/**
 * Announces the business calendars (`sla.calendars-changed`) whenever they differ from the last
 * announcement, so reporting counts business minutes on the very calendars and holidays the SLA clocks
 * use. Comparing with what was announced (rather than each caller deciding) announces every change once,
 * whether it came through a command or was made in the database and found at start.
 */
@Injectable()
export class CalendarAnnouncer {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly calendars: CalendarRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** In the caller's transaction, after its writes; true when something was announced. */
  async announce(tx: EntityManager): Promise<boolean> {
    const calendars: CalendarDefinitionV1[] = (await this.calendars.definitions(tx)).map((c) => ({
      code: c.code,
      zone: c.zone,
      week: c.week,
      jurisdictions: [...c.jurisdictions],
      holidays: [...c.holidays],
    }));
    const state = JSON.stringify(calendars);
    // Locked, so two instances changing holidays at once announce two versions in order.
    const last = await fetchFirst(tx, db.selectFrom('calendar_announcements').select(['version', 'state']).forUpdate());
    if (last?.state === state) return false;
    const version = Number(last?.version ?? 0) + 1;
    await execute(tx, db.updateTable('calendar_announcements').set({ version, state }));
    await this.outbox.append(tx, {
      definition: CalendarEvents.CalendarsChanged,
      ticketId: null,
      data: { version, calendars, at: this.clock.now().toISOString() },
    });
    return true;
  }

  /** At start: announces calendars edited while no instance ran (or never announced). */
  async announceAtStart(): Promise<boolean> {
    return this.runtime.transaction((tx) => this.announce(tx));
  }
}
