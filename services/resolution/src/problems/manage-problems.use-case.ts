import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ErrorCode,
  KnowledgeRpc,
  ProblemEvents,
  ProblemLimits,
  type ActorV1,
  type AddProblemActionCommandV1,
  type ByV1,
  type ChangeProblemCommandV1,
  type CreateProblemCommandV1,
  type LinkProblemTicketsCommandV1,
  type ProblemRefV1,
  type ProblemsQueryV1,
  type ProblemsV1,
  type ProblemV1,
  type UnlinkProblemTicketCommandV1,
} from '@cau/contracts';
import { Outbox, RpcClient, ServiceError, ServiceRuntime, ServiceUnavailableError } from '@cau/messaging';
import { Clock } from '../clock.js';
import { authorize, byOf, validate } from '../domain/refusals.js';
import {
  mayCloseOrMoveProblem,
  mayCreateProblem,
  mayEditProblem,
  mayLinkTickets,
  mayReadProblems,
  statusChangeProblem,
} from './problem-rules.js';
import { ProblemRepository, type ProblemRow } from './problem.repository.js';

/**
 * Problem records (docs/domain.md § Post-assistance evaluation). Resolution owns them: it already keeps every ticket's area and status, so
 * linking checks the tickets and counts the open ones in one transaction, without a second copy.
 * Every change is announced through the outbox (`problem.*`).
 */
