import { Injectable } from '@nestjs/common';
import { TicketStatus, type TicketOnlyCommandV1, type TicketServiceLevelV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { mayReadClosureReport } from '../domain/permissions.js';
import { authorize } from '../domain/refusals.js';
import { TicketRepository } from '../tickets/ticket.repository.js';

/** The ticket's targets, for those who may follow it: staff, its requester, the referente of its jurisdiction. */
@Injectable()
export class GetServiceLevelUseCase {
  constructor(private readonly tickets: TicketRepository) {}

  async execute(query: TicketOnlyCommandV1): Promise<TicketServiceLevelV1> {
    const ticket = await this.tickets.serviceLevelByNumber(query.number);
    if (!ticket) throw ServiceError.notFound('ticket', query.number);
    authorize(
      mayReadClosureReport(query.actor, {
        area: ticket.area ?? '',
        requesterEmail: ticket.requesterEmail,
        jurisdiction: ticket.jurisdiction,
      }),
    );
    // A merged duplicate has no targets of its own: its original carries them (see serviceLevelOf).
    const merged = ticket.status === TicketStatus.Fusionado;
    return {
      number: ticket.number,
      responseDueAt: merged ? null : (ticket.responseDueAt?.toISOString() ?? null),
      resolutionDueAt: merged ? null : (ticket.resolutionDueAt?.toISOString() ?? null),
      respondedAt: ticket.responseMetAt?.toISOString() ?? null,
      resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
    };
  }
}
