import type { Schemas } from '../../api/client';

/*
 * Which lifecycle actions the workspace offers, mirroring the services' rules so that a button is shown
 * only when the service would accept it on the ticket as the page knows it:
 * - who: services/resolution/src/lifecycle/permissions.ts (`mayAct`: members of the ticket's area, or
 *   supervisors and administrators; only they review; the service desk reopens), the gateway's @Roles
 *   (agents neither submit nor reopen), and routing's derivation-policy.ts (`mayDeriveFrom`: an operator
 *   derives from the entry area only, an agent from their own area);
 * - when: resolution's status-machine.ts and lifecycle-rules.ts (submit from the entry area with a
 *   registered solution and not waiting; wait/resume), and the escalation graph's edges from the
 *   ticket's area.
 * The service stays the authority: the page may be stale, and a refused action shows the service's reason.
 */

export type Role = Schemas['AccountResponse']['role'];
export type TicketStatus = Schemas['TicketDetail']['status'];
export type GraphEdge = Schemas['DerivationEdgeV1'];
export type DerivationKind = GraphEdge['kind'];
type TicketDetail = Schemas['TicketDetail'];

export const WORKSPACE_ACTIONS = [
  'take',
  'assign',
  'estimate',
  'logWork',
  'derive',
  'wait',
  'resume',
  'solution',
  'submit',
  'review',
  'reopen',
  'reply',
  'createArticle',
  'reclassify',
] as const;
export type WorkspaceAction = (typeof WORKSPACE_ACTIONS)[number];

export interface WorkspaceActor {
  accountId: string;
  role: Role;
  /** The agent's area (operators staff the entry area without one). */
  area: string | null;
}

/** The ticket as the availability rules read it. */
export interface TicketFacts {
  status: TicketStatus;
  /** Null until routing assigns the ticket its first area. */
  area: string | null;
  assigneeId: string | null;
  waitingOnRequester: boolean;
  /** A solution was registered (resolution keeps the latest; a review's rejection does not remove it). */
  hasSolution: boolean;
  /** The ticket was submitted at least once: the knowledge base then knows its solution. */
  wasResolved: boolean;
}

export interface EscalationGraph {
  entryArea: string;
  edges: readonly GraphEdge[];
}

export interface Availability {
  actions: ReadonlySet<WorkspaceAction>;
  /** Where the actor may derive the ticket now, each with the kind its edge has. */
  derivationTargets: GraphEdge[];
}

const STAFF: readonly Role[] = ['operator', 'agent', 'supervisor', 'admin'];

export const isStaffRole = (role: Role): boolean => STAFF.includes(role);

const supervises = (actor: WorkspaceActor): boolean => actor.role === 'supervisor' || actor.role === 'admin';

/** resolution's isMemberOf: agents belong to their account's area, operators to the entry area. */
export function isMemberOf(actor: WorkspaceActor, area: string, entryArea: string): boolean {
  if (actor.role === 'agent') return actor.area === area;
  if (actor.role === 'operator') return area === entryArea;
  return false;
}

/** routing's mayDeriveFrom. */
function mayDeriveFrom(actor: WorkspaceActor, from: string, entryArea: string): boolean {
  switch (actor.role) {
    case 'operator':
      return from === entryArea;
    case 'agent':
      return actor.area !== null && actor.area === from;
    case 'supervisor':
    case 'admin':
      return true;
    default:
      return false;
  }
}

/** The status machine: where each derivation kind may start (a return hands back work in progress). */
function derivationAllowedIn(status: TicketStatus, kind: DerivationKind): boolean {
  return kind === 'return' ? status === 'en_curso' : status === 'abierto' || status === 'en_curso';
}

export function availableActions(actor: WorkspaceActor, ticket: TicketFacts, graph: EscalationGraph): Availability {
  const actions = new Set<WorkspaceAction>();
  const none: Availability = { actions, derivationTargets: [] };
  if (!isStaffRole(actor.role)) return none;
  // Staff comment on any ticket they see but a merged duplicate: they write on its original (resolution's
  // mergedCommentProblem).
  if (ticket.status !== 'fusionado') actions.add('reply');
  if (ticket.wasResolved) actions.add('createArticle');
  if (ticket.area === null) return none;

  const { status, area } = ticket;
  const works = isMemberOf(actor, area, graph.entryArea) || supervises(actor);
  const open = status === 'abierto' || status === 'en_curso';
  const inProgress = status === 'en_curso';

  if (works && open && ticket.assigneeId !== actor.accountId) actions.add('take');
  if (works && open) actions.add('assign');
  if (works && inProgress) {
    actions.add('estimate');
    actions.add('logWork');
    actions.add('solution');
    actions.add(ticket.waitingOnRequester ? 'resume' : 'wait');
    if (actor.role !== 'agent' && area === graph.entryArea && ticket.hasSolution && !ticket.waitingOnRequester) {
      actions.add('submit');
    }
  }
  if (supervises(actor) && status === 'resuelto') actions.add('review');
  // The service desk (operators) or a supervisor reopens; the gateway lets no agent do it. Whether the
  // reopening window has passed is the service's to say (its length is a setting of resolution).
  if ((actor.role === 'operator' || supervises(actor)) && (status === 'resuelto' || status === 'cerrado')) {
    actions.add('reopen');
  }

  const derivationTargets = mayDeriveFrom(actor, area, graph.entryArea)
    ? graph.edges.filter((edge) => edge.from === area && derivationAllowedIn(status, edge.kind))
    : [];
  if (derivationTargets.length > 0) actions.add('derive');
  return { actions, derivationTargets };
}

/** The facts the rules need, read from the ticket view (its timeline says what was done). */
export function ticketFactsOf(ticket: TicketDetail): TicketFacts {
  return {
    status: ticket.status,
    area: ticket.area,
    assigneeId: ticket.assignee?.accountId ?? null,
    waitingOnRequester: ticket.waitingOnRequester,
    hasSolution: ticket.timeline.some((entry) => entry.type === 'ticket.solution-proposed'),
    wasResolved: ticket.timeline.some((entry) => entry.type === 'ticket.resolved'),
  };
}

/**
 * routing's mayReclassifyIn: the service desk (operators, agents of the entry area) on any ticket, the
 * agents of the area holding it, supervisors and administrators. The portal also stops offering it once
 * the ticket is closed: a closed ticket's classification is what its reports counted.
 */
export function mayReclassify(
  actor: WorkspaceActor,
  ticket: Pick<TicketFacts, 'status' | 'area'>,
  entryArea: string,
): boolean {
  if (!isStaffRole(actor.role) || ticket.status === 'cerrado' || ticket.status === 'fusionado') return false;
  if (actor.role !== 'agent') return true;
  return actor.area !== null && (actor.area === entryArea || actor.area === ticket.area);
}
