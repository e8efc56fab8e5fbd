import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Commands, RegisterTicketCommandV1, type RegisterTicketResultV1 } from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { RegisterTicketUseCase } from './register-ticket.use-case.js';

@Controller()
export class RegisterTicketHandler {
  constructor(private readonly useCase: RegisterTicketUseCase) {}

  @MessagePattern(Commands.RegisterTicket)
  register(@Payload() data: unknown): Promise<RegisterTicketResultV1> {
    return this.useCase.register(parseMessage(RegisterTicketCommandV1, data));
  }
}
