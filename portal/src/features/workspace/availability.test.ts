import { describe, expect, it } from 'vitest';
import {
  availableActions,
  mayReclassify,
  ticketFactsOf,
  type EscalationGraph,
  type TicketFacts,
  type WorkspaceAction,
  type WorkspaceActor,
} from './availability';

/** The AGETIC graph (docs/domain.md § Escalation graph), as GET /routing/graph answers it by default. */
const GRAPH: EscalationGraph = {
  entryArea: 'L1',
  edges: [
    { from: 'L1', to: 'UIT', kind: 'escalate' },
    { from: 'L1', to: 'ADT', kind: 'escalate' },
    { from: 'UIT', to: 'UPAT', kind: 'escalate' },
    { from: 'UIT', to: 'ACGII', kind: 'escalate' },
    { from: 'ADT', to: 'UPAT', kind: 'escalate' },
    { from: 'UPAT', to: 'UIT', kind: 'coordinate' },
    { from: 'ACGII', to: 'UIT', kind: 'coordinate' },
    { from: 'UIT', to: 'L1', kind: 'return' },
    { from: 'ADT', to: 'L1', kind: 'return' },
  ],
};

const operator: WorkspaceActor = { accountId: 'op', role: 'operator', area: null };
const uitAgent: WorkspaceActor = { accountId: 'uit', role: 'agent', area: 'UIT' };
const upatAgent: WorkspaceActor = { accountId: 'upat', role: 'agent', area: 'UPAT' };
const supervisor: WorkspaceActor = { accountId: 'sup', role: 'supervisor', area: 'L1' };
const admin: WorkspaceActor = { accountId: 'adm', role: 'admin', area: null };
const requester: WorkspaceActor = { accountId: 'req', role: 'requester', area: null };

const ticket = (facts: Partial<TicketFacts> = {}): TicketFacts => ({
  status: 'abierto',
  area: 'L1',
  assigneeId: null,
  waitingOnRequester: false,
  hasSolution: false,
  wasResolved: false,
  ...facts,
});

const actionsOf = (actor: WorkspaceActor, facts: TicketFacts): WorkspaceAction[] =>
  [...availableActions(actor, facts, GRAPH).actions].sort();
const targetsOf = (actor: WorkspaceActor, facts: TicketFacts): string[] =>
  availableActions(actor, facts, GRAPH).derivationTargets.map((edge) => `${edge.kind}:${edge.to}`);

describe('availableActions', () => {
  it('offers a new ticket at the desk to an operator: take, assign, derive, reply', () => {
    expect(actionsOf(operator, ticket())).toEqual(['assign', 'derive', 'reply', 'take']);
    expect(targetsOf(operator, ticket())).toEqual(['escalate:UIT', 'escalate:ADT']);
  });

  it('lets the assignee work on it in progress, without offering to take it again', () => {
    const mine = ticket({ status: 'en_curso', assigneeId: 'op' });
    expect(actionsOf(operator, mine)).toEqual(['assign', 'derive', 'estimate', 'logWork', 'reply', 'solution', 'wait']);
    // Someone else's ticket in the area can be taken over.
    expect(actionsOf(operator, ticket({ status: 'en_curso', assigneeId: 'other' }))).toContain('take');
  });

  it('leaves an agent of another area only the reply', () => {
    const atUit = ticket({ status: 'en_curso', area: 'UIT' });
    expect(actionsOf(upatAgent, atUit)).toEqual(['reply']);
    expect(actionsOf(operator, atUit)).toEqual(['reply']);
  });

  it('offers the UIT agent the graph targets from UIT; a return only once work is in progress', () => {
    expect(targetsOf(uitAgent, ticket({ status: 'abierto', area: 'UIT' }))).toEqual([
      'escalate:UPAT',
      'escalate:ACGII',
    ]);
    expect(targetsOf(uitAgent, ticket({ status: 'en_curso', area: 'UIT' }))).toEqual([
      'escalate:UPAT',
      'escalate:ACGII',
      'return:L1',
    ]);
    expect(targetsOf(upatAgent, ticket({ status: 'en_curso', area: 'UPAT' }))).toEqual(['coordinate:UIT']);
  });

  it('lets supervisors and administrators act in any area and derive from it', () => {
    const atAdt = ticket({ status: 'en_curso', area: 'ADT', assigneeId: 'someone' });
    expect(actionsOf(supervisor, atAdt)).toEqual([
      'assign',
      'derive',
      'estimate',
      'logWork',
      'reply',
      'solution',
      'take',
      'wait',
    ]);
    expect(targetsOf(admin, atAdt)).toEqual(['escalate:UPAT', 'return:L1']);
  });

  it('submits for review only at the desk, with a solution, not waiting, and never as an agent', () => {
    const ready = ticket({ status: 'en_curso', assigneeId: 'op', hasSolution: true });
    expect(actionsOf(operator, ready)).toContain('submit');
    expect(actionsOf(operator, { ...ready, hasSolution: false })).not.toContain('submit');
    expect(actionsOf(operator, { ...ready, waitingOnRequester: true })).not.toContain('submit');
    expect(actionsOf(uitAgent, { ...ready, area: 'UIT' })).not.toContain('submit');
    const deskAgent: WorkspaceActor = { accountId: 'a', role: 'agent', area: 'L1' };
    expect(actionsOf(deskAgent, ready)).not.toContain('submit');
    expect(actionsOf(supervisor, ready)).toContain('submit');
  });

  it('offers resume instead of wait while the ticket waits on the requester', () => {
    const waiting = ticket({ status: 'en_curso', assigneeId: 'op', waitingOnRequester: true });
    expect(actionsOf(operator, waiting)).toContain('resume');
    expect(actionsOf(operator, waiting)).not.toContain('wait');
  });

  it('leaves the review of a resolved ticket to supervisors; the desk and supervisors reopen it', () => {
    const resolved = ticket({ status: 'resuelto', hasSolution: true, wasResolved: true });
    expect(actionsOf(supervisor, resolved)).toEqual(['createArticle', 'reopen', 'reply', 'review']);
    expect(actionsOf(operator, resolved)).toEqual(['createArticle', 'reopen', 'reply']);
    expect(actionsOf(uitAgent, { ...resolved, area: 'UIT' })).toEqual(['createArticle', 'reply']);
    expect(actionsOf(supervisor, { ...resolved, status: 'cerrado' })).toEqual(['createArticle', 'reopen', 'reply']);
  });

  it('does not derive a resolved or closed ticket', () => {
    expect(targetsOf(supervisor, ticket({ status: 'resuelto' }))).toEqual([]);
    expect(targetsOf(supervisor, ticket({ status: 'cerrado' }))).toEqual([]);
  });

  it('offers only a reply on a ticket not yet routed, and nothing to requesters', () => {
    expect(actionsOf(operator, ticket({ area: null }))).toEqual(['reply']);
    expect(actionsOf(requester, ticket())).toEqual([]);
  });

  it('offers no reply or note on a merged duplicate: staff write on its original', () => {
    expect(actionsOf(supervisor, ticket({ status: 'fusionado' }))).not.toContain('reply');
    expect(actionsOf(operator, ticket({ status: 'fusionado', area: null }))).toEqual([]);
  });
});

