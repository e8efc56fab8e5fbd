import { Injectable } from '@nestjs/common';
import { RoutingRpc, type ActorV1, type ReclassifyTicketBodyV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';
import type { TicketClassificationResponse } from './ticket-classification.dto.js';

/** Routing keeps the classification and the priority matrix, so it decides and records the correction. */
@Injectable()
export class ReclassifyTicketUseCase {
  constructor(private readonly rpc: RpcClient) {}

  reclassify(actor: ActorV1, number: number, body: ReclassifyTicketBodyV1): Promise<TicketClassificationResponse> {
    return this.rpc
      .request(RoutingRpc.Reclassify, { actor, number, body })
      .catch((error: unknown) => rethrowRelativeTo(error, 'body'));
  }
}
