import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorV1, FieldTicketV1, FieldVisitV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import type { VisitorColumns } from './visit.js';

interface VisitRow {
  id: string;
  ticket_number: string;
  planned_for: Date;
  planned_by_id: string;
  planned_by_name: string;
  note: string | null;
  visitor_kind: 'staff' | 'contractor';
  visitor_account_id: string | null;
  visitor_name: string | null;
  company: string | null;
  technician: string | null;
  report_number: string | null;
  arrived_at: Date | null;
  departed_at: Date | null;
  work_done: string | null;
  recorded_by_id: string | null;
  recorded_by_name: string | null;
  recorded_at: Date | null;
}

const toView = (r: VisitRow): FieldVisitV1 => ({
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
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async plan(
    tx: EntityManager,
    visit: { id: string; ticket: FieldTicketV1; plannedFor: string; note: string | null; visitor: VisitorColumns },
    by: ActorV1,
  ): Promise<void> {
    const v = visit.visitor;
    await tx.query(
      `INSERT INTO "${this.s}".field_visits
         (id, ticket_number, ticket_id, planned_for, planned_by_id, planned_by_name, note,
          visitor_kind, visitor_account_id, visitor_name, company, technician, report_number)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        visit.id,
        visit.ticket.ticketNumber,
        visit.ticket.ticketId,
        visit.plannedFor,
        by.accountId,
        by.name,
        visit.note,
        v.kind,
        v.accountId,
        v.name,
        v.company,
        v.technician,
        v.reportNumber,
      ],
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
    await tx.query(
      `UPDATE "${this.s}".field_visits SET visitor_kind = $2, visitor_account_id = $3, visitor_name = $4,
         company = $5, technician = $6, report_number = $7, arrived_at = $8, departed_at = $9, work_done = $10,
         recorded_by_id = $11, recorded_by_name = $12, recorded_at = $13
       WHERE id = $1`,
      [
        id,
        v.kind,
        v.accountId,
        v.name,
        v.company,
        v.technician,
        v.reportNumber,
        visit.arrivedAt,
        visit.departedAt,
        visit.workDone,
        by.accountId,
        by.name,
        at,
      ],
    );
  }

  async find(id: string, tx: EntityManager, lock = false): Promise<FieldVisitV1 | null> {
    const rows: VisitRow[] = await tx.query(
      `SELECT * FROM "${this.s}".field_visits WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async ofTicket(ticketNumber: number): Promise<FieldVisitV1[]> {
    const rows: VisitRow[] = await this.runtime.dataSource.query(
      `SELECT * FROM "${this.s}".field_visits WHERE ticket_number = $1 ORDER BY planned_for, id`,
      [ticketNumber],
    );
    return rows.map(toView);
  }
}
