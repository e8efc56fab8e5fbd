import { Controller } from '@nestjs/common';
import { ReclassifyTicketCommandV1, RoutingRpc, type TicketClassificationV1 } from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { ReclassifyTicketUseCase } from './reclassify-ticket.use-case.js';

@Controller()
export class ReclassificationHandler {
  constructor(private readonly reclassifyTicket: ReclassifyTicketUseCase) {}

  /** The ticket's classification after the correction. */
  @Answers(RoutingRpc.Reclassify)
  reclassify(request: ReclassifyTicketCommandV1): Promise<TicketClassificationV1> {
    return this.reclassifyTicket.reclassify(request);
  }
}
