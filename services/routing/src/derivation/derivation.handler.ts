import { Controller } from '@nestjs/common';
import {
  DeriveTicketCommandV1,
  RoutingRpc,
  TicketOnlyCommandV1,
  type TicketDerivedV1,
  type LocatedTicketV1,
  type TicketPathV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { DeriveTicketUseCase } from './derive-ticket.use-case.js';
import { LocateTicketUseCase } from './locate-ticket.use-case.js';
import { TicketPathUseCase } from './ticket-path.use-case.js';

@Controller()
export class DerivationHandler {
  constructor(
    private readonly locateTicket: LocateTicketUseCase,
    private readonly deriveTicket: DeriveTicketUseCase,
    private readonly ticketPath: TicketPathUseCase,
  ) {}

  @Answers(RoutingRpc.Locate)
  locate(request: TicketOnlyCommandV1): Promise<LocatedTicketV1> {
    return this.locateTicket.locate(request);
  }

  @Answers(RoutingRpc.Derive)
  derive(request: DeriveTicketCommandV1): Promise<TicketDerivedV1> {
    return this.deriveTicket.derive(request);
  }

  @Answers(RoutingRpc.Path)
  path(request: TicketOnlyCommandV1): Promise<TicketPathV1> {
    return this.ticketPath.path(request);
  }
}
