import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { ActorV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchRows } from '@cau/persistence';
import { gatewayRows } from '../rows.js';
import type { AuditAction, AuditTargetType } from './audit.dto.js';

export interface AuditChange {
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntry extends AuditChange {
  seq: string;
  at: Date;
  actor: { accountId: string; name: string; email: string };
}

export interface AuditFilter {
  targetType: AuditTargetType | null;
  targetId: string | null;
  actor: string | null;
  from: Date | null;
  to: Date | null;
  /** Entries older than this `seq` (the previous page's last). */
  before: string | null;
  limit: number;
}

/**
 * The actor of a failed login nobody could be identified in (an unknown e-mail, a provider answer that
 * never reached an account): the nil UUID, with what little is known as its name.
 */
export function anonymousActor(name: string): ActorV1 {
  return { accountId: '00000000-0000-0000-0000-000000000000', role: 'requester', email: '', name };
}

/** The gateway's audit log: appended to, never changed. */
@Injectable()
export class AuditRepository {
  private readonly db = gatewayRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** Appends in `tx` when given (the change's own transaction), else on its own. */
  async record(actor: ActorV1, change: AuditChange, tx?: EntityManager): Promise<void> {
    await execute(
      tx ?? this.runtime.dataSource,
      this.db.insertInto('audit_log').values({
        actor_id: actor.accountId,
        actor_name: actor.name,
        actor_email: actor.email,
        action: change.action,
        target_type: change.targetType,
        target_id: change.targetId,
        before: toJson(change.before),
        after: toJson(change.after),
      }),
    );
  }

  /** Newest first: by the time of the change, then by `seq` within one transaction. */
  async search(filter: AuditFilter): Promise<AuditEntry[]> {
    const { targetType, targetId, actor, from, to, before } = filter;
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .selectFrom('audit_log')
        .select([
          sql<string>`seq::text`.as('seq'),
          'at',
          'actor_id',
          'actor_name',
          'actor_email',
          'action',
          'target_type',
          'target_id',
          'before',
          'after',
        ])
        .$if(targetType !== null, (q) => q.where('target_type', '=', targetType!))
        .$if(targetId !== null, (q) => q.where('target_id', '=', targetId!))
        .$if(actor !== null, (q) => q.where('actor_id', '=', actor!))
        .$if(from !== null, (q) => q.where('at', '>=', from!))
        .$if(to !== null, (q) => q.where('at', '<', to!))
        // After the previous page's last row, by its (at, seq); an unknown seq gives an empty page.
        .$if(before !== null, (q) =>
          q.where(sql<boolean>`(at, seq) < (SELECT c.at, c.seq FROM audit_log c WHERE c.seq = ${before}::bigint)`),
        )
        .orderBy('at', 'desc')
        .orderBy('audit_log.seq', 'desc')
        .limit(filter.limit),
    );
    return rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      actor: { accountId: row.actor_id, name: row.actor_name, email: row.actor_email },
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      before: row.before,
      after: row.after,
    }));
  }
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
