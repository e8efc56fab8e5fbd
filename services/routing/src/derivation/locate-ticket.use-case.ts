import { Injectable } from '@nestjs/common';
import type { LocatedTicketV1, TicketOnlyCommandV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { mayViewTicket } from '../access/access-policy.js';
import { RoutedTicketRepository } from '../routing/routed-ticket.repository.js';

/** Where a ticket is now, so the gateway can address the resolution instance of that area. */
@Injectable()
export class LocateTicketUseCase {
  constructor(private readonly tickets: RoutedTicketRepository) {}

  async locate(command: TicketOnlyCommandV1): Promise<LocatedTicketV1> {
    const found = await this.tickets.locate(command.number);
    if (!found) throw ServiceError.notFound('ticket', command.number);
    const { ticket, sequence } = found;
    const decision = mayViewTicket(command.actor, ticket);
    if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
    return { ticketId: ticket.ticketId, number: ticket.number, area: ticket.area, priority: ticket.priority, sequence };
  }
}
