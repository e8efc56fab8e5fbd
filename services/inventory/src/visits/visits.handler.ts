import { Controller } from '@nestjs/common';
import {
  InventoryRpc,
  PlanVisitCommandV1,
  RecordVisitCommandV1,
  TicketEquipmentQueryV1,
  type FieldVisitV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { VisitsUseCases } from './visits.use-cases.js';

@Controller()
export class VisitsHandler {
  constructor(private readonly visits: VisitsUseCases) {}

  @Answers(InventoryRpc.PlanVisit)
  plan(request: PlanVisitCommandV1): Promise<FieldVisitV1> {
    return this.visits.plan(request);
  }

  @Answers(InventoryRpc.RecordVisit)
  record(request: RecordVisitCommandV1): Promise<FieldVisitV1> {
    return this.visits.record(request);
  }

  @Answers(InventoryRpc.TicketVisits)
  ofTicket(request: TicketEquipmentQueryV1): Promise<FieldVisitV1[]> {
    return this.visits.ofTicket(request);
  }
}
