import { Injectable } from '@nestjs/common';
import type { TicketByNumberQueryV1, TicketViewV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { numberRangeProblem } from './paging.js';
import { timelineAudienceOf, timelineFor } from './timeline-audience.js';
import { mayView } from './ticket-visibility.js';
import { TicketViewRepository } from './ticket-view.repository.js';

@Injectable()
export class GetTicketUseCase {
  constructor(private readonly views: TicketViewRepository) {}

  /** One ticket by its number, if the actor may see it, with the timeline its audience sees. */
  async get(query: TicketByNumberQueryV1): Promise<TicketViewV1> {
    const problem = numberRangeProblem('number', query.number);
    if (problem) throw ServiceError.validation([problem]);
    const ticket = await this.views.findByNumber(query.number);
    if (!ticket) throw ServiceError.notFound('ticket', query.number);
    const decision = mayView(query.actor, {
      requesterEmail: ticket.requester.email,
      jurisdiction: ticket.jurisdiction,
    });
    if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
    const audience = timelineAudienceOf(query.actor);
    if (audience === 'staff') return ticket;
    // Related and merged tickets may be other people's: requesters see only the original theirs went to.
    return {
      ...ticket,
      relatedTickets: [],
      mergedInto: ticket.mergedInto && { ...ticket.mergedInto, title: null },
      mergedTickets: [],
      timeline: timelineFor(audience, ticket.timeline),
    };
  }
}
