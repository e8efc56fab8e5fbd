import { Module } from '@nestjs/common';
import { PriorityMatrixRepository } from './priority/priority-matrix.repository.js';
import { RouteRegisteredTicketUseCase } from './routing/route-registered-ticket.use-case.js';
import { RoutedTicketRepository } from './routing/routed-ticket.repository.js';

@Module({
  providers: [PriorityMatrixRepository, RoutedTicketRepository, RouteRegisteredTicketUseCase],
})
export class RoutingModule {}