@Injectable()
export class ManageProblemsUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly problems: ProblemRepository,
    private readonly outbox: Outbox,
    private readonly rpc: RpcClient,
    private readonly clock: Clock,
  ) {}

  async list(query: ProblemsQueryV1): Promise<ProblemsV1> {
    authorize(mayReadProblems(query.actor));
    const filter = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.area ? { area: query.area } : {}),
      ...(query.ticket !== undefined ? { ticket: query.ticket } : {}),
    };
    const [problems, openCount] = await Promise.all([this.problems.list(filter), this.problems.openCount()]);
    return { problems, openCount };
  }

  async get(query: ProblemRefV1): Promise<ProblemV1> {
    authorize(mayReadProblems(query.actor));
    const problem = await this.problems.get(query.id);
    if (!problem) throw ServiceError.notFound('problem', query.id);
    return problem;
  }

  async create(command: CreateProblemCommandV1): Promise<ProblemV1> {
    const { actor, body } = command;
    authorize(mayCreateProblem(actor, body.area));
    const problemId = randomUUID();
    return this.runtime.transaction(async (tx) => {
      const at = this.clock.now();
      const by = byOf(actor);
      const number = await this.problems.create(tx, {
        problemId,
        title: body.title.trim(),
        description: body.description?.trim() ?? '',
        area: body.area,
        by,
        at,
      });
      await this.announce(tx, problemId, by, at);
      if (body.tickets?.length) {
        await this.linkTickets(tx, { problemId, number }, body.tickets, 'tickets', by, at);
      }
      return (await this.problems.get(problemId, tx))!;
    });
  }

  async change(command: ChangeProblemCommandV1): Promise<ProblemV1> {
    const { actor, body } = command;
    if (body.workaroundArticleId) await this.checkArticle(actor, body.workaroundArticleId, 'workaroundArticleId');
    return this.runtime.transaction(async (tx) => {
      const problem = await this.locked(tx, command.id);
      authorize(mayEditProblem(actor, problem.area));
      if (problem.status === 'cerrado') throw ServiceError.conflict({ code: 'problem.closed' });
      if ((body.area !== undefined && body.area !== problem.area) || body.status === 'cerrado') {
        authorize(mayCloseOrMoveProblem(actor));
      }
      const next: ProblemRow = {
        ...problem,
        ...(body.title !== undefined ? { title: body.title.trim() } : {}),
        ...(body.description !== undefined ? { description: body.description.trim() } : {}),
        ...(body.area !== undefined ? { area: body.area } : {}),
        ...(body.rootCause !== undefined ? { rootCause: blankToNull(body.rootCause) } : {}),
        ...(body.workaround !== undefined ? { workaround: blankToNull(body.workaround) } : {}),
        ...(body.workaroundArticleId !== undefined ? { workaroundArticleId: body.workaroundArticleId || null } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
      };
      const problemWithStatus = statusChangeProblem(problem.status, next.status, next);
      if (problemWithStatus) validate([problemWithStatus]);
      const at = this.clock.now();
      await this.problems.save(tx, next, at);
      await this.announce(tx, problem.problemId, byOf(actor), at);
      return (await this.problems.get(problem.problemId, tx))!;
    });
  }

  async addAction(command: AddProblemActionCommandV1): Promise<ProblemV1> {
    return this.runtime.transaction(async (tx) => {
      const problem = await this.locked(tx, command.id);
      authorize(mayEditProblem(command.actor, problem.area));
      if (problem.status === 'cerrado') throw ServiceError.conflict({ code: 'problem.closed' });
      if ((await this.problems.actionCount(tx, problem.problemId)) >= ProblemLimits.actions) {
        throw ServiceError.conflict({ code: 'problem.actions-full', params: { limit: ProblemLimits.actions } });
      }
      const at = this.clock.now();
      await this.problems.addAction(tx, problem.problemId, at, byOf(command.actor), command.body.text.trim());
      await this.problems.touch(tx, problem.problemId, at);
      await this.announce(tx, problem.problemId, byOf(command.actor), at);
      return (await this.problems.get(problem.problemId, tx))!;
    });
  }

  async link(command: LinkProblemTicketsCommandV1): Promise<ProblemV1> {
    return this.runtime.transaction(async (tx) => {
      const problem = await this.locked(tx, command.id);
      authorize(mayLinkTickets(command.actor, problem.area));
      if (problem.status === 'cerrado') throw ServiceError.conflict({ code: 'problem.closed-no-links' });
      const at = this.clock.now();
      await this.linkTickets(tx, problem, command.body.tickets, 'tickets', byOf(command.actor), at);
      await this.problems.touch(tx, problem.problemId, at);
      return (await this.problems.get(problem.problemId, tx))!;
    });
  }

  async unlink(command: UnlinkProblemTicketCommandV1): Promise<ProblemV1> {
    return this.runtime.transaction(async (tx) => {
      const problem = await this.locked(tx, command.id);
      authorize(mayLinkTickets(command.actor, problem.area));
      const [ticket] = await this.problems.ticketsByNumber(tx, [command.ticket]);
      if (!ticket || ticket.problemId !== problem.problemId) {
        throw ServiceError.notFound('ticket', command.ticket);
      }
      const at = this.clock.now();
      await this.problems.unlink(tx, problem.problemId, ticket.ticketId);
      await this.problems.touch(tx, problem.problemId, at);
      await this.outbox.append(tx, {
        definition: ProblemEvents.TicketUnlinked,
        ticketId: ticket.ticketId,
        data: {
          problemId: problem.problemId,
          problemNumber: problem.number,
          number: ticket.number,
          by: byOf(command.actor),
          at: at.toISOString(),
        },
      });
      return (await this.problems.get(problem.problemId, tx))!;
    });
  }

  /**
   * Every number must be a ticket; one already in this problem is left as it is, one in another problem
   * refuses the whole request (a ticket is in at most one problem: unlink it there first).
   */
  private async linkTickets(
    tx: EntityManager,
    problem: { problemId: string; number: number },
    numbers: number[],
    field: string,
    by: ByV1,
    at: Date,
  ): Promise<void> {
    const wanted = [...new Set(numbers)];
    const found = await this.problems.ticketsByNumber(tx, wanted);
    const byNumber = new Map(found.map((t) => [t.number, t]));
    validate(
      wanted.flatMap((n) =>
        byNumber.has(n) ? [] : [{ field: `${field}.${numbers.indexOf(n)}`, constraint: 'ticketExists', params: [n] }],
      ),
    );
    const elsewhere = found.filter((t) => t.problemId !== null && t.problemId !== problem.problemId);
    if (elsewhere.length > 0) {
      throw ServiceError.conflict({
        code: 'problem.tickets-linked-elsewhere',
        params: { numbers: elsewhere.map((t) => t.number) },
      });
    }
    const free = found.filter((t) => t.problemId === null);
    const linked = new Set(
      await this.problems.link(
        tx,
        problem.problemId,
        free.map((t) => t.ticketId),
        at,
        by,
      ),
    );
    // Linked meanwhile by a request that committed while this one waited for the ticket's lock.
    const raced = free.filter((t) => !linked.has(t.ticketId));
    if (raced.length > 0) {
      throw ServiceError.conflict({
        code: 'problem.tickets-just-linked',
        params: { numbers: raced.map((t) => t.number) },
      });
    }
    await this.outbox.appendMany(
      tx,
      found
        .filter((t) => linked.has(t.ticketId))
        .map((t) => ({
          definition: ProblemEvents.TicketLinked,
          ticketId: t.ticketId,
          data: {
            problemId: problem.problemId,
            problemNumber: problem.number,
            number: t.number,
            by,
            at: at.toISOString(),
          },
        })),
    );
  }

  private async locked(tx: EntityManager, problemId: string): Promise<ProblemRow> {
    const problem = await this.problems.lock(tx, problemId);
    if (!problem) throw ServiceError.notFound('problem', problemId);
    return problem;
  }

  private async announce(tx: EntityManager, problemId: string, by: ByV1, at: Date): Promise<void> {
    const problem = (await this.problems.lock(tx, problemId))!;
    await this.outbox.append(tx, {
      definition: ProblemEvents.ProblemChanged,
      ticketId: null,
      data: {
        problemId,
        number: problem.number,
        status: problem.status,
        area: problem.area,
        title: problem.title,
        by,
        at: at.toISOString(),
      },
    });
  }

  /** The workaround's article must exist and be readable by who links it (knowledge's own access rule). */
  private async checkArticle(actor: ActorV1, id: string, field: string): Promise<void> {
    try {
      await this.rpc.request(KnowledgeRpc.ArticleAccess, { actor, id });
    } catch (error) {
      if (error instanceof ServiceUnavailableError) {
        throw new ServiceError({ code: ErrorCode.ServiceUnavailable, params: { service: 'knowledge' } });
      }
      if (error instanceof ServiceError && error.payload.code === ErrorCode.NotFound) {
        validate([{ field, constraint: 'articleExists', params: [id] }]);
      }
      throw error;
    }
  }
}

function blankToNull(text: string | null): string | null {
  return text === null || text.trim() === '' ? null : text.trim();
}
