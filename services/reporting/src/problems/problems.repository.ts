import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PROBLEMS_REPORT_LIMIT, type ProblemReportRowV1, type ProblemStatus } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

export interface ProblemState {
  problemId: string;
  number: number;
  title: string;
  status: ProblemStatus;
  area: string;
  changedAt: Date;
}

interface ProblemReportRow {
  problem_id: string;
  number: string;
  title: string;
  status: ProblemStatus;
  area: string;
  incidents: number;
  open_incidents: number;
  incidents_in_period: number;
}

/** The problems and their links as reporting keeps them (see the migration ReportingProblems). */
@Injectable()
export class ProblemsRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Keeps the problem as this change left it, unless a newer change is already kept. */
  async saveChange(tx: EntityManager, problem: ProblemState): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".problems (problem_id, number, title, status, area, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (problem_id) DO UPDATE
         SET number = EXCLUDED.number, title = EXCLUDED.title, status = EXCLUDED.status, area = EXCLUDED.area,
             changed_at = EXCLUDED.changed_at
         WHERE problems.changed_at <= EXCLUDED.changed_at`,
      [problem.problemId, problem.number, problem.title, problem.status, problem.area, problem.changedAt],
    );
  }

  async link(tx: EntityManager, ticketId: string, problemId: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".problem_tickets (ticket_id, problem_id, linked_at) VALUES ($1, $2, $3)
       ON CONFLICT (ticket_id) DO UPDATE SET problem_id = EXCLUDED.problem_id, linked_at = EXCLUDED.linked_at
         WHERE problem_tickets.linked_at <= EXCLUDED.linked_at`,
      [ticketId, problemId, at],
    );
  }

  /** Only the link to this problem goes, and only if it is not newer than the unlinking. */
  async unlink(tx: EntityManager, ticketId: string, problemId: string, at: Date): Promise<void> {
    await tx.query(
      `DELETE FROM "${this.s}".problem_tickets WHERE ticket_id = $1 AND problem_id = $2 AND linked_at <= $3`,
      [ticketId, problemId, at],
    );
  }

  /**
   * The open problems (of one area, when given) with their incidents counted from the ticket view, the
   * most incidents registered in [from, to) first, and how many open problems there are in all.
   */
  async openProblems(criteria: {
    from: Date;
    to: Date;
    area: string | null;
  }): Promise<{ openCount: number; problems: ProblemReportRowV1[] }> {
    const [rows, counted] = await Promise.all([
      this.query<ProblemReportRow>(
        `SELECT p.problem_id, p.number, p.title, p.status, p.area,
                count(pt.ticket_id)::int AS incidents,
                count(pt.ticket_id) FILTER (WHERE t.status IS DISTINCT FROM 'cerrado')::int AS open_incidents,
                count(pt.ticket_id) FILTER (WHERE t.registered_at >= $1 AND t.registered_at < $2)::int
                  AS incidents_in_period
           FROM "${this.s}".problems p
           LEFT JOIN "${this.s}".problem_tickets pt ON pt.problem_id = p.problem_id
           LEFT JOIN "${this.s}".ticket_view t ON t.ticket_id = pt.ticket_id
          WHERE p.status <> 'cerrado' AND ($3::text IS NULL OR p.area = $3)
          GROUP BY p.problem_id
          ORDER BY incidents_in_period DESC, incidents DESC, p.number
          LIMIT $4`,
        [criteria.from, criteria.to, criteria.area, PROBLEMS_REPORT_LIMIT],
      ),
      this.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${this.s}".problems
          WHERE status <> 'cerrado' AND ($1::text IS NULL OR area = $1)`,
        [criteria.area],
      ),
    ]);
    return {
      openCount: counted[0]!.n,
      problems: rows.map((row) => ({
        id: row.problem_id,
        number: Number(row.number),
        title: row.title,
        status: row.status,
        area: row.area,
        incidents: row.incidents,
        openIncidents: row.open_incidents,
        incidentsInPeriod: row.incidents_in_period,
      })),
    };
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.runtime.dataSource.query(sql, params);
  }
}
