import { Injectable } from '@nestjs/common';
import { ReportingRpc, type ActorV1, type TicketListFiltersV1, type TicketPageV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';

/** Reporting restricts the list to what the actor may see. */
@Injectable()
export class ListTicketsUseCase {
  constructor(private readonly rpc: RpcClient) {}

  list(actor: ActorV1, filters: TicketListFiltersV1): Promise<TicketPageV1> {
    return this.rpc
      .request(ReportingRpc.TicketList, { actor, filters })
      .catch((error: unknown) => rethrowRelativeTo(error, 'filters'));
  }
}
