import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type {
  ByV1,
  ProblemActionV1,
  ProblemStatus,
  ProblemSummaryV1,
  ProblemTicketV1,
  ProblemV1,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { resolutionRows as db } from '../rows.js';

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

/** How many rows a subquery or a group holds, as a number (`count` answers a bigint, which pg reads as text). */
const countAll = sql<number>`count(*)::int`;

/** The columns of a problem's summary: its own, and how many tickets are linked and still open. */
function summaries() {
  return db
    .selectFrom('problems as p')
    .select((eb) => [
      'p.problem_id',
      'p.number',
      'p.title',
      'p.status',
      'p.area',
      'p.created_at',
      'p.updated_at',
      eb
        .selectFrom('problem_tickets as pt')
        .select(countAll.as('n'))
        .whereRef('pt.problem_id', '=', 'p.problem_id')
        .$asScalar()
        .as('ticket_count'),
      eb
        .selectFrom('problem_tickets as pt')
        .innerJoin('tickets as t', 't.ticket_id', 'pt.ticket_id')
        .select(countAll.as('n'))
        .whereRef('pt.problem_id', '=', 'p.problem_id')
        .where('t.status', '<>', 'cerrado')
        .$asScalar()
        .as('open_ticket_count'),
    ]);
}

type SummaryRow = Awaited<ReturnType<typeof fetchRows<ReturnType<typeof summaries>>>>[number];

/** Problems, the incidents linked to them (one problem per ticket) and the log of actions taken. */
@Injectable()
export class ProblemRepository {
  constructor(private readonly runtime: ServiceRuntime) {}

  async create(
    tx: EntityManager,
    problem: { problemId: string; title: string; description: string; area: string; by: ByV1; at: Date },
  ): Promise<number> {
    const row = await fetchFirst(
      tx,
      db
        .insertInto('problems')
        .values({
          problem_id: problem.problemId,
          title: problem.title,
          description: problem.description,
          area: problem.area,
          created_by: JSON.stringify(problem.by),
          created_at: problem.at,
          updated_at: problem.at,
        })
        .returning('number'),
    );
    return Number(row!.number);
  }

  /** The problem locked for a change, or null. */
  async lock(tx: EntityManager, problemId: string): Promise<ProblemRow | null> {
    const row = await fetchFirst(
      tx,
      db
        .selectFrom('problems')
        .select([
          'problem_id',
          'number',
          'title',
          'description',
          'status',
          'area',
          'root_cause',
          'workaround',
          'workaround_article_id',
        ])
        .where('problem_id', '=', problemId)
        .forUpdate(),
    );
    if (!row) return null;
    return {
      problemId: row.problem_id,
      number: Number(row.number),
      title: row.title,
      description: row.description,
      status: row.status,
      area: row.area,
      rootCause: row.root_cause,
      workaround: row.workaround,
      workaroundArticleId: row.workaround_article_id,
    };
  }

  async save(tx: EntityManager, problem: ProblemRow, at: Date): Promise<void> {
    await execute(
      tx,
      db
        .updateTable('problems')
        .set({
          title: problem.title,
          description: problem.description,
          status: problem.status,
          area: problem.area,
          root_cause: problem.rootCause,
          workaround: problem.workaround,
          workaround_article_id: problem.workaroundArticleId,
          updated_at: at,
        })
        .where('problem_id', '=', problem.problemId),
    );
  }

  async touch(tx: EntityManager, problemId: string, at: Date): Promise<void> {
    await execute(tx, db.updateTable('problems').set({ updated_at: at }).where('problem_id', '=', problemId));
  }

  async addAction(tx: EntityManager, problemId: string, at: Date, by: ByV1, text: string): Promise<void> {
    await execute(
      tx,
      db.insertInto('problem_actions').values({ problem_id: problemId, at, by: JSON.stringify(by), text }),
    );
  }

  async actionCount(tx: EntityManager, problemId: string): Promise<number> {
    const row = await fetchFirst(
      tx,
      db.selectFrom('problem_actions').select(countAll.as('n')).where('problem_id', '=', problemId),
    );
    return row?.n ?? 0;
  }

  /** The tickets (by number) this resolution instance knows, with the problem each is linked to. */
  async ticketsByNumber(
    tx: EntityManager,
    numbers: number[],
  ): Promise<Array<{ ticketId: string; number: number; problemId: string | null }>> {
    const rows = await fetchRows(
      tx,
      db
        .selectFrom('tickets as t')
        .leftJoin('problem_tickets as pt', 'pt.ticket_id', 't.ticket_id')
        .select(['t.ticket_id', 't.number', 'pt.problem_id'])
        .where('t.number', '=', sql<string>`ANY(${numbers}::bigint[])`)
        .forUpdate('t'),
    );
    return rows.map((r) => ({ ticketId: r.ticket_id, number: Number(r.number), problemId: r.problem_id }));
  }

  /** Links the tickets; a ticket already linked (to any problem) stays as it is. */
  async link(tx: EntityManager, problemId: string, ticketIds: string[], at: Date, by: ByV1): Promise<string[]> {
    if (ticketIds.length === 0) return [];
    const linked = sql<{ ticket_id: string }>`unnest(${ticketIds}::uuid[])`.as<'l'>(sql`l (ticket_id)`);
    const rows = await fetchRows(
      tx,
      db
        .insertInto('problem_tickets')
        .columns(['ticket_id', 'problem_id', 'linked_at', 'linked_by'])
        .expression((eb) =>
          eb
            .selectFrom(linked)
            .select((l) => [
              'l.ticket_id',
              l.val(problemId).as('problem_id'),
              l.val(at).as('linked_at'),
              l.val(JSON.stringify(by)).as('linked_by'),
            ]),
        )
        .onConflict((conflict) => conflict.column('ticket_id').doNothing())
        .returning('ticket_id'),
    );
    return rows.map((r) => r.ticket_id);
  }

  async unlink(tx: EntityManager, problemId: string, ticketId: string): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      db
        .deleteFrom('problem_tickets')
        .where('problem_id', '=', problemId)
        .where('ticket_id', '=', ticketId)
        .returning('ticket_id'),
    );
    return rows.length > 0;
  }

  async list(filter: { status?: ProblemStatus; area?: string; ticket?: number }): Promise<ProblemSummaryV1[]> {
    const { status, area, ticket } = filter;
    const rows = await fetchRows(
      this.runtime.dataSource,
      summaries()
        .$if(status !== undefined, (q) => q.where('p.status', '=', status!))
        .$if(area !== undefined, (q) => q.where('p.area', '=', area!))
        .$if(ticket !== undefined, (q) =>
          q.where('p.problem_id', '=', (eb) =>
            eb
              .selectFrom('problem_tickets as pt')
              .innerJoin('tickets as t', 't.ticket_id', 'pt.ticket_id')
              .select('pt.problem_id')
              .where('t.number', '=', String(ticket)),
          ),
        )
        .orderBy((eb) => eb('p.status', '=', 'cerrado'))
        .orderBy('p.updated_at', 'desc')
        .limit(500),
    );
    return rows.map(summaryOf);
  }

  async openCount(): Promise<number> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      db.selectFrom('problems').select(countAll.as('n')).where('status', '<>', 'cerrado'),
    );
    return row?.n ?? 0;
  }

  async get(problemId: string, tx?: EntityManager): Promise<ProblemV1 | null> {
    const q = tx ?? this.runtime.dataSource.manager;
    const row = await fetchFirst(
      q,
      summaries()
        .select(['p.description', 'p.root_cause', 'p.workaround', 'p.workaround_article_id', 'p.created_by'])
        .where('p.problem_id', '=', problemId),
    );
    if (!row) return null;
    const tickets = await fetchRows(
      q,
      db
        .selectFrom('problem_tickets as pt')
        .innerJoin('tickets as t', 't.ticket_id', 'pt.ticket_id')
        .select(['t.number', 't.area', 't.status', 'pt.linked_at'])
        .where('pt.problem_id', '=', problemId)
        // Taken as given, as the hand-written row did: a linked ticket has been routed, so it has an area (the
        // column allows null only for a ticket whose routing event has not arrived yet).
        .$narrowType<{ area: string }>()
        .orderBy('t.number'),
    );
    const actions = await fetchRows(
      q,
      db
        .selectFrom('problem_actions')
        .select(['at', 'by', 'text'])
        .where('problem_id', '=', problemId)
        .orderBy('action_id'),
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
