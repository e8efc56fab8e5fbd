import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReclassifyTicketCommandV1, RoutingCommands, type TicketClassificationV1 } from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ReclassifyTicketUseCase } from './reclassify-ticket.use-case.js';

@Controller()
export class ReclassificationHandler {
  constructor(private readonly reclassifyTicket: ReclassifyTicketUseCase) {}

  /** The ticket's classification after the correction. */
  @MessagePattern(RoutingCommands.Reclassify)
  reclassify(@Payload() data: unknown): Promise<TicketClassificationV1> {
    return this.reclassifyTicket.reclassify(parseMessage(ReclassifyTicketCommandV1, data));
  }
}
