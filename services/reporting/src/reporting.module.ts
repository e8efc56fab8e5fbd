import { Module } from '@nestjs/common';
import { GetTicketUseCase } from './tickets/get-ticket.use-case.js';
import { ListTicketsUseCase } from './tickets/list-tickets.use-case.js';
import { TicketQueriesHandler } from './tickets/ticket-queries.handler.js';
import { TicketViewProjection } from './tickets/ticket-view.projection.js';
import { TicketViewRepository } from './tickets/ticket-view.repository.js';

@Module({
  controllers: [TicketQueriesHandler],
  providers: [TicketViewRepository, TicketViewProjection, GetTicketUseCase, ListTicketsUseCase],
})
export class ReportingModule {}
