import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PROBLEMS_REPORT_LIMIT, type ProblemReportRowV1, type ProblemStatus } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { reportingRows } from '../rows.js';

export interface ProblemState {
  problemId: string;
  number: number;
  title: string;
  status: ProblemStatus;
  area: string;
  changedAt: Date;
}

/** The problems and their links as reporting keeps them (see the migration ReportingProblems). */
@Injectable()
export class ProblemsRepository {
  /** Named with its schema: a rebuild writes a shadow schema through this same repository (see Reporting). */
  private readonly db: typeof reportingRows;

  constructor(private readonly runtime: ServiceRuntime) {
    this.db = reportingRows.withSchema(runtime.schema);
  }

  /** Keeps the problem as this change left it, unless a newer change is already kept. */
  async saveChange(tx: EntityManager, problem: ProblemState): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('problems')
        .values({
          problem_id: problem.problemId,
          number: problem.number,
          title: problem.title,
          status: problem.status,
          area: problem.area,
          changed_at: problem.changedAt,
        })
        .onConflict((conflict) =>
          conflict
            .column('problem_id')
            .doUpdateSet((eb) => ({
              number: eb.ref('excluded.number'),
              title: eb.ref('excluded.title'),
              status: eb.ref('excluded.status'),
              area: eb.ref('excluded.area'),
              changed_at: eb.ref('excluded.changed_at'),
            }))
            .whereRef('problems.changed_at', '<=', 'excluded.changed_at'),
        ),
    );
  }

  async link(tx: EntityManager, ticketId: string, problemId: string, at: Date): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('problem_tickets')
        .values({ ticket_id: ticketId, problem_id: problemId, linked_at: at })
        .onConflict((conflict) =>
          conflict
            .column('ticket_id')
            .doUpdateSet((eb) => ({
              problem_id: eb.ref('excluded.problem_id'),
              linked_at: eb.ref('excluded.linked_at'),
            }))
            .whereRef('problem_tickets.linked_at', '<=', 'excluded.linked_at'),
        ),
    );
  }

  /** Only the link to this problem goes, and only if it is not newer than the unlinking. */
  async unlink(tx: EntityManager, ticketId: string, problemId: string, at: Date): Promise<void> {
    await execute(
      tx,
      this.db
        .deleteFrom('problem_tickets')
        .where('ticket_id', '=', ticketId)
        .where('problem_id', '=', problemId)
        .where('linked_at', '<=', at),
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
    const { area } = criteria;
    const open = this.db.selectFrom('problems as p').where('p.status', '<>', 'cerrado');
    const inArea = area === null ? open : open.where('p.area', '=', area);
    const [rows, counted] = await Promise.all([
      fetchRows(
        this.runtime.dataSource,
        inArea
          .leftJoin('problem_tickets as pt', 'pt.problem_id', 'p.problem_id')
          .leftJoin('ticket_view as t', 't.ticket_id', 'pt.ticket_id')
          .select(['p.problem_id', 'p.number', 'p.title', 'p.status', 'p.area'])
          .select((eb) => [
            eb.cast<number>(eb.fn.count('pt.ticket_id'), 'integer').as('incidents'),
            eb
              .cast<number>(
                eb.fn.count('pt.ticket_id').filterWhere('t.status', 'is distinct from', 'cerrado'),
                'integer',
              )
              .as('open_incidents'),
            eb
              .cast<number>(
                eb.fn
                  .count('pt.ticket_id')
                  .filterWhere((f) =>
                    f.and([f('t.registered_at', '>=', criteria.from), f('t.registered_at', '<', criteria.to)]),
                  ),
                'integer',
              )
              .as('incidents_in_period'),
          ])
          .groupBy('p.problem_id')
          .orderBy('incidents_in_period', 'desc')
          .orderBy('incidents', 'desc')
          .orderBy('p.number')
          .limit(PROBLEMS_REPORT_LIMIT),
      ),
      fetchFirst(
        this.runtime.dataSource,
        inArea.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')),
      ),
    ]);
    return {
      openCount: counted!.n,
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
}
