import { TicketStatus, type FieldProblem, type ReviewBodyV1, type SubmitForReviewBodyV1 } from '@cau/contracts';
import { SERVICE_DESK_AREA } from './permissions.js';

/**
 * Rules of the procedures beyond the status machine. Each returns why the action is refused (Spanish,
 * shown to the user) or null; field problems are returned as the validation errors the gateway renders.
 */

/** docs/domain.md § Procedure 9.1 step 8, § Procedure 9.2 step 7: the service desk derives a registered, verified solution to the supervisor. */
export function submitProblem(ticket: {
  area: string;
  hasSolution: boolean;
  waitingOnRequester: boolean;
}): string | null {
  if (ticket.area !== SERVICE_DESK_AREA) {
    return `solo la Mesa de Servicios (${SERVICE_DESK_AREA}) deriva la solución al supervisor y el ticket está en el área ${ticket.area}; el área debe devolverle la solución primero`;
  }
  if (!ticket.hasSolution) return 'primero debe registrarse la solución del ticket';
  if (ticket.waitingOnRequester)
    return 'el ticket espera una respuesta del solicitante; reanúdelo antes de derivar la solución';
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
): string | null {
  const since = ticket.status === TicketStatus.Cerrado ? ticket.closedAt : ticket.resolvedAt;
  if (!since) return null; // the status machine refuses tickets that were never resolved
  const deadline = since.getTime() + windowDays * 86_400_000;
  if (now.getTime() > deadline) {
    const what = ticket.status === TicketStatus.Cerrado ? 'el cierre' : 'la resolución';
    return `el plazo para reabrir venció: ${windowDays} días desde ${what} (${new Date(deadline).toISOString()})`;
  }
  return null;
}

export function waitProblem(waitingOnRequester: boolean): string | null {
  return waitingOnRequester ? 'el ticket ya está esperando una respuesta del solicitante' : null;
}

export function resumeProblem(waitingOnRequester: boolean): string | null {
  return waitingOnRequester ? null : 'el ticket no está esperando una respuesta del solicitante';
}

/**
 * Issue 12: a merged duplicate is over; staff write on its original, where the work goes on (a reply there
 * reaches the duplicate's requester too). Requesters may still answer on their own ticket.
 */
export function mergedCommentProblem(
  ticket: { number: number; status: TicketStatus },
  originalNumber: number | null,
): string | null {
  if (ticket.status !== TicketStatus.Fusionado) return null;
  const where = originalNumber === null ? 'su original' : `el ticket ${originalNumber}`;
  return `el ticket ${ticket.number} fue fusionado en ${where}; responda o anote en ${where}`;
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
export function mergeProblem({ duplicate, original }: MergeFacts): string | null {
  if (duplicate.mergedInto.length > 0) {
    const list = duplicate.mergedInto.map((n) => `#${n}`).join(', ');
    return `el ticket ${duplicate.number} es el original de ${list}; no se fusiona un ticket que tiene duplicados fusionados en él`;
  }
  if (original.status === TicketStatus.Fusionado) {
    const where = original.mergedIntoNumber === null ? 'otro ticket' : `el ticket ${original.mergedIntoNumber}`;
    return `el ticket ${original.number} ya fue fusionado en ${where}; fusione el duplicado en ese original`;
  }
  if (original.status === TicketStatus.Cerrado) {
    return `el ticket ${original.number} está cerrado; no se fusiona un duplicado en un ticket cerrado (reábralo o relaciónelos)`;
  }
  if (original.area === null) return `el ticket ${original.number} todavía no fue asignado a un área`;
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
