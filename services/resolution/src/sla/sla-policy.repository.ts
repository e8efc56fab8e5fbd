import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Priority } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import type { SlaPolicy } from './due-dates.js';

const PRIORITY_ORDER = `CASE priority WHEN 'ALTA' THEN 1 WHEN 'MEDIA' THEN 2 ELSE 3 END`;

/** Maximum response and resolution times per priority, set by an administrator. */
@Injectable()
export class SlaPolicyRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async list(tx: EntityManager = this.runtime.dataSource.manager): Promise<SlaPolicy[]> {
    const rows: Array<{ priority: Priority; response_minutes: number; resolution_minutes: number }> = await tx.query(
      `SELECT priority, response_minutes, resolution_minutes FROM "${this.s}".sla_policies ORDER BY ${PRIORITY_ORDER}`,
    );
    return rows.map((r) => ({
      priority: r.priority,
      responseMinutes: r.response_minutes,
      resolutionMinutes: r.resolution_minutes,
    }));
  }

  /** Sets the policies of the priorities given; the others keep theirs. */
  async save(tx: EntityManager, policies: readonly SlaPolicy[]): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".sla_policies (priority, response_minutes, resolution_minutes)
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[])
       ON CONFLICT (priority) DO UPDATE
         SET response_minutes = EXCLUDED.response_minutes, resolution_minutes = EXCLUDED.resolution_minutes,
             updated_at = now()`,
      [
        policies.map((p) => p.priority),
        policies.map((p) => p.responseMinutes),
        policies.map((p) => p.resolutionMinutes),
      ],
    );
  }
}
