import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  FieldServiceCommands,
  FieldServiceQueries,
  PlanVisitCommandV1,
  RecordVisitCommandV1,
  TicketEquipmentQueryV1,
  type FieldVisitV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { VisitsUseCases } from './visits.use-cases.js';

@Controller()
export class VisitsHandler {
  constructor(private readonly visits: VisitsUseCases) {}

  @MessagePattern(FieldServiceCommands.PlanVisit)
  plan(@Payload() data: unknown): Promise<FieldVisitV1> {
    return this.visits.plan(parseMessage(PlanVisitCommandV1, data));
  }

  @MessagePattern(FieldServiceCommands.RecordVisit)
  record(@Payload() data: unknown): Promise<FieldVisitV1> {
    return this.visits.record(parseMessage(RecordVisitCommandV1, data));
  }

  @MessagePattern(FieldServiceQueries.TicketVisits)
  ofTicket(@Payload() data: unknown): Promise<FieldVisitV1[]> {
    return this.visits.ofTicket(parseMessage(TicketEquipmentQueryV1, data));
  }
}
