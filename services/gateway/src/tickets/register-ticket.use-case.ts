import { Injectable } from '@nestjs/common';
import { Commands, type ActorV1, type RegisterTicketResultV1, type TicketRegistrationV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';

@Injectable()
export class RegisterTicketUseCase {
  constructor(private readonly rpc: RpcClient) {}

  register(
    actor: ActorV1,
    payload: TicketRegistrationV1,
    idempotencyKey: string | undefined,
  ): Promise<RegisterTicketResultV1> {
    return this.rpc
      .request<RegisterTicketResultV1>(Commands.RegisterTicket, {
        actor,
        payload,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      })
      .catch((error: unknown) => rethrowRelativeTo(error, 'payload'));
  }
}
