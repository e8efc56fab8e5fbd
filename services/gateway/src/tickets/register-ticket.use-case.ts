import { Injectable } from '@nestjs/common';
import {
  IntakeRpc,
  InventoryRpc,
  type ActorV1,
  type RegisterTicketResultV1,
  type TicketRegistrationV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';

@Injectable()
export class RegisterTicketUseCase {
  constructor(private readonly rpc: RpcClient) {}

  async register(
    actor: ActorV1,
    payload: TicketRegistrationV1,
    idempotencyKey: string | undefined,
  ): Promise<RegisterTicketResultV1> {
    // Equipment the requester does not hold is refused here, naming it, before a number is drawn; inventory
    // checks again when it links (ticket.registered), so custody that moved in between is not linked either.
    if (payload.equipmentIds?.length) {
      await this.rpc.request(InventoryRpc.HeldEquipmentCheck, {
        actor,
        holderEmail: payload.requester.email,
        equipmentIds: payload.equipmentIds,
      });
    }
    return this.rpc
      .request(IntakeRpc.RegisterTicket, {
        actor,
        payload,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      })
      .catch((error: unknown) => rethrowRelativeTo(error, 'payload'));
  }
}
