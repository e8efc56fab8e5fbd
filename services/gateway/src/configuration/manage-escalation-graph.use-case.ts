import { Injectable } from '@nestjs/common';
import { RoutingCommands, type ActorV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import type { EscalationGraphResponse, ReplaceGraphRequest } from './configuration.dto.js';

/** The escalation graph is routing's configuration; routing checks an edited graph before storing it. */
@Injectable()
export class ManageEscalationGraphUseCase {
  constructor(private readonly rpc: RpcClient) {}

  get(actor: ActorV1): Promise<EscalationGraphResponse> {
    return this.rpc.request<EscalationGraphResponse>(RoutingCommands.GetGraph, { actor });
  }

  replace(actor: ActorV1, graph: ReplaceGraphRequest): Promise<EscalationGraphResponse> {
    return this.rpc.request<EscalationGraphResponse>(RoutingCommands.ReplaceGraph, { actor, ...graph });
  }
}
