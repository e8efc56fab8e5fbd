import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  ByV1,
  ProblemActionV1,
  ProblemStatus,
  ProblemSummaryV1,
  ProblemTicketV1,
  ProblemV1,
  TicketStatus,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

export interface ProblemRow {
  problemId: string;
  number: number;
  title: string;
  description: string;
  status: ProblemStatus;
  area: string;
  rootCause: string | null;
  workaround: string | null;
  workaroundArticleId: string | null;
}

interface SummaryRow {
  problem_id: string;
  number: string;
  title: string;
  status: ProblemStatus;
  area: string;
  ticket_count: number;
  open_ticket_count: number;
  created_at: Date;
  updated_at: Date;
}

/** Problems, the incidents linked to them (one problem per ticket) and the log of actions taken. */
@Injectable()
export class ProblemRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async create(
    tx: EntityManager,
    problem: { problemId: string; title: string; description: string; area: string; by: ByV1; at: Date },
  ): Promise<number> {
    const [row]: Array<{ number: string }> = await tx.query(
      `INSERT INTO "${this.s}".problems (problem_id, title, description, area, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING number`,
      [problem.problemId, problem.title, problem.description, problem.area, JSON.stringify(problem.by), problem.at],
    );
    return Number(row!.number);
  }

  /** The problem locked for a change, or null. */
  async lock(tx: EntityManager, problemId: string): Promise<ProblemRow | null> {
    const [row]: Array<Record<string, unknown>> = await tx.query(
      `SELECT problem_id, number, title, description, status, area, root_cause, workaround, workaround_article_id
         FROM "${this.s}".problems WHERE problem_id = $1 FOR UPDATE`,
      [problemId],
    );
    if (!row) return null;
    return {
      problemId: row.problem_id as string,
      number: Number(row.number),
      title: row.title as string,
      description: row.description as string,
      status: row.status as ProblemStatus,
      area: row.area as string,
      rootCause: row.root_cause as string | null,
      workaround: row.workaround as string | null,
      workaroundArticleId: row.workaround_article_id as string | null,
    };
  }

  async save(tx: EntityManager, problem: ProblemRow, at: Date): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".problems
          SET title = $2, description = $3, status = $4, area = $5, root_cause = $6, workaround = $7,
              workaround_article_id = $8, updated_at = $9
        WHERE problem_id = $1`,
      [
        problem.problemId,
        problem.title,
        problem.description,
        problem.status,
        problem.area,
        problem.rootCause,
        problem.workaround,
        problem.workaroundArticleId,
        at,
      ],
    );
  }

  async touch(tx: EntityManager, problemId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE "${this.s}".problems SET updated_at = $2 WHERE problem_id = $1`, [problemId, at]);
  }

  async addAction(tx: EntityManager, problemId: string, at: Date, by: ByV1, text: string): Promise<void> {
    await tx.query(`INSERT INTO "${this.s}".problem_actions (problem_id, at, by, text) VALUES ($1, $2, $3, $4)`, [
      problemId,
      at,
      JSON.stringify(by),
      text,
    ]);
  }

  async actionCount(tx: EntityManager, problemId: string): Promise<number> {
    const [row]: Array<{ n: number }> = await tx.query(
      `SELECT count(*)::int AS n FROM "${this.s}".problem_actions WHERE problem_id = $1`,
      [problemId],
    );
    return row?.n ?? 0;
  }

  /** The tickets (by number) this resolution instance knows, with the problem each is linked to. */
  async ticketsByNumber(
    tx: EntityManager,
    numbers: number[],
  ): Promise<Array<{ ticketId: string; number: number; problemId: string | null }>> {
    const rows: Array<{ ticket_id: string; number: string; problem_id: string | null }> = await tx.query(
      `SELECT t.ticket_id, t.number, pt.problem_id
         FROM "${this.s}".tickets t LEFT JOIN "${this.s}".problem_tickets pt ON pt.ticket_id = t.ticket_id
        WHERE t.number = ANY($1::bigint[])
        FOR UPDATE OF t`,
      [numbers],
    );
    return rows.map((r) => ({ ticketId: r.ticket_id, number: Number(r.number), problemId: r.problem_id }));
  }

  /** Links the tickets; a ticket already linked (to any problem) stays as it is. */
  async link(tx: EntityManager, problemId: string, ticketIds: string[], at: Date, by: ByV1): Promise<string[]> {
    if (ticketIds.length === 0) return [];
    const rows: Array<{ ticket_id: string }> = await tx.query(
      `INSERT INTO "${this.s}".problem_tickets (ticket_id, problem_id, linked_at, linked_by)
       SELECT unnest($1::uuid[]), $2, $3, $4 ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id`,
      [ticketIds, problemId, at, JSON.stringify(by)],
    );
    return rows.map((r) => r.ticket_id);
  }

  async unlink(tx: EntityManager, problemId: string, ticketId: string): Promise<boolean> {
    const rows: Array<{ n: number }> = await tx.query(
      `WITH gone AS (
         DELETE FROM "${this.s}".problem_tickets WHERE problem_id = $1 AND ticket_id = $2 RETURNING 1
       ) SELECT count(*)::int AS n FROM gone`,
      [problemId, ticketId],
    );
    return (rows[0]?.n ?? 0) > 0;
  }

  async list(filter: { status?: string; area?: string; ticket?: number }): Promise<ProblemSummaryV1[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) where.push(`p.status = $${params.push(filter.status)}`);
    if (filter.area) where.push(`p.area = $${params.push(filter.area)}`);
    if (filter.ticket !== undefined) {
      where.push(
        `p.problem_id = (SELECT pt.problem_id FROM "${this.s}".problem_tickets pt JOIN "${this.s}".tickets t
                           ON t.ticket_id = pt.ticket_id WHERE t.number = $${params.push(filter.ticket)})`,
      );
    }
    const rows: SummaryRow[] = await this.runtime.dataSource.query(
      `${this.summarySelect()} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY (p.status = 'cerrado'), p.updated_at DESC LIMIT 500`,
      params,
    );
    return rows.map(summaryOf);
  }

  async openCount(): Promise<number> {
    const [row]: Array<{ n: number }> = await this.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM "${this.s}".problems WHERE status <> 'cerrado'`,
    );
    return row?.n ?? 0;
  }

  async get(problemId: string, tx?: EntityManager): Promise<ProblemV1 | null> {
    const q = tx ?? this.runtime.dataSource.manager;
    const [row]: Array<
      SummaryRow & {
        description: string;
        root_cause: string | null;
        workaround: string | null;
        workaround_article_id: string | null;
        created_by: ByV1;
      }
    > = await q.query(
      `${this.summarySelect(', p.description, p.root_cause, p.workaround, p.workaround_article_id, p.created_by')}
        WHERE p.problem_id = $1`,
      [problemId],
    );
    if (!row) return null;
    const tickets: Array<{ number: string; area: string; status: TicketStatus; linked_at: Date }> = await q.query(
      `SELECT t.number, t.area, t.status, pt.linked_at
         FROM "${this.s}".problem_tickets pt JOIN "${this.s}".tickets t ON t.ticket_id = pt.ticket_id
        WHERE pt.problem_id = $1 ORDER BY t.number`,
      [problemId],
    );
    const actions: Array<{ at: Date; by: ByV1; text: string }> = await q.query(
      `SELECT at, by, text FROM "${this.s}".problem_actions WHERE problem_id = $1 ORDER BY action_id`,
      [problemId],
    );
    return {
      ...summaryOf(row),
      description: row.description,
      rootCause: row.root_cause,
      workaround: row.workaround,
      workaroundArticleId: row.workaround_article_id,
      createdBy: row.created_by,
      tickets: tickets.map((t): ProblemTicketV1 => ({
        number: Number(t.number),
        area: t.area,
        status: t.status,
        linkedAt: t.linked_at.toISOString(),
      })),
      actions: actions.map((a): ProblemActionV1 => ({ at: a.at.toISOString(), by: a.by, text: a.text })),
    };
  }

  private summarySelect(extra = ''): string {
    return `SELECT p.problem_id, p.number, p.title, p.status, p.area, p.created_at, p.updated_at${extra},
              (SELECT count(*)::int FROM "${this.s}".problem_tickets pt WHERE pt.problem_id = p.problem_id) AS ticket_count,
              (SELECT count(*)::int FROM "${this.s}".problem_tickets pt JOIN "${this.s}".tickets t ON t.ticket_id = pt.ticket_id
                WHERE pt.problem_id = p.problem_id AND t.status <> 'cerrado') AS open_ticket_count
         FROM "${this.s}".problems p`;
  }
}

function summaryOf(row: SummaryRow): ProblemSummaryV1 {
  return {
    id: row.problem_id,
    number: Number(row.number),
    title: row.title,
    status: row.status,
    area: row.area,
    ticketCount: row.ticket_count,
    openTicketCount: row.open_ticket_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
