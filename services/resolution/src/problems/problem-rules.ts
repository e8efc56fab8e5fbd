import { Role, type ActorV1, type FieldProblem, type ProblemStatus } from '@cau/contracts';
import { isMemberOf, type Decision } from '../domain/permissions.js';

/**
 * The pure rules of problem records (docs/domain.md § Post-assistance evaluation). A problem moves forward through the analysis and may go
 * back to it while it is not closed; closing is final (a recurrence is a new problem, linked by its text).
 */
const NEXT: Record<ProblemStatus, readonly ProblemStatus[]> = {
  abierto: ['en_analisis', 'solucion_temporal', 'resuelto', 'cerrado'],
  en_analisis: ['abierto', 'solucion_temporal', 'resuelto', 'cerrado'],
  solucion_temporal: ['en_analisis', 'resuelto', 'cerrado'],
  resuelto: ['en_analisis', 'cerrado'],
  cerrado: [],
};

/** What a problem must hold to be in a status. */
export interface ProblemFacts {
  rootCause: string | null;
  workaround: string | null;
  workaroundArticleId: string | null;
}

/** Null when `from` may move to `to` with these facts; otherwise the problem naming the field `status`. */
export function statusChangeProblem(from: ProblemStatus, to: ProblemStatus, facts: ProblemFacts): FieldProblem | null {
  if (from === to) return null;
  // The third param is a code the gateway words (see `problemStatus` in the contracts' field messages).
  const refuse = (why?: 'closed' | 'workaround-missing' | 'root-cause-missing'): FieldProblem => ({
    field: 'status',
    constraint: 'problemStatus',
    params: why ? [from, to, why] : [from, to],
  });
  if (!NEXT[from].includes(to)) return refuse(from === 'cerrado' ? 'closed' : undefined);
  if (to === 'solucion_temporal' && !hasText(facts.workaround) && facts.workaroundArticleId === null) {
    return refuse('workaround-missing');
  }
  if (to === 'resuelto' && !hasText(facts.rootCause)) return refuse('root-cause-missing');
  return null;
}

export function nextStatuses(from: ProblemStatus): readonly ProblemStatus[] {
  return NEXT[from];
}

export function isOpenProblem(status: ProblemStatus): boolean {
  return status !== 'cerrado';
}

function hasText(text: string | null): boolean {
  return text !== null && text.trim() !== '';
}

const ALLOWED: Decision = { allowed: true };

function isSupervisorOrAdmin(actor: ActorV1): boolean {
  return actor.role === Role.Supervisor || actor.role === Role.Admin;
}

/** Every staff member reads problems: an agent of any area may recognise an incident as a known problem. */
export function mayReadProblems(actor: ActorV1): Decision {
  if (isSupervisorOrAdmin(actor) || actor.role === Role.Agent || actor.role === Role.Operator) return ALLOWED;
  return { allowed: false, refusal: { code: 'problem.read-staff-only' } };
}

/** Creating a problem: a member of the responsible area (agent, or operator for L1), a supervisor or an admin. */
export function mayCreateProblem(actor: ActorV1, area: string): Decision {
  if (isSupervisorOrAdmin(actor) || isMemberOf(actor, area)) return ALLOWED;
  return { allowed: false, refusal: { code: 'problem.create-not-allowed', params: { area } } };
}

/**
 * Editing a problem, recording actions and linking incidents: the members of its area, supervisors and
 * administrators. Closing it (and moving it to another area) is for supervisors and administrators: they
 * decide the analysis is over, as they close tickets.
 */
export function mayEditProblem(actor: ActorV1, area: string): Decision {
  if (isSupervisorOrAdmin(actor) || isMemberOf(actor, area)) return ALLOWED;
  return { allowed: false, refusal: { code: 'problem.edit-not-allowed', params: { area } } };
}

export function mayCloseOrMoveProblem(actor: ActorV1): Decision {
  if (isSupervisorOrAdmin(actor)) return ALLOWED;
  return { allowed: false, refusal: { code: 'problem.close-or-move-supervisors-only' } };
}

/** Linking incidents from any area: a problem often spans the areas its incidents reached. */
export function mayLinkTickets(actor: ActorV1, area: string): Decision {
  return mayEditProblem(actor, area);
}
