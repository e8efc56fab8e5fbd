import { Module } from '@nestjs/common';
import { RecordRoutingUseCase } from './tickets/record-routing.use-case.js';
import { TicketRepository } from './tickets/ticket.repository.js';

@Module({
  providers: [TicketRepository, RecordRoutingUseCase],
})
export class KnowledgeModule {}
