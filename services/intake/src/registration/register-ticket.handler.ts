import { Controller } from '@nestjs/common';
import { IntakeRpc, RegisterTicketCommandV1, type RegisterTicketResultV1 } from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { RegisterTicketUseCase } from './register-ticket.use-case.js';

@Controller()
export class RegisterTicketHandler {
  constructor(private readonly useCase: RegisterTicketUseCase) {}

  @Answers(IntakeRpc.RegisterTicket)
  register(request: RegisterTicketCommandV1): Promise<RegisterTicketResultV1> {
    return this.useCase.register(request);
  }
}
