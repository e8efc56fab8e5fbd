import type { ClosureReportV1 } from '@cau/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst } from '@cau/persistence';
import { resolutionRows as db } from '../rows.js';

/** The report written when a ticket closes; it lasts while the ticket stays closed. */
@Injectable()
export class ClosureReportRepository {
  constructor(private readonly runtime: ServiceRuntime) {}

  async save(tx: EntityManager, ticketId: string, report: ClosureReportV1, at: Date): Promise<void> {
    await execute(
      tx,
      db
        .insertInto('closure_reports')
        .values({ ticket_id: ticketId, report: JSON.stringify(report), created_at: at })
        .onConflict((conflict) =>
          conflict.column('ticket_id').doUpdateSet((eb) => ({
            report: eb.ref('excluded.report'),
            created_at: eb.ref('excluded.created_at'),
          })),
        ),
    );
  }

  async find(ticketId: string): Promise<ClosureReportV1 | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      db.selectFrom('closure_reports').select('report').where('ticket_id', '=', ticketId),
    );
    return row?.report ?? null;
  }

  async delete(tx: EntityManager, ticketId: string): Promise<void> {
    await execute(tx, db.deleteFrom('closure_reports').where('ticket_id', '=', ticketId));
  }
}
