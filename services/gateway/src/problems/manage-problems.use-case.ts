import { Injectable } from '@nestjs/common';
import {
  ResolutionQueries,
  type ActorV1,
  type ProblemActionInputV1,
  type ProblemChangeV1,
  type ProblemInputV1,
  type ProblemsV1,
  type ProblemTicketsInputV1,
  type ProblemV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import type { ProblemsQuery } from './problems.dto.js';

/** Resolution owns problem records (it keeps every ticket's area and status); the gateway passes through. */
@Injectable()
export class ManageProblemsUseCase {
  constructor(private readonly rpc: RpcClient) {}

  list(actor: ActorV1, query: ProblemsQuery): Promise<ProblemsV1> {
    return this.rpc.request<ProblemsV1>(ResolutionQueries.ListProblems, { ...query, actor });
  }

  get(actor: ActorV1, id: string): Promise<ProblemV1> {
    return this.rpc.request<ProblemV1>(ResolutionQueries.GetProblem, { actor, id });
  }

  create(actor: ActorV1, body: ProblemInputV1): Promise<ProblemV1> {
    return this.rpc.request<ProblemV1>(ResolutionQueries.CreateProblem, { actor, body });
  }

  change(actor: ActorV1, id: string, body: ProblemChangeV1): Promise<ProblemV1> {
    return this.rpc.request<ProblemV1>(ResolutionQueries.ChangeProblem, { actor, id, body });
  }

  addAction(actor: ActorV1, id: string, body: ProblemActionInputV1): Promise<ProblemV1> {
    return this.rpc.request<ProblemV1>(ResolutionQueries.AddProblemAction, { actor, id, body });
  }

  link(actor: ActorV1, id: string, body: ProblemTicketsInputV1): Promise<ProblemV1> {
    return this.rpc.request<ProblemV1>(ResolutionQueries.LinkProblemTickets, { actor, id, body });
  }

  unlink(actor: ActorV1, id: string, ticket: number): Promise<ProblemV1> {
    return this.rpc.request<ProblemV1>(ResolutionQueries.UnlinkProblemTicket, { actor, id, ticket });
  }
}
