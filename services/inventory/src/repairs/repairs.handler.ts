import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  EquipmentRefV1,
  FieldServiceCommands,
  FieldServiceQueries,
  RepairOutCommandV1,
  RepairRefV1,
  RepairReturnCommandV1,
  TicketEquipmentQueryV1,
  type FormPdfV1,
  type RepairV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { RepairsUseCases } from './repairs.use-cases.js';

@Controller()
export class RepairsHandler {
  constructor(private readonly repairs: RepairsUseCases) {}

  @MessagePattern(FieldServiceCommands.RecordRepairOut)
  out(@Payload() data: unknown): Promise<RepairV1> {
    return this.repairs.out(parseMessage(RepairOutCommandV1, data));
  }

  @MessagePattern(FieldServiceCommands.RecordRepairReturn)
  return(@Payload() data: unknown): Promise<RepairV1> {
    return this.repairs.return(parseMessage(RepairReturnCommandV1, data));
  }

  @MessagePattern(FieldServiceQueries.TicketRepairs)
  ofTicket(@Payload() data: unknown): Promise<RepairV1[]> {
    return this.repairs.ofTicket(parseMessage(TicketEquipmentQueryV1, data));
  }

  @MessagePattern(FieldServiceQueries.EquipmentRepairs)
  ofEquipment(@Payload() data: unknown): Promise<RepairV1[]> {
    return this.repairs.ofEquipment(parseMessage(EquipmentRefV1, data));
  }

  @MessagePattern(FieldServiceQueries.RepairForm)
  form(@Payload() data: unknown): Promise<FormPdfV1> {
    return this.repairs.form(parseMessage(RepairRefV1, data));
  }
}
