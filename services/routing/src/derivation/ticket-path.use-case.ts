import { Injectable } from '@nestjs/common';
import { type TicketOnlyCommandV1, type TicketPathV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { mayViewTicket } from '../access/access-policy.js';
import { RoutedTicketRepository } from '../routing/routed-ticket.repository.js';
import { DerivationRepository } from './derivation.repository.js';
import { ticketPath } from './ticket-path.js';

/** The ticket's path, for everyone allowed to see the ticket (docs/domain.md § Escalation graph). */
@Injectable()
export class TicketPathUseCase {
  constructor(
    private readonly tickets: RoutedTicketRepository,
    private readonly derivations: DerivationRepository,
  ) {}

  async path(command: TicketOnlyCommandV1): Promise<TicketPathV1> {
    const ticket = await this.tickets.findByNumber(command.number);
    if (!ticket) throw ServiceError.notFound('ticket', command.number);
    const decision = mayViewTicket(command.actor, ticket);
    if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
    return ticketPath(ticket, await this.derivations.listForTicket(ticket.ticketId));
  }
}
