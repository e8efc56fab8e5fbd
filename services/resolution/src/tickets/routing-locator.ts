import { Injectable } from '@nestjs/common';
import { ErrorCode, RoutingCommands, type ActorV1, type Priority } from '@cau/contracts';
import { RpcClient, ServiceError, ServiceUnavailableError } from '@cau/messaging';

/** Routing's answer to `routing.ticket.locate.v1`. */
export interface LocatedTicket {
  ticketId: string;
  number: number;
  area: string;
  priority: Priority;
}

/** Asks routing, the authority on areas, where a ticket is now. */
@Injectable()
export class RoutingLocator {
  constructor(private readonly rpc: RpcClient) {}

  async locate(actor: ActorV1, number: number): Promise<LocatedTicket> {
    try {
      return await this.rpc.request<LocatedTicket>(RoutingCommands.Locate, { actor, number });
    } catch (error) {
      if (error instanceof ServiceUnavailableError) {
        throw new ServiceError({ code: ErrorCode.ServiceUnavailable, params: { service: 'routing' } });
      }
      throw error;
    }
  }
}
