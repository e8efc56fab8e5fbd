import { Controller } from '@nestjs/common';
import {
  ReportingRpc,
  TicketByNumberQueryV1,
  TicketExportPageQueryV1,
  TicketListQueryV1,
  type TicketPageV1,
  type TicketViewV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { GetTicketUseCase } from './get-ticket.use-case.js';
import { ListTicketsUseCase } from './list-tickets.use-case.js';

@Controller()
export class TicketQueriesHandler {
  constructor(
    private readonly getTicket: GetTicketUseCase,
    private readonly listTickets: ListTicketsUseCase,
  ) {}

  @Answers(ReportingRpc.TicketByNumber)
  byNumber(request: TicketByNumberQueryV1): Promise<TicketViewV1> {
    return this.getTicket.get(request);
  }

  @Answers(ReportingRpc.TicketList)
  list(request: TicketListQueryV1): Promise<TicketPageV1> {
    return this.listTickets.list(request);
  }

  @Answers(ReportingRpc.TicketExportPage)
  exportPage(request: TicketExportPageQueryV1): Promise<TicketPageV1> {
    return this.listTickets.exportPage(request);
  }
}
