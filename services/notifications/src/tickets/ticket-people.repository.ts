import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ByV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

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
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** The newer step wins, whatever order the events arrive in. */
  async record(tx: EntityManager, step: TicketPersonStep): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".ticket_people (ticket_id, duty, area, account_id, name, email, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (ticket_id, duty, area) DO UPDATE
         SET account_id = EXCLUDED.account_id, name = EXCLUDED.name, email = EXCLUDED.email, at = EXCLUDED.at
         WHERE "${this.s}".ticket_people.at <= EXCLUDED.at`,
      [
        step.ticketId,
        step.duty,
        step.area,
        step.person.accountId,
        step.person.name,
        step.person.email?.toLowerCase() ?? null,
        step.at,
      ],
    );
  }

  /** The address of whoever holds `duty` on the ticket in `area` (any area when null), if known. */
  async emailOf(tx: EntityManager, ticketId: string, duty: TicketDuty, area: string | null): Promise<string | null> {
    const rows: Array<{ email: string | null }> = await tx.query(
      `SELECT email FROM "${this.s}".ticket_people
       WHERE ticket_id = $1 AND duty = $2 AND ($3::text IS NULL OR area = $3)
       ORDER BY at DESC LIMIT 1`,
      [ticketId, duty, area],
    );
    return rows[0]?.email ?? null;
  }
}
