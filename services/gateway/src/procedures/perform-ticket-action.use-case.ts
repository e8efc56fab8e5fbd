import { Injectable } from '@nestjs/common';
import { RoutingRpc, resolutionCommandFor, type ActorV1, type ResolutionAction } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';
import type { TicketStateResponse } from './procedure.dto.js';

/**
 * Resolution is served per area (`resolution.UIT.ticket.take.v1`) and only routing knows where a ticket
 * is, so every resolution action asks routing first and then goes to that area's instances.
 */
@Injectable()
export class PerformTicketActionUseCase {
  constructor(private readonly rpc: RpcClient) {}

  /** `extra`: command fields the gateway adds beside the body (facts it owns, such as accounts' addresses). */
  async perform(
    actor: ActorV1,
    number: number,
    action: ResolutionAction,
    body?: object,
    extra: object = {},
  ): Promise<TicketStateResponse> {
    const { area } = await this.rpc.request(RoutingRpc.Locate, { actor, number });
    return this.rpc
      .request<TicketStateResponse>(
        resolutionCommandFor(action, area),
        body === undefined ? { actor, number, ...extra } : { actor, number, body, ...extra },
      )
      .catch((error: unknown) => rethrowRelativeTo(error, 'body'));
  }
}
