import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DeriveTicketCommandV1, RoutingCommands, TicketOnlyCommandV1, type TicketDerivedV1 } from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { DeriveTicketUseCase } from './derive-ticket.use-case.js';
import { LocateTicketUseCase, type TicketLocation } from './locate-ticket.use-case.js';
import { TicketPathUseCase } from './ticket-path.use-case.js';
import type { TicketPath } from './ticket-path.js';

@Controller()
export class DerivationHandler {
  constructor(
    private readonly locateTicket: LocateTicketUseCase,
    private readonly deriveTicket: DeriveTicketUseCase,
    private readonly ticketPath: TicketPathUseCase,
  ) {}

  @MessagePattern(RoutingCommands.Locate)
  locate(@Payload() data: unknown): Promise<TicketLocation> {
    return this.locateTicket.locate(parseMessage(TicketOnlyCommandV1, data));
  }

  @MessagePattern(RoutingCommands.Derive)
  derive(@Payload() data: unknown): Promise<TicketDerivedV1> {
    return this.deriveTicket.derive(parseMessage(DeriveTicketCommandV1, data));
  }

  @MessagePattern(RoutingCommands.Path)
  path(@Payload() data: unknown): Promise<TicketPath> {
    return this.ticketPath.path(parseMessage(TicketOnlyCommandV1, data));
  }
}
