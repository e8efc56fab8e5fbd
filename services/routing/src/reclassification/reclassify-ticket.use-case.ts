import { Injectable } from '@nestjs/common';
import {
  ProcedureEvents,
  type ReclassifyTicketCommandV1,
  type TicketClassificationV1,
  type TicketReclassifiedV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { PriorityMatrixRepository } from '../priority/priority-matrix.repository.js';
import { RoutedTicketRepository, type RoutedTicket } from '../routing/routed-ticket.repository.js';
import { ActiveCategories } from './active-categories.js';
import { mayReclassify, mayReclassifyIn, reclassified } from './reclassification.js';

/**
 * Corrects a ticket's type, category (one active in intake's catalogue), impact or urgency; the priority
 * follows from routing's matrix.
 * The new classification and `ticket.reclassified` (before and after, who, why) are committed together;
 * resolution moves the SLA due dates and reporting the ticket view when they read the event.
 */
@Injectable()
export class ReclassifyTicketUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly tickets: RoutedTicketRepository,
    private readonly matrices: PriorityMatrixRepository,
    private readonly categories: ActiveCategories,
  ) {}

  async reclassify(command: ReclassifyTicketCommandV1): Promise<TicketClassificationV1> {
    const { actor, body } = command;
    const role = mayReclassify(actor);
    if (!role.allowed) throw ServiceError.forbidden(role.refusal);
    const reason = body.reason.trim();
    return this.runtime.transaction(async (tx) => {
      // Locked, so two corrections of one ticket apply one after the other, each from the last one's result.
      const ticket = await this.tickets.lockByNumber(tx, command.number);
      if (!ticket) throw ServiceError.notFound('ticket', command.number);
      const permission = mayReclassifyIn(actor, ticket.area, await this.tickets.entryArea(tx));
      if (!permission.allowed) throw ServiceError.forbidden(permission.refusal);
      const previous = classificationOf(ticket);
      const current = reclassified(previous, body, await this.matrices.load(tx));
      if (!current) throw ServiceError.validation([{ field: 'body', constraint: 'classificationUnchanged' }]);
      // Only a new category is checked: a ticket keeps the (possibly retired) one it was registered with.
      if (current.category !== previous.category && !(await this.categories.includes(actor, current.category))) {
        throw ServiceError.validation([
          { field: 'category', constraint: 'inactiveCatalogueValue', params: ['category', current.category] },
        ]);
      }
      await this.tickets.reclassify(tx, ticket.ticketId, current);
      const event: TicketReclassifiedV1 = {
        ticketId: ticket.ticketId,
        number: ticket.number,
        by: { accountId: actor.accountId, name: actor.name, role: actor.role, email: actor.email },
        at: new Date().toISOString(),
        area: ticket.area,
        previous,
        current,
        reason,
      };
      await this.runtime.outbox.append(tx, {
        definition: ProcedureEvents.TicketReclassified,
        ticketId: ticket.ticketId,
        data: event,
      });
      return current;
    });
  }
}

function classificationOf(ticket: RoutedTicket): TicketClassificationV1 {
  return {
    type: ticket.type,
    category: ticket.category,
    impact: ticket.impact,
    urgency: ticket.urgency,
    priority: ticket.priority,
  };
}
