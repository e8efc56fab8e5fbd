import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ByV1, HistoryStepV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

export interface NewStep {
  ticketId: string;
  at: Date;
  action: string;
  area: string | null;
  by: ByV1 | null;
  minutes?: number | undefined;
  notes?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The ticket's path, one row per step, append-only. */
@Injectable()
export class TicketHistoryRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async append(tx: EntityManager, step: NewStep): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".ticket_steps
         (ticket_id, at, action, area, by_account_id, by_name, by_role, minutes, notes, from_area, to_area)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        step.ticketId,
        step.at,
        step.action,
        step.area,
        step.by?.accountId ?? null,
        step.by?.name ?? null,
        step.by?.role ?? null,
        step.minutes ?? null,
        step.notes ?? null,
        step.from ?? null,
        step.to ?? null,
      ],
    );
  }

  async list(tx: EntityManager, ticketId: string): Promise<HistoryStepV1[]> {
    const rows: Array<{
      at: Date;
      action: string;
      area: string | null;
      by_account_id: string | null;
      by_name: string | null;
      by_role: string | null;
      minutes: number | null;
      notes: string | null;
      from_area: string | null;
      to_area: string | null;
    }> = await tx.query(
      `SELECT at, action, area, by_account_id, by_name, by_role, minutes, notes, from_area, to_area
       FROM "${this.s}".ticket_steps WHERE ticket_id = $1 ORDER BY at, step_id`,
      [ticketId],
    );
    return rows.map((r) => ({
      at: r.at.toISOString(),
      action: r.action,
      area: r.area,
      by: r.by_account_id ? { accountId: r.by_account_id, name: r.by_name ?? '', role: r.by_role ?? '' } : null,
      minutes: r.minutes,
      notes: r.notes,
      from: r.from_area,
      to: r.to_area,
    }));
  }
}
