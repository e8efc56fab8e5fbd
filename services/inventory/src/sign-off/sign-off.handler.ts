import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  FieldServiceCommands,
  FieldServiceQueries,
  SignOffCommandV1,
  TicketEquipmentQueryV1,
  type SignOffV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { SignOffUseCases } from './sign-off.use-cases.js';

@Controller()
export class SignOffHandler {
  constructor(private readonly signOffs: SignOffUseCases) {}

  @MessagePattern(FieldServiceCommands.RecordSignOff)
  record(@Payload() data: unknown): Promise<SignOffV1> {
    return this.signOffs.record(parseMessage(SignOffCommandV1, data));
  }

  @MessagePattern(FieldServiceQueries.TicketSignOff)
  ofTicket(@Payload() data: unknown): Promise<SignOffV1> {
    return this.signOffs.ofTicket(parseMessage(TicketEquipmentQueryV1, data));
  }
}
