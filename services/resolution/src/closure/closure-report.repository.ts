import type { ClosureReportV1 } from '@cau/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';

/** The report written when a ticket closes; it lasts while the ticket stays closed. */
@Injectable()
export class ClosureReportRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async save(tx: EntityManager, ticketId: string, report: ClosureReportV1, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".closure_reports (ticket_id, report, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (ticket_id) DO UPDATE SET report = EXCLUDED.report, created_at = EXCLUDED.created_at`,
      [ticketId, JSON.stringify(report), at],
    );
  }

  async find(ticketId: string): Promise<ClosureReportV1 | null> {
    const rows: Array<{ report: ClosureReportV1 }> = await this.runtime.dataSource.query(
      `SELECT report FROM "${this.s}".closure_reports WHERE ticket_id = $1`,
      [ticketId],
    );
    return rows[0]?.report ?? null;
  }

  async delete(tx: EntityManager, ticketId: string): Promise<void> {
    await tx.query(`DELETE FROM "${this.s}".closure_reports WHERE ticket_id = $1`, [ticketId]);
  }
}
