import { Injectable } from '@nestjs/common';
import { sql, type ExpressionBuilder } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Priority } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchRows } from '@cau/persistence';
import { resolutionRows as db } from '../rows.js';
import type { DB } from '../rows.generated.js';
import type { SlaPolicy } from './due-dates.js';
import type { SlaPolicyOverride } from './sla-policy-book.js';

/** The priorities from the most urgent. */
function priorityOrder(eb: ExpressionBuilder<DB, 'sla_policies' | 'sla_policy_overrides'>) {
  return eb.case('priority').when('ALTA').then(1).when('MEDIA').then(2).else(3).end();
}

/** Maximum response and resolution times per priority, and per jurisdiction or service, set by an administrator. */
@Injectable()
export class SlaPolicyRepository {
  constructor(private readonly runtime: ServiceRuntime) {}

  async list(tx: EntityManager = this.runtime.dataSource.manager): Promise<SlaPolicy[]> {
    const rows = await fetchRows(
      tx,
      db
        .selectFrom('sla_policies')
        .select(['priority', 'response_minutes', 'resolution_minutes'])
        .orderBy(priorityOrder),
    );
    return rows.map((r) => ({
      priority: r.priority,
      responseMinutes: r.response_minutes,
      resolutionMinutes: r.resolution_minutes,
    }));
  }

  /** Sets the policies of the priorities given; the others keep theirs. */
  async save(tx: EntityManager, policies: readonly SlaPolicy[]): Promise<void> {
    const given = sql<{ priority: Priority; response_minutes: number; resolution_minutes: number }>`unnest(
      ${policies.map((p) => p.priority)}::text[], ${policies.map((p) => p.responseMinutes)}::int[],
      ${policies.map((p) => p.resolutionMinutes)}::int[])`.as<'p'>(
      sql`p (priority, response_minutes, resolution_minutes)`,
    );
    await execute(
      tx,
      db
        .insertInto('sla_policies')
        .columns(['priority', 'response_minutes', 'resolution_minutes'])
        .expression((eb) => eb.selectFrom(given).select(['p.priority', 'p.response_minutes', 'p.resolution_minutes']))
        .onConflict((conflict) =>
          conflict.column('priority').doUpdateSet((eb) => ({
            response_minutes: eb.ref('excluded.response_minutes'),
            resolution_minutes: eb.ref('excluded.resolution_minutes'),
            updated_at: sql<Date>`now()`,
          })),
        ),
    );
  }

  /** Overrides grouped by scope and code, each group in priority order. */
  async listOverrides(tx: EntityManager = this.runtime.dataSource.manager): Promise<SlaPolicyOverride[]> {
    const rows = await fetchRows(
      tx,
      db
        .selectFrom('sla_policy_overrides')
        .select(['scope', 'code', 'priority', 'response_minutes', 'resolution_minutes'])
        .orderBy('scope')
        .orderBy('code')
        .orderBy(priorityOrder),
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
    await execute(tx, db.deleteFrom('sla_policy_overrides'));
    if (overrides.length === 0) return;
    const given = sql<
      Omit<SlaPolicyOverride, 'responseMinutes' | 'resolutionMinutes'> & {
        response_minutes: number;
        resolution_minutes: number;
      }
    >`unnest(
      ${overrides.map((o) => o.scope)}::text[], ${overrides.map((o) => o.code)}::text[],
      ${overrides.map((o) => o.priority)}::text[], ${overrides.map((o) => o.responseMinutes)}::int[],
      ${overrides.map((o) => o.resolutionMinutes)}::int[])`.as<'o'>(
      sql`o (scope, code, priority, response_minutes, resolution_minutes)`,
    );
    await execute(
      tx,
      db
        .insertInto('sla_policy_overrides')
        .columns(['scope', 'code', 'priority', 'response_minutes', 'resolution_minutes'])
        .expression((eb) =>
          eb
            .selectFrom(given)
            .select(['o.scope', 'o.code', 'o.priority', 'o.response_minutes', 'o.resolution_minutes']),
        ),
    );
  }
}
