import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  Queries,
  ReportQueries,
  TicketByNumberQueryV1,
  TicketExportPageQueryV1,
  TicketListQueryV1,
  type TicketPageV1,
  type TicketViewV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { GetTicketUseCase } from './get-ticket.use-case.js';
import { ListTicketsUseCase } from './list-tickets.use-case.js';

@Controller()
export class TicketQueriesHandler {
  constructor(
    private readonly getTicket: GetTicketUseCase,
    private readonly listTickets: ListTicketsUseCase,
  ) {}

  @MessagePattern(Queries.TicketByNumber)
  byNumber(@Payload() data: unknown): Promise<TicketViewV1> {
    return this.getTicket.get(parseMessage(TicketByNumberQueryV1, data));
  }

  @MessagePattern(Queries.TicketList)
  list(@Payload() data: unknown): Promise<TicketPageV1> {
    return this.listTickets.list(parseMessage(TicketListQueryV1, data));
  }

  @MessagePattern(ReportQueries.TicketExportPage)
  exportPage(@Payload() data: unknown): Promise<TicketPageV1> {
    return this.listTickets.exportPage(parseMessage(TicketExportPageQueryV1, data));
  }
}
