import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
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

interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string;
  actor_name: string;
  actor_email: string;
  action: AuditAction;
  target_type: AuditTargetType;
  target_id: string;
  before: unknown;
  after: unknown;
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
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Appends in `tx` when given (the change's own transaction), else on its own. */
  async record(actor: ActorV1, change: AuditChange, tx?: EntityManager): Promise<void> {
    await (tx ?? this.runtime.dataSource).query(
      `INSERT INTO "${this.s}".audit_log
         (actor_id, actor_name, actor_email, action, target_type, target_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
      [
        actor.accountId,
        actor.name,
        actor.email,
        change.action,
        change.targetType,
        change.targetId,
        toJson(change.before),
        toJson(change.after),
      ],
    );
  }

  /** Newest first: by the time of the change, then by `seq` within one transaction. */
  async search(filter: AuditFilter): Promise<AuditEntry[]> {
    const params: unknown[] = [];
    const where: string[] = ['true'];
    const add = (sql: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.targetType !== null) add((p) => `target_type = ${p}`, filter.targetType);
    if (filter.targetId !== null) add((p) => `target_id = ${p}`, filter.targetId);
    if (filter.actor !== null) add((p) => `actor_id = ${p}`, filter.actor);
    if (filter.from !== null) add((p) => `at >= ${p}`, filter.from);
    if (filter.to !== null) add((p) => `at < ${p}`, filter.to);
    // After the previous page's last row, by its (at, seq); an unknown seq gives an empty page.
    if (filter.before !== null) {
      add(
        (p) => `(at, seq) < (SELECT c.at, c.seq FROM "${this.s}".audit_log c WHERE c.seq = ${p}::bigint)`,
        filter.before,
      );
    }
    params.push(filter.limit);
    const rows: AuditRow[] = await this.runtime.dataSource.query(
      `SELECT seq::text AS seq, at, actor_id, actor_name, actor_email, action, target_type, target_id, before, after
       FROM "${this.s}".audit_log WHERE ${where.join(' AND ')}
       ORDER BY at DESC, audit_log.seq DESC LIMIT $${params.length}`,
      params,
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
