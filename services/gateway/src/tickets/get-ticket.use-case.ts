import { Injectable } from '@nestjs/common';
import { Queries, type ActorV1, type TicketViewV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';

/** Reporting decides what the actor may see (their own tickets, their jurisdiction's, or all). */
@Injectable()
export class GetTicketUseCase {
  constructor(private readonly rpc: RpcClient) {}

  get(actor: ActorV1, number: number): Promise<TicketViewV1> {
    return this.rpc.request<TicketViewV1>(Queries.TicketByNumber, { actor, number });
  }
}
