import { Injectable } from '@nestjs/common';
import type { TicketOnlyCommandV1, TicketServiceLevelV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { mayReadClosureReport } from '../lifecycle/permissions.js';
import { authorize } from '../lifecycle/refusals.js';
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
    return {
      number: ticket.number,
      responseDueAt: ticket.responseDueAt?.toISOString() ?? null,
      resolutionDueAt: ticket.resolutionDueAt?.toISOString() ?? null,
      respondedAt: ticket.responseMetAt?.toISOString() ?? null,
      resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
    };
  }
}
