import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ByV1 } from '@cau/contracts';
import { execute, fetchFirst } from '@cau/persistence';
import { notificationsRows } from '../rows.js';

/** What a person did on a ticket that makes them someone to mail later. */
export const TicketDuty = {
  /** Held the ticket in an area (took it or was assigned it). */
  Assignee: 'assignee',
  /** Submitted the solution for the supervisor's review. */
  Submitter: 'submitter',
} as const;
export type TicketDuty = (typeof TicketDuty)[keyof typeof TicketDuty];

export interface TicketPersonStep {
  ticketId: string;
  duty: TicketDuty;
  area: string;
  person: ByV1;
  at: string;
}

/** The people of each ticket, from resolution's events: who to mail at their own address. */
@Injectable()
export class TicketPeopleRepository {
  private readonly db = notificationsRows;

  /** The newer step wins, whatever order the events arrive in. */
  async record(tx: EntityManager, step: TicketPersonStep): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('ticket_people')
        .values({
          ticket_id: step.ticketId,
          duty: step.duty,
          area: step.area,
          account_id: step.person.accountId,
          name: step.person.name,
          email: step.person.email?.toLowerCase() ?? null,
          at: step.at,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['ticket_id', 'duty', 'area'])
            .doUpdateSet((eb) => ({
              account_id: eb.ref('excluded.account_id'),
              name: eb.ref('excluded.name'),
              email: eb.ref('excluded.email'),
              at: eb.ref('excluded.at'),
            }))
            .whereRef('ticket_people.at', '<=', 'excluded.at'),
        ),
    );
  }

  /** The address of whoever holds `duty` on the ticket in `area` (any area when null), if known. */
  async emailOf(tx: EntityManager, ticketId: string, duty: TicketDuty, area: string | null): Promise<string | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('ticket_people')
        .select('email')
        .where('ticket_id', '=', ticketId)
        .where('duty', '=', duty)
        .$if(area !== null, (query) => query.where('area', '=', area!))
        .orderBy('at', 'desc')
        .limit(1),
    );
    return row?.email ?? null;
  }
}
