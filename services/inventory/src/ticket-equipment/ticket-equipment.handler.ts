import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  EquipmentRefV1,
  FieldServiceCommands,
  FieldServiceQueries,
  HeldEquipmentCheckQueryV1,
  LinkTicketEquipmentCommandV1,
  TicketEquipmentQueryV1,
  UnlinkTicketEquipmentCommandV1,
  type TicketEquipmentV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { TicketEquipmentUseCases } from './ticket-equipment.use-cases.js';

@Controller()
export class TicketEquipmentHandler {
  constructor(private readonly links: TicketEquipmentUseCases) {}

  @MessagePattern(FieldServiceCommands.LinkTicketEquipment)
  link(@Payload() data: unknown): Promise<TicketEquipmentV1[]> {
    return this.links.link(parseMessage(LinkTicketEquipmentCommandV1, data));
  }

  @MessagePattern(FieldServiceCommands.UnlinkTicketEquipment)
  unlink(@Payload() data: unknown): Promise<TicketEquipmentV1[]> {
    return this.links.unlink(parseMessage(UnlinkTicketEquipmentCommandV1, data));
  }

  @MessagePattern(FieldServiceQueries.TicketEquipment)
  ofTicket(@Payload() data: unknown): Promise<TicketEquipmentV1[]> {
    return this.links.ofTicket(parseMessage(TicketEquipmentQueryV1, data));
  }

  @MessagePattern(FieldServiceQueries.HeldEquipmentCheck)
  checkHeld(@Payload() data: unknown): Promise<{ held: true }> {
    return this.links.checkHeld(parseMessage(HeldEquipmentCheckQueryV1, data));
  }

  @MessagePattern(FieldServiceQueries.EquipmentTickets)
  ofEquipment(@Payload() data: unknown): Promise<TicketEquipmentV1[]> {
    return this.links.ofEquipment(parseMessage(EquipmentRefV1, data));
  }
}
