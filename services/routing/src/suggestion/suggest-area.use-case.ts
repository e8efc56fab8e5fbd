import { Injectable } from '@nestjs/common';
import { type TicketOnlyCommandV1, type AreaSuggestionV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { mustBeStaff } from '../access/access-policy.js';
import { allowedTargets } from '../escalation/escalation-graph.js';
import { escalationGraphOf, GraphRepository } from '../graph/graph.repository.js';
import { RoutedTicketRepository } from '../routing/routed-ticket.repository.js';
import { INFRASTRUCTURE_AREA, suggestArea } from './area-suggestion.js';

/** Advice for the L1 operator: where the procedures would send this ticket, and why (9.1 steps 3–5). */
@Injectable()
export class SuggestAreaUseCase {
  constructor(
    private readonly tickets: RoutedTicketRepository,
    private readonly graphs: GraphRepository,
  ) {}

  /** Wrapped, so "no advice" is an object too (a bare null is an awkward answer for HTTP clients). */
  async suggest(command: TicketOnlyCommandV1): Promise<{ suggestion: AreaSuggestionV1 | null }> {
    const decision = mustBeStaff(command.actor);
    if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
    const ticket = await this.tickets.findByNumber(command.number);
    if (!ticket) throw ServiceError.notFound('ticket', command.number);
    const graph = escalationGraphOf(await this.graphs.current());
    const suggestion = suggestArea({
      type: ticket.type,
      category: ticket.category,
      title: ticket.title,
      atEntryArea: ticket.area === graph.entryArea,
      allowedTargets: allowedTargets(graph, ticket.area),
      categoryHandledByUit: await this.tickets.categoryDerivedTo(ticket.category, INFRASTRUCTURE_AREA, ticket.ticketId),
    });
    return { suggestion };
  }
}
