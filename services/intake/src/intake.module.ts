import { Module } from '@nestjs/common';
import { RegisterTicketHandler } from './registration/register-ticket.handler.js';
import { RegisterTicketUseCase } from './registration/register-ticket.use-case.js';
import { TicketRepository } from './registration/ticket.repository.js';

@Module({
  controllers: [RegisterTicketHandler],
  providers: [RegisterTicketUseCase, TicketRepository],
})
export class IntakeModule {}
