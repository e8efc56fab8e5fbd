import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ByV1, HistoryStepV1 } from '@cau/contracts';
import { execute, fetchRows } from '@cau/persistence';
import { resolutionRows as db } from '../rows.js';

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
  async append(tx: EntityManager, step: NewStep): Promise<void> {
    await this.appendAll(tx, [step]);
  }

  /** Several steps in one statement, numbered in the order given (the order a ticket's equal times keep). */
  async appendAll(tx: EntityManager, steps: readonly NewStep[]): Promise<void> {
    if (steps.length === 0) return;
    await execute(
      tx,
      db.insertInto('ticket_steps').values(
        steps.map((step) => ({
          ticket_id: step.ticketId,
          at: step.at,
          action: step.action,
          area: step.area,
          by_account_id: step.by?.accountId ?? null,
          by_name: step.by?.name ?? null,
          by_role: step.by?.role ?? null,
          minutes: step.minutes ?? null,
          notes: step.notes ?? null,
          from_area: step.from ?? null,
          to_area: step.to ?? null,
        })),
      ),
    );
  }

  async list(tx: EntityManager, ticketId: string): Promise<HistoryStepV1[]> {
    const rows = await fetchRows(
      tx,
      db
        .selectFrom('ticket_steps')
        .select([
          'at',
          'action',
          'area',
          'by_account_id',
          'by_name',
          'by_role',
          'minutes',
          'notes',
          'from_area',
          'to_area',
        ])
        .where('ticket_id', '=', ticketId)
        .orderBy('at')
        .orderBy('step_id'),
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
