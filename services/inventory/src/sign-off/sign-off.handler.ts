import { Controller } from '@nestjs/common';
import { InventoryRpc, SignOffCommandV1, TicketEquipmentQueryV1, type SignOffV1 } from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { SignOffUseCases } from './sign-off.use-cases.js';

@Controller()
export class SignOffHandler {
  constructor(private readonly signOffs: SignOffUseCases) {}

  @Answers(InventoryRpc.RecordSignOff)
  record(request: SignOffCommandV1): Promise<SignOffV1> {
    return this.signOffs.record(request);
  }

  @Answers(InventoryRpc.TicketSignOff)
  ofTicket(request: TicketEquipmentQueryV1): Promise<SignOffV1> {
    return this.signOffs.ofTicket(request);
  }
}
