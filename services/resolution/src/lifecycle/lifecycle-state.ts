import type { TicketStatus } from '@cau/contracts';
import type { Assignee, TicketRecord } from '../domain/ticket-record.js';

/** What every lifecycle command answers: where the ticket stands after it. */
export interface LifecycleStateV1 {
  number: number;
  status: TicketStatus;
  area: string | null;
  assignee: Assignee | null;
  overdue: boolean;
  waitingOnRequester: boolean;
}

export function lifecycleStateOf(ticket: TicketRecord): LifecycleStateV1 {
  return {
    number: ticket.number,
    status: ticket.status,
    area: ticket.area,
    assignee: ticket.assignee,
    overdue: ticket.overdue,
    waitingOnRequester: ticket.waitingSince !== null,
  };
}
