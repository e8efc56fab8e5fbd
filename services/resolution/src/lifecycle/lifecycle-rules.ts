import {
  TicketStatus,
  type FieldProblem,
  type Refusal,
  type ReviewBodyV1,
  type SubmitForReviewBodyV1,
} from '@cau/contracts';
import { SERVICE_DESK_AREA } from '../domain/permissions.js';

/**
 * Rules of the procedures beyond the status machine. Each returns why the action is refused (a refusal the
 * gateway words for the user) or null; field problems are returned as the validation errors it renders.
 */

/** docs/domain.md § Procedure 9.1 step 8, § Procedure 9.2 step 7: the service desk derives a registered, verified solution to the supervisor. */
export function submitProblem(ticket: {
  area: string;
  hasSolution: boolean;
  waitingOnRequester: boolean;
}): Refusal | null {
  if (ticket.area !== SERVICE_DESK_AREA) {
    return { code: 'ticket.submit-not-at-service-desk', params: { serviceDesk: SERVICE_DESK_AREA, area: ticket.area } };
  }
  if (!ticket.hasSolution) return { code: 'ticket.submit-no-solution' };
  if (ticket.waitingOnRequester) return { code: 'ticket.submit-waiting-requester' };
  return null;
}

/** docs/domain.md § Procedure 9.1 (verification): the operator verifies the solution with the requester before deriving it. */
export function submitFieldProblems(body: SubmitForReviewBodyV1): FieldProblem[] {
  return body.verifiedWithRequester
    ? []
    : [{ field: 'body.verifiedWithRequester', constraint: 'isIn', params: [[true]] }];
}

/** docs/domain.md § Procedure 9.1 step 9: a returned solution says what must be corrected. */
export function reviewFieldProblems(body: ReviewBodyV1): FieldProblem[] {
  if (body.decision !== 'reject') return [];
  // `null` passes the contract's @IsOptional like a missing field, and means the same here.
  if (body.observations === undefined || body.observations === null)
    return [{ field: 'body.observations', constraint: 'isDefined' }];
  if (body.observations.trim() === '') return [{ field: 'body.observations', constraint: 'isNotEmpty' }];
  return [];
}

/** A ticket is reopened within a window after it was resolved or, once closed, after its closure. */
export function reopenProblem(
  ticket: { status: TicketStatus; resolvedAt: Date | null; closedAt: Date | null },
  now: Date,
  windowDays: number,
): Refusal | null {
  const since = ticket.status === TicketStatus.Cerrado ? ticket.closedAt : ticket.resolvedAt;
  if (!since) return null; // the status machine refuses tickets that were never resolved
  const deadline = since.getTime() + windowDays * 86_400_000;
  if (now.getTime() > deadline) {
    return {
      code: 'ticket.reopen-window-over',
      params: {
        days: windowDays,
        since: ticket.status === TicketStatus.Cerrado ? 'closure' : 'resolution',
        deadline: new Date(deadline).toISOString(),
      },
    };
  }
  return null;
}

export function waitProblem(waitingOnRequester: boolean): Refusal | null {
  return waitingOnRequester ? { code: 'ticket.already-waiting' } : null;
}

export function resumeProblem(waitingOnRequester: boolean): Refusal | null {
  return waitingOnRequester ? null : { code: 'ticket.not-waiting' };
}

/**
 * Issue 12: a merged duplicate is over; staff write on its original, where the work goes on (a reply there
 * reaches the duplicate's requester too). Requesters may still answer on their own ticket.
 */
export function mergedCommentProblem(
  ticket: { number: number; status: TicketStatus },
  originalNumber: number | null,
): Refusal | null {
  if (ticket.status !== TicketStatus.Fusionado) return null;
  return {
    code: 'ticket.merged-comment',
    params: originalNumber === null ? { number: ticket.number } : { number: ticket.number, original: originalNumber },
  };
}

/** What the merge rules look at on each ticket. */
export interface MergeFacts {
  duplicate: { number: number; mergedInto: number[] };
  original: { number: number; status: TicketStatus; area: string | null; mergedIntoNumber: number | null };
}

/**
 * Issue 12: a duplicate is merged into an original that still has work to do. The duplicate's own status
 * is the status machine's question (closed and merged tickets are refused there). A duplicate others were
 * merged into is refused, so merges never chain: every merged ticket names the ticket where the work is.
 */
export function mergeProblem({ duplicate, original }: MergeFacts): Refusal | null {
  if (duplicate.mergedInto.length > 0) {
    return {
      code: 'ticket.merge-into-duplicate-original',
      params: { number: duplicate.number, duplicates: duplicate.mergedInto },
    };
  }
  if (original.status === TicketStatus.Fusionado) {
    const into = original.mergedIntoNumber;
    return {
      code: 'ticket.merge-original-merged',
      params: into === null ? { number: original.number } : { number: original.number, into },
    };
  }
  if (original.status === TicketStatus.Cerrado) {
    return { code: 'ticket.merge-original-closed', params: { number: original.number } };
  }
  if (original.area === null) return { code: 'ticket.no-area-yet', params: { number: original.number } };
  return null;
}

/**
 * What one ticket's conversation may hold. A ticket's view travels as one message (NATS takes 1 MiB), so an
 * endless conversation would make the ticket unreadable for everyone; past these a new, related ticket is
 * the way to go on. 200,000 characters are some 40 pages of text, far beyond a real ticket.
 */
export const MAX_TICKET_COMMENTS = 300;
export const MAX_TICKET_COMMENT_CHARACTERS = 200_000;

/** Whether one more comment of `text` would take the conversation past its limits. */
export function conversationFull(held: { comments: number; characters: number }, text: string): boolean {
  return held.comments + 1 > MAX_TICKET_COMMENTS || held.characters + text.length > MAX_TICKET_COMMENT_CHARACTERS;
}
