import { Injectable } from '@nestjs/common';
import { RoutingRpc, type ActorV1, type DeriveTicketBodyV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';

/** Routing checks the move against the escalation graph and records it. */
@Injectable()
export class DeriveTicketUseCase {
  constructor(private readonly rpc: RpcClient) {}

  derive(actor: ActorV1, number: number, body: DeriveTicketBodyV1): Promise<unknown> {
    return this.rpc
      .request(RoutingRpc.Derive, { actor, number, body })
      .catch((error: unknown) => rethrowRelativeTo(error, 'body'));
  }
}
