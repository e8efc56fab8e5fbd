import { Injectable } from '@nestjs/common';
import {
  ResolutionRpc,
  type ActorV1,
  type ProblemActionInputV1,
  type ProblemChangeV1,
  type ProblemInputV1,
  type ProblemTicketsInputV1,
  type ProblemV1,
} from '@cau/contracts';
import { AuditRepository, type AuditChange } from '../audit/audit.repository.js';
import { ResolutionClient } from '../http/service-clients.js';

/**
 * Resolution owns problem records (it keeps every ticket's area and status); the gateway passes the
 * requests through and audits every change, as it does the other staff changes (after resolution answered:
 * a refused change is not a change).
 */
@Injectable()
export class ManageProblemsUseCase {
  constructor(
    private readonly resolution: ResolutionClient,
    private readonly audit: AuditRepository,
  ) {}

  async create(actor: ActorV1, body: ProblemInputV1): Promise<ProblemV1> {
    const created = await this.resolution.request(ResolutionRpc.CreateProblem, { actor, body });
    await this.record(actor, 'problem.create', created.id, null, {
      ...analysisOf(created),
      tickets: numbersOf(created),
    });
    return created;
  }

  async change(actor: ActorV1, id: string, body: ProblemChangeV1): Promise<ProblemV1> {
    const before = await this.resolution.request(ResolutionRpc.GetProblem, { actor, id });
    const after = await this.resolution.request(ResolutionRpc.ChangeProblem, { actor, id, body });
    const closed = before.status !== 'cerrado' && after.status === 'cerrado';
    await this.record(actor, closed ? 'problem.close' : 'problem.update', id, analysisOf(before), analysisOf(after));
    return after;
  }

  async addAction(actor: ActorV1, id: string, body: ProblemActionInputV1): Promise<ProblemV1> {
    const after = await this.resolution.request(ResolutionRpc.AddProblemAction, { actor, id, body });
    await this.record(actor, 'problem.add-action', id, null, { action: after.actions.at(-1)?.text ?? body.text });
    return after;
  }

  async link(actor: ActorV1, id: string, body: ProblemTicketsInputV1): Promise<ProblemV1> {
    const before = await this.resolution.request(ResolutionRpc.GetProblem, { actor, id });
    const after = await this.resolution.request(ResolutionRpc.LinkProblemTickets, { actor, id, body });
    await this.record(actor, 'problem.link-tickets', id, { tickets: numbersOf(before) }, { tickets: numbersOf(after) });
    return after;
  }

  async unlink(actor: ActorV1, id: string, ticket: number): Promise<ProblemV1> {
    const before = await this.resolution.request(ResolutionRpc.GetProblem, { actor, id });
    const after = await this.resolution.request(ResolutionRpc.UnlinkProblemTicket, { actor, id, ticket });
    await this.record(
      actor,
      'problem.unlink-ticket',
      id,
      { tickets: numbersOf(before) },
      { tickets: numbersOf(after) },
    );
    return after;
  }

  private record(
    actor: ActorV1,
    action: AuditChange['action'],
    id: string,
    before: AuditChange['before'],
    after: AuditChange['after'],
  ): Promise<void> {
    return this.audit.record(actor, { action, targetType: 'problem', targetId: id, before, after });
  }
}

/** What an edit changes: the audit compares these, not the lists of incidents and actions. */
function analysisOf(problem: ProblemV1) {
  const { title, description, status, area, rootCause, workaround, workaroundArticleId } = problem;
  return { title, description, status, area, rootCause, workaround, workaroundArticleId };
}

function numbersOf(problem: ProblemV1): number[] {
  return problem.tickets.map((ticket) => ticket.number);
}
