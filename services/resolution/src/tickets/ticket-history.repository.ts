import { Injectable } from '@nestjs/common';
import { sql, type Insertable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { ByV1, HistoryStepV1 } from '@cau/contracts';
import { compiledOnce, execute, fetchRows } from '@cau/persistence';
import { resolutionRows as db } from '../rows.js';
import type { TicketSteps } from '../rows.generated.js';

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

const STEP_COLUMNS = [
  'ticket_id',
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
] as const;

/** Built once (`compiledOnce`): every lifecycle action appends its steps; rows go in in the order given. */
const appendSteps = compiledOnce(
  (v: {
    ticketIds: string[];
    at: Date[];
    actions: string[];
    areas: Array<string | null>;
    byAccountIds: Array<string | null>;
    byNames: Array<string | null>;
    byRoles: Array<string | null>;
    minutes: Array<number | null>;
    notes: Array<string | null>;
    fromAreas: Array<string | null>;
    toAreas: Array<string | null>;
  }) => {
    const s = sql<Insertable<TicketSteps>>`unnest(${v.ticketIds}::uuid[], ${v.at}::timestamptz[], ${v.actions}::text[],
      ${v.areas}::text[], ${v.byAccountIds}::uuid[], ${v.byNames}::text[], ${v.byRoles}::text[], ${v.minutes}::int[],
      ${v.notes}::text[], ${v.fromAreas}::text[], ${v.toAreas}::text[])`.as<'s'>(
      sql`s (${sql.join(STEP_COLUMNS.map((column) => sql.ref(column)))})`,
    );
    return db
      .insertInto('ticket_steps')
      .columns(STEP_COLUMNS)
      .expression((eb) => eb.selectFrom(s).select(STEP_COLUMNS.map((column) => `s.${column}` as const)));
  },
);

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
      appendSteps({
        ticketIds: steps.map((step) => step.ticketId),
        at: steps.map((step) => step.at),
        actions: steps.map((step) => step.action),
        areas: steps.map((step) => step.area),
        byAccountIds: steps.map((step) => step.by?.accountId ?? null),
        byNames: steps.map((step) => step.by?.name ?? null),
        byRoles: steps.map((step) => step.by?.role ?? null),
        minutes: steps.map((step) => step.minutes ?? null),
        notes: steps.map((step) => step.notes ?? null),
        fromAreas: steps.map((step) => step.from ?? null),
        toAreas: steps.map((step) => step.to ?? null),
      }),
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
