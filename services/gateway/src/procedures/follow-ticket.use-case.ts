import { Injectable } from '@nestjs/common';
import { ResolutionRpc, RoutingRpc, type ActorV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import type { ClosureReportResponse, SuggestionResponse, TicketPathResponse } from './procedure.dto.js';

/** What is known about a ticket's handling; the services decide what the actor may see. */
@Injectable()
export class FollowTicketUseCase {
  constructor(private readonly rpc: RpcClient) {}

  path(actor: ActorV1, number: number): Promise<TicketPathResponse> {
    return this.rpc.request(RoutingRpc.Path, { actor, number });
  }

  suggestion(actor: ActorV1, number: number): Promise<SuggestionResponse> {
    return this.rpc.request(RoutingRpc.Suggest, { actor, number });
  }

  closureReport(actor: ActorV1, number: number): Promise<ClosureReportResponse> {
    return this.rpc.request(ResolutionRpc.ClosureReport, { actor, number });
  }
}
