import { TicketStatus, type Refusal } from '@cau/contracts';

/**
 * What can happen to a ticket (docs/domain.md § Statuses, § Procedure 9.1 steps 8–10).
 * `submit` is the L1 operator deriving the verified solution to the supervisor; only `approve` closes.
 */
export type LifecycleAction =
  | 'take'
  | 'assign'
  | 'escalate'
  | 'estimate'
  | 'log-work'
  | 'register-solution'
  | 'return-solution'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'reopen'
  | 'wait-requester'
  | 'resume'
  | 'answer-survey'
  | 'accept-solution'
  | 'merge';

export type TransitionResult = { ok: true; status: TicketStatus } | { ok: false; refusal: Refusal };

const { Abierto, EnCurso, Resuelto, Cerrado, Fusionado } = TicketStatus;

/** Where each action may start and where it leaves the ticket. */
const TRANSITIONS: Record<
  LifecycleAction,
  { from: readonly TicketStatus[]; to: (from: TicketStatus) => TicketStatus }
> = {
  take: { from: [Abierto, EnCurso], to: () => EnCurso },
  assign: { from: [Abierto, EnCurso], to: () => EnCurso },
  escalate: { from: [Abierto, EnCurso], to: () => EnCurso },
  estimate: { from: [EnCurso], to: (s) => s },
  'log-work': { from: [EnCurso], to: (s) => s },
  'register-solution': { from: [EnCurso], to: (s) => s },
  'return-solution': { from: [EnCurso], to: (s) => s },
  submit: { from: [EnCurso], to: () => Resuelto },
  approve: { from: [Resuelto], to: () => Cerrado },
  reject: { from: [Resuelto], to: () => EnCurso },
  reopen: { from: [Resuelto, Cerrado], to: () => EnCurso },
  // Waiting on the requester stops the SLA clocks but is not a status of its own (docs/domain.md § Statuses lists none).
  'wait-requester': { from: [EnCurso], to: (s) => s },
  resume: { from: [EnCurso], to: (s) => s },
  'answer-survey': { from: [Cerrado], to: (s) => s },
  // The requester confirms the solution while the supervisor has not yet reviewed it; it changes no status.
  'accept-solution': { from: [Resuelto], to: (s) => s },
  // A duplicate not yet closed ends merged into its original (terminal; nothing starts from it).
  merge: { from: [Abierto, EnCurso, Resuelto], to: () => Fusionado },
};

export function transition(status: TicketStatus, action: LifecycleAction): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      refusal: { code: 'ticket.action-not-possible', params: { action, status, allowedFrom: rule.from } },
    };
  }
  return { ok: true, status: rule.to(status) };
}

export const LIFECYCLE_ACTIONS = Object.keys(TRANSITIONS) as LifecycleAction[];
