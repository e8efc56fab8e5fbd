import { Controller } from '@nestjs/common';
import {
  EquipmentRefV1,
  InventoryRpc,
  RepairOutCommandV1,
  RepairRefV1,
  RepairReturnCommandV1,
  TicketEquipmentQueryV1,
  type FormPdfV1,
  type RepairV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { RepairsUseCases } from './repairs.use-cases.js';

@Controller()
export class RepairsHandler {
  constructor(private readonly repairs: RepairsUseCases) {}

  @Answers(InventoryRpc.RecordRepairOut)
  out(request: RepairOutCommandV1): Promise<RepairV1> {
    return this.repairs.out(request);
  }

  @Answers(InventoryRpc.RecordRepairReturn)
  return(request: RepairReturnCommandV1): Promise<RepairV1> {
    return this.repairs.return(request);
  }

  @Answers(InventoryRpc.TicketRepairs)
  ofTicket(request: TicketEquipmentQueryV1): Promise<RepairV1[]> {
    return this.repairs.ofTicket(request);
  }

  @Answers(InventoryRpc.EquipmentRepairs)
  ofEquipment(request: EquipmentRefV1): Promise<RepairV1[]> {
    return this.repairs.ofEquipment(request);
  }

  @Answers(InventoryRpc.RepairForm)
  form(request: RepairRefV1): Promise<FormPdfV1> {
    return this.repairs.form(request);
  }
}
