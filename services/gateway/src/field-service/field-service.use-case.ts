import { Injectable } from '@nestjs/common';
import {
  FieldServiceCommands,
  FieldServiceQueries,
  type ActorV1,
  type FieldTicketV1,
  type TicketEquipmentV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';
import { GetTicketUseCase } from '../tickets/get-ticket.use-case.js';

/**
 * Field service on a ticket. The ticket is read first as the actor (reporting's access rules: a
 * requester, their own; a referente, their jurisdiction's; staff, all), so an unknown ticket or one the
 * actor may not see is refused before inventory is asked; inventory decides who may change what.
 */
@Injectable()
export class FieldServiceUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly readTicket: GetTicketUseCase,
  ) {}

  async equipment(actor: ActorV1, number: number): Promise<TicketEquipmentV1[]> {
    const ticket = await this.ticket(actor, number);
    return this.rpc.request<TicketEquipmentV1[]>(FieldServiceQueries.TicketEquipment, { actor, ticket });
  }

  async link(actor: ActorV1, number: number, equipmentId: string): Promise<TicketEquipmentV1[]> {
    const ticket = await this.ticket(actor, number);
    return this.rpc
      .request<TicketEquipmentV1[]>(FieldServiceCommands.LinkTicketEquipment, { actor, ticket, link: { equipmentId } })
      .catch((error: unknown) => rethrowRelativeTo(error, 'link'));
  }

  async unlink(actor: ActorV1, number: number, equipmentId: string): Promise<TicketEquipmentV1[]> {
    const ticket = await this.ticket(actor, number);
    return this.rpc.request<TicketEquipmentV1[]>(FieldServiceCommands.UnlinkTicketEquipment, {
      actor,
      ticket,
      equipmentId,
    });
  }

  tickets(actor: ActorV1, equipmentId: string): Promise<TicketEquipmentV1[]> {
    return this.rpc.request<TicketEquipmentV1[]>(FieldServiceQueries.EquipmentTickets, { actor, id: equipmentId });
  }

  private async ticket(actor: ActorV1, number: number): Promise<FieldTicketV1> {
    const view = await this.readTicket.get(actor, number);
    return { ticketId: view.ticketId, ticketNumber: view.number };
  }
}
