import { Controller } from '@nestjs/common';
import {
  EquipmentRefV1,
  HeldEquipmentCheckQueryV1,
  InventoryRpc,
  LinkTicketEquipmentCommandV1,
  TicketEquipmentQueryV1,
  UnlinkTicketEquipmentCommandV1,
  type HeldEquipmentV1,
  type TicketEquipmentV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { TicketEquipmentUseCases } from './ticket-equipment.use-cases.js';

@Controller()
export class TicketEquipmentHandler {
  constructor(private readonly links: TicketEquipmentUseCases) {}

  @Answers(InventoryRpc.LinkTicketEquipment)
  link(request: LinkTicketEquipmentCommandV1): Promise<TicketEquipmentV1[]> {
    return this.links.link(request);
  }

  @Answers(InventoryRpc.UnlinkTicketEquipment)
  unlink(request: UnlinkTicketEquipmentCommandV1): Promise<TicketEquipmentV1[]> {
    return this.links.unlink(request);
  }

  @Answers(InventoryRpc.TicketEquipment)
  ofTicket(request: TicketEquipmentQueryV1): Promise<TicketEquipmentV1[]> {
    return this.links.ofTicket(request);
  }

  @Answers(InventoryRpc.HeldEquipmentCheck)
  checkHeld(request: HeldEquipmentCheckQueryV1): Promise<HeldEquipmentV1> {
    return this.links.checkHeld(request);
  }

  @Answers(InventoryRpc.EquipmentTickets)
  ofEquipment(request: EquipmentRefV1): Promise<TicketEquipmentV1[]> {
    return this.links.ofEquipment(request);
  }
}
