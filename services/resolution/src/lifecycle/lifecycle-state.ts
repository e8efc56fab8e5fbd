import type { LifecycleStateV1 } from '@cau/contracts';
import type { TicketRecord } from '../domain/ticket-record.js';

/** Of a ticket in an area: a command runs only where the ticket is. */
export function lifecycleStateOf(ticket: TicketRecord & { area: string }): LifecycleStateV1 {
  return {
    number: ticket.number,
    status: ticket.status,
    area: ticket.area,
    assignee: ticket.assignee,
    overdue: ticket.overdue,
    waitingOnRequester: ticket.waitingSince !== null,
  };
}
