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
import { FreshTickets } from './fresh-tickets.js';

@Injectable()
export class RegisterTicketUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly fresh: FreshTickets,
  ) {}

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
    const result = await this.rpc
      .request(IntakeRpc.RegisterTicket, {
        actor,
        payload,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      })
      .catch((error: unknown) => rethrowRelativeTo(error, 'payload'));
    // The next request may be an action on it, before the hub has read its registration event.
    this.fresh.registered(result.number, {
      requesterEmail: payload.requester.email,
      jurisdiction: payload.jurisdiction,
    });
    return result;
  }
}
