import { Injectable } from '@nestjs/common';
import { sql, type ExpressionBuilder } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { SlaTarget } from '@cau/contracts';
import { execute, fetchRows } from '@cau/persistence';
import { resolutionRows as db } from '../rows.js';
import type { DB } from '../rows.generated.js';

export interface DueBreach {
  ticketId: string;
  number: number;
  area: string;
  target: SlaTarget;
  dueAt: Date;
}

type TicketsAsT = ExpressionBuilder<DB & { t: DB['tickets'] }, 't'>;

/**
 * A target is breached when its due date has passed and it was not met by then: not met yet, or met
 * late. While the clock stands still (waiting on the requester) there is no breach unless the due date
 * came before the wait began. Resolution counts as met while the ticket is resolved or closed. A merged
 * duplicate is never breached: its targets passed to its original.
 */
function responseBreached(eb: TicketsAsT, now: Date) {
  return eb.and([
    eb('t.response_due_at', '<', now),
    eb('t.status', '<>', 'fusionado'),
    eb.or([eb('t.response_met_at', 'is', null), eb('t.response_met_at', '>', eb.ref('t.response_due_at'))]),
    eb.or([eb('t.waiting_since', 'is', null), eb('t.response_due_at', '<=', eb.ref('t.waiting_since'))]),
    eb.not(eb.exists(recorded(eb, 'response'))),
  ]);
}

function resolutionBreached(eb: TicketsAsT, now: Date) {
  return eb.and([
    eb('t.resolution_due_at', '<', now),
    eb('t.status', '<>', 'fusionado'),
    eb.or([eb('t.status', 'not in', ['resuelto', 'cerrado']), eb('t.resolved_at', '>', eb.ref('t.resolution_due_at'))]),
    eb.or([eb('t.waiting_since', 'is', null), eb('t.resolution_due_at', '<=', eb.ref('t.waiting_since'))]),
    eb.not(eb.exists(recorded(eb, 'resolution'))),
  ]);
}

/** The breach of `target` already recorded for the ticket. */
function recorded(eb: TicketsAsT, target: SlaTarget) {
  return eb
    .selectFrom('sla_breaches as b')
    .select(sql<number>`1`.as('recorded'))
    .whereRef('b.ticket_id', '=', 't.ticket_id')
    .where('b.target', '=', target);
}

/** Breaches of the service levels: found, claimed and recorded once per ticket and target. */
@Injectable()
export class SlaBreachRepository {
  /**
   * Tickets of the given areas (`null`: of every area) with a breached target, locked for this transaction. Rows another
   * instance is handling are skipped, so several sweepers split the work instead of queueing on it.
   */
  async claimBreached(
    tx: EntityManager,
    now: Date,
    areas: readonly string[] | null,
    limit: number,
  ): Promise<DueBreach[]> {
    const rows = await fetchRows(
      tx,
      db
        .selectFrom('tickets as t')
        .select((eb) => [
          't.ticket_id',
          't.number',
          't.area',
          't.response_due_at',
          't.resolution_due_at',
          responseBreached(eb, now).as('response'),
          resolutionBreached(eb, now).as('resolution'),
        ])
        .$if(areas !== null, (q) => q.where((eb) => eb('t.area', '=', eb.fn.any(eb.val(areas ?? [])))))
        .where((eb) => eb.or([responseBreached(eb, now), resolutionBreached(eb, now)]))
        // A due date needs a priority, which only routing gives, and routing places the ticket in an area.
        .$narrowType<{ area: string }>()
        .orderBy('t.ticket_id')
        .limit(limit)
        .forUpdate('t')
        .skipLocked(),
    );
    return rows.flatMap((r) => {
      const base = { ticketId: r.ticket_id, number: Number(r.number), area: r.area };
      const found: DueBreach[] = [];
      if (r.response && r.response_due_at) found.push({ ...base, target: 'response', dueAt: r.response_due_at });
      if (r.resolution && r.resolution_due_at) {
        found.push({ ...base, target: 'resolution', dueAt: r.resolution_due_at });
      }
      return found;
    });
  }

  /** Records the breaches and marks their tickets overdue; returns only those recorded by this call. */
  async record(tx: EntityManager, breaches: readonly DueBreach[], detectedAt: Date): Promise<DueBreach[]> {
    if (breaches.length === 0) return [];
    const due = sql<{ ticket_id: string; target: SlaTarget; due_at: Date }>`unnest(
      ${breaches.map((b) => b.ticketId)}::uuid[], ${breaches.map((b) => b.target)}::text[],
      ${breaches.map((b) => b.dueAt)}::timestamptz[])`.as<'d'>(sql`d (ticket_id, target, due_at)`);
    const inserted = await fetchRows(
      tx,
      db
        .insertInto('sla_breaches')
        .columns(['ticket_id', 'target', 'due_at', 'detected_at'])
        .expression((eb) =>
          eb
            .selectFrom(due)
            .select((d) => ['d.ticket_id', 'd.target', 'd.due_at', d.val(detectedAt).as('detected_at')]),
        )
        .onConflict((conflict) => conflict.columns(['ticket_id', 'target']).doNothing())
        .returning(['ticket_id', 'target']),
    );
    const recordedNow = new Set(inserted.map((r) => `${r.ticket_id}:${r.target}`));
    const fresh = breaches.filter((b) => recordedNow.has(`${b.ticketId}:${b.target}`));
    await execute(
      tx,
      db
        .updateTable('tickets')
        .set({ overdue: true, updated_at: sql<Date>`now()` })
        .where('ticket_id', '=', sql<string>`ANY(${[...new Set(fresh.map((b) => b.ticketId))]}::uuid[])`),
    );
    return fresh;
  }
}
