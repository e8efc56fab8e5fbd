import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Priority } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import type { SlaPolicy } from './due-dates.js';
import type { SlaPolicyOverride } from './sla-policy-book.js';

const PRIORITY_ORDER = `CASE priority WHEN 'ALTA' THEN 1 WHEN 'MEDIA' THEN 2 ELSE 3 END`;

/** Maximum response and resolution times per priority, and per jurisdiction or service, set by an administrator. */
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

  /** Overrides grouped by scope and code, each group in priority order. */
  async listOverrides(tx: EntityManager = this.runtime.dataSource.manager): Promise<SlaPolicyOverride[]> {
    const rows: Array<{
      scope: SlaPolicyOverride['scope'];
      code: string;
      priority: Priority;
      response_minutes: number;
      resolution_minutes: number;
    }> = await tx.query(
      `SELECT scope, code, priority, response_minutes, resolution_minutes FROM "${this.s}".sla_policy_overrides
       ORDER BY scope, code, ${PRIORITY_ORDER}`,
    );
    return rows.map((r) => ({
      scope: r.scope,
      code: r.code,
      priority: r.priority,
      responseMinutes: r.response_minutes,
      resolutionMinutes: r.resolution_minutes,
    }));
  }

  /** The whole set of overrides becomes `overrides`. */
  async replaceOverrides(tx: EntityManager, overrides: readonly SlaPolicyOverride[]): Promise<void> {
    await tx.query(`DELETE FROM "${this.s}".sla_policy_overrides`);
    if (overrides.length === 0) return;
    await tx.query(
      `INSERT INTO "${this.s}".sla_policy_overrides (scope, code, priority, response_minutes, resolution_minutes)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[])`,
      [
        overrides.map((o) => o.scope),
        overrides.map((o) => o.code),
        overrides.map((o) => o.priority),
        overrides.map((o) => o.responseMinutes),
        overrides.map((o) => o.resolutionMinutes),
      ],
    );
  }
}
