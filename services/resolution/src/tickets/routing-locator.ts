import { Injectable } from '@nestjs/common';
import { ErrorCode, RoutingRpc, type ActorV1, type LocatedTicketV1 } from '@cau/contracts';
import { RpcClient, ServiceError, ServiceUnavailableError } from '@cau/messaging';

export type LocatedTicket = LocatedTicketV1;

/** Asks routing, the authority on areas, where a ticket is now. */
@Injectable()
export class RoutingLocator {
  constructor(private readonly rpc: RpcClient) {}

  async locate(actor: ActorV1, number: number): Promise<LocatedTicket> {
    try {
      return await this.rpc.request(RoutingRpc.Locate, { actor, number });
    } catch (error) {
      if (error instanceof ServiceUnavailableError) {
        throw new ServiceError({ code: ErrorCode.ServiceUnavailable, params: { service: 'routing' } });
      }
      throw error;
    }
  }
}
