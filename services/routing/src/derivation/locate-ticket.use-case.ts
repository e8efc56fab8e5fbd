import { Injectable } from '@nestjs/common';
import type { Priority, TicketOnlyCommandV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { mayViewTicket } from '../access/access-policy.js';
import { RoutedTicketRepository } from '../routing/routed-ticket.repository.js';

export interface TicketLocation {
  ticketId: string;
  number: number;
  area: string;
  priority: Priority;
}

/** Where a ticket is now, so the gateway can address the resolution instance of that area. */
@Injectable()
export class LocateTicketUseCase {
  constructor(private readonly tickets: RoutedTicketRepository) {}

  async locate(command: TicketOnlyCommandV1): Promise<TicketLocation> {
    const ticket = await this.tickets.findByNumber(command.number);
    if (!ticket) throw ServiceError.notFound('ticket', command.number);
    const decision = mayViewTicket(command.actor, ticket);
    if (!decision.allowed) throw ServiceError.forbidden(decision.reason);
    return { ticketId: ticket.ticketId, number: ticket.number, area: ticket.area, priority: ticket.priority };
  }
}
