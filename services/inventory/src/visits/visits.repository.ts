import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { ActorV1, FieldTicketV1, FieldVisitV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { inventoryRows } from '../rows.js';
import type { FieldVisits } from '../rows.generated.js';
import type { VisitorColumns } from './visit.js';

const toView = (r: Selectable<FieldVisits>): FieldVisitV1 => ({
  id: r.id,
  ticketNumber: Number(r.ticket_number),
  status: r.recorded_at ? 'recorded' : 'planned',
  plannedFor: r.planned_for.toISOString(),
  plannedBy: { accountId: r.planned_by_id, name: r.planned_by_name },
  note: r.note,
  visitor: {
    kind: r.visitor_kind,
    accountId: r.visitor_account_id,
    name: r.visitor_name,
    company: r.company,
    technician: r.technician,
    reportNumber: r.report_number,
  },
  arrivedAt: r.arrived_at?.toISOString() ?? null,
  departedAt: r.departed_at?.toISOString() ?? null,
  workDone: r.work_done,
  recordedBy: r.recorded_by_id ? { accountId: r.recorded_by_id, name: r.recorded_by_name ?? '' } : null,
  recordedAt: r.recorded_at?.toISOString() ?? null,
});

@Injectable()
export class VisitsRepository {
  private readonly db = inventoryRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  async plan(
    tx: EntityManager,
    visit: { id: string; ticket: FieldTicketV1; plannedFor: string; note: string | null; visitor: VisitorColumns },
    by: ActorV1,
  ): Promise<void> {
    const v = visit.visitor;
    await execute(
      tx,
      this.db.insertInto('field_visits').values({
        id: visit.id,
        ticket_number: visit.ticket.ticketNumber,
        ticket_id: visit.ticket.ticketId,
        planned_for: visit.plannedFor,
        planned_by_id: by.accountId,
        planned_by_name: by.name,
        note: visit.note,
        visitor_kind: v.kind,
        visitor_account_id: v.accountId,
        visitor_name: v.name,
        company: v.company,
        technician: v.technician,
        report_number: v.reportNumber,
      }),
    );
  }

  async record(
    tx: EntityManager,
    id: string,
    visit: { visitor: VisitorColumns; arrivedAt: string; departedAt: string; workDone: string },
    by: ActorV1,
    at: Date,
  ): Promise<void> {
    const v = visit.visitor;
    await execute(
      tx,
      this.db
        .updateTable('field_visits')
        .set({
          visitor_kind: v.kind,
          visitor_account_id: v.accountId,
          visitor_name: v.name,
          company: v.company,
          technician: v.technician,
          report_number: v.reportNumber,
          arrived_at: visit.arrivedAt,
          departed_at: visit.departedAt,
          work_done: visit.workDone,
          recorded_by_id: by.accountId,
          recorded_by_name: by.name,
          recorded_at: at,
        })
        .where('id', '=', id),
    );
  }

  async find(id: string, tx: EntityManager, lock = false): Promise<FieldVisitV1 | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('field_visits')
        .selectAll()
        .where('id', '=', id)
        .$if(lock, (query) => query.forUpdate()),
    );
    return row ? toView(row) : null;
  }

  async ofTicket(ticketNumber: number): Promise<FieldVisitV1[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .selectFrom('field_visits')
        .selectAll()
        .where('ticket_number', '=', String(ticketNumber))
        .orderBy('planned_for')
        .orderBy('id'),
    );
    return rows.map(toView);
  }
}