describe('mayReclassify', () => {
  const acgiiAgent: WorkspaceActor = { accountId: 'acgii', role: 'agent', area: 'ACGII' };
  const deskAgent: WorkspaceActor = { accountId: 'desk', role: 'agent', area: 'L1' };
  const atAcgii = { status: 'en_curso', area: 'ACGII' } as const;

  it('lets the service desk reclassify wherever the ticket is, and before it is routed', () => {
    expect(mayReclassify(operator, atAcgii, 'L1')).toBe(true);
    expect(mayReclassify(deskAgent, atAcgii, 'L1')).toBe(true);
    expect(mayReclassify(operator, { status: 'abierto', area: null }, 'L1')).toBe(true);
  });

  it('lets agents reclassify only the tickets their area holds', () => {
    expect(mayReclassify(acgiiAgent, atAcgii, 'L1')).toBe(true);
    expect(mayReclassify(uitAgent, atAcgii, 'L1')).toBe(false);
    expect(mayReclassify(upatAgent, { status: 'abierto', area: null }, 'L1')).toBe(false);
    expect(mayReclassify({ ...uitAgent, area: null }, atAcgii, 'L1')).toBe(false);
  });

  it('lets supervisors and administrators reclassify anywhere, and nobody once the ticket is closed', () => {
    expect(mayReclassify(supervisor, atAcgii, 'L1')).toBe(true);
    expect(mayReclassify(admin, { status: 'resuelto', area: 'UIT' }, 'L1')).toBe(true);
    expect(mayReclassify(supervisor, { status: 'cerrado', area: 'L1' }, 'L1')).toBe(false);
    expect(mayReclassify(operator, { status: 'cerrado', area: 'L1' }, 'L1')).toBe(false);
  });

  it('never offers it to requesters or referentes', () => {
    expect(mayReclassify(requester, { status: 'abierto', area: 'L1' }, 'L1')).toBe(false);
    expect(mayReclassify({ accountId: 'ref', role: 'referente', area: null }, atAcgii, 'L1')).toBe(false);
  });
});

describe('ticketFactsOf', () => {
  it('reads the solution and the submission from the timeline', () => {
    const entry = (type: string) => ({ type, at: '', area: 'L1', by: null, details: {}, summary: { es: '', en: '' } });
    const facts = ticketFactsOf({
      status: 'en_curso',
      area: 'L1',
      assignee: { accountId: 'op', name: 'Oscar' },
      waitingOnRequester: false,
      timeline: [entry('ticket.registered'), entry('ticket.solution-proposed')],
    } as Parameters<typeof ticketFactsOf>[0]);
    expect(facts).toEqual({
      status: 'en_curso',
      area: 'L1',
      assigneeId: 'op',
      waitingOnRequester: false,
      hasSolution: true,
      wasResolved: false,
    });
  });
});
