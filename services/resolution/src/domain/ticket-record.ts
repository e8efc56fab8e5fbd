import type { ByV1, Priority, TicketStatus } from '@cau/contracts';

export interface Assignee {
  accountId: string;
  name: string;
}

export interface RegisteredSolution {
  text: string;
  elements: string | null;
  downtimeMinutes: number | null;
  by: ByV1;
  at: Date;
}

/** Resolution's copy of one ticket: fields fed by events plus the lifecycle it owns. */
export interface TicketRecord {
  ticketId: string;
  number: number;
  /** Null until routing's first event arrives. */
  area: string | null;
  priority: Priority | null;
  status: TicketStatus;
  requesterEmail: string | null;
  /** Intake's requester id and name; null for tickets registered before resolution kept them. */
  requester: { id: string; name: string } | null;
  jurisdiction: string | null;
  title: string | null;
  registeredAt: Date | null;
  routedAt: Date | null;
  assignee: Assignee | null;
  solution: RegisteredSolution | null;
  articleRef: string | null;
  waitingSince: Date | null;
  responseMetAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  overdue: boolean;
  /** The original this ticket was merged into (status `fusionado`); null otherwise. */
  mergedInto: string | null;
}

/** Lifecycle columns a command may change. */
export interface TicketChanges {
  status?: TicketStatus;
  assignee?: Assignee | null;
  estimateMinutes?: number;
  solution?: RegisteredSolution;
  articleRef?: string | null;
  waitingSince?: Date | null;
  responseMetAt?: Date;
  resolvedAt?: Date;
  closedAt?: Date | null;
  /** Set once, with status `fusionado`. */
  merged?: { into: string; at: Date };
}

/**
 * The ticket as it is once `changes` are written: what `TicketRepository.update` stores, read back without a
 * round trip (the command holds the row's lock, so nothing else changed it meanwhile).
 */
export function withChanges<T extends TicketRecord>(ticket: T, changes: TicketChanges): T {
  return {
    ...ticket,
    ...(changes.status !== undefined ? { status: changes.status } : {}),
    ...(changes.assignee !== undefined ? { assignee: changes.assignee } : {}),
    ...(changes.solution !== undefined ? { solution: changes.solution } : {}),
    ...(changes.articleRef !== undefined ? { articleRef: changes.articleRef } : {}),
    ...(changes.waitingSince !== undefined ? { waitingSince: changes.waitingSince } : {}),
    ...(changes.responseMetAt !== undefined ? { responseMetAt: changes.responseMetAt } : {}),
    ...(changes.resolvedAt !== undefined ? { resolvedAt: changes.resolvedAt } : {}),
    ...(changes.closedAt !== undefined ? { closedAt: changes.closedAt } : {}),
    ...(changes.merged !== undefined ? { mergedInto: changes.merged.into } : {}),
  };
}

/** The history's name for an internal note's step: staff only, left out of what requesters read. */
export const INTERNAL_NOTE_STEP = 'internal-note';

/** SLAs are counted from registration; routing's time stands in until registration reaches this service. */
export function clockStartOf(ticket: Pick<TicketRecord, 'registeredAt' | 'routedAt'>): Date | null {
  return ticket.registeredAt ?? ticket.routedAt;
}
