import { RESOLUTION_ACTIONS, type ActorV1, type ResolutionAction, type Role } from '@cau/contracts';
import {
  isMemberOf,
  mayAct,
  mayMerge,
  mayRelate,
  mayReadClosureReport,
  mayReplaceSlaPolicies,
  mayReadSlaPolicies,
  mayWriteInternalNote,
  readsInternalNotes,
} from './permissions.js';

const actor = (role: Role, extra: Partial<ActorV1> = {}): ActorV1 => ({
  accountId: '00000000-0000-4000-8000-000000000001',
  role,
  email: `${role}@cau.gob`,
  name: role,
  ...extra,
});

const requester = actor('requester', { email: 'Ana.Perez@Salud.gob ' });
const otherRequester = actor('requester', { email: 'otro@salud.gob' });
const operator = actor('operator');
const l1Agent = actor('agent', { area: 'L1' });
const uitAgent = actor('agent', { area: 'UIT' });
const adtAgent = actor('agent', { area: 'ADT' });
const supervisor = actor('supervisor');
const admin = actor('admin');
const referente = actor('referente', { jurisdiction: 'SALUD' });
const otherReferente = actor('referente', { jurisdiction: 'EDUCACION' });
const referenteWithoutJurisdiction = actor('referente');

const inL1 = { area: 'L1', requesterEmail: 'ana.perez@salud.gob', jurisdiction: 'SALUD' };
const inUit = { area: 'UIT', requesterEmail: 'ana.perez@salud.gob', jurisdiction: 'SALUD' };

const WORK: ResolutionAction[] = [
  'take',
  'assign',
  'estimate',
  'log-work',
  'register-solution',
  'submit',
  'wait-requester',
  'resume',
];

describe('membership', () => {
  it('makes agents members of their own area and operators members of the service desk', () => {
    expect(isMemberOf(uitAgent, 'UIT')).toBe(true);
    expect(isMemberOf(uitAgent, 'L1')).toBe(false);
    expect(isMemberOf(operator, 'L1')).toBe(true);
    expect(isMemberOf(operator, 'UIT')).toBe(false);
    expect(isMemberOf(l1Agent, 'L1')).toBe(true);
    expect(isMemberOf(supervisor, 'L1')).toBe(false);
    expect(isMemberOf(actor('agent'), 'UIT')).toBe(false);
  });
});

describe('who may act on a ticket', () => {
  it.each(WORK)('%s: members of the area, supervisors and administrators', (action) => {
    expect(mayAct(uitAgent, action, inUit)).toEqual({ allowed: true });
    expect(mayAct(operator, action, inL1)).toEqual({ allowed: true });
    expect(mayAct(supervisor, action, inUit)).toEqual({ allowed: true });
    expect(mayAct(admin, action, inL1)).toEqual({ allowed: true });
  });

  it.each(WORK)('%s: refused to other areas, requesters and referentes, saying who may', (action) => {
    for (const [who, ticket] of [
      [adtAgent, inUit],
      [uitAgent, inL1],
      [operator, inUit],
      [requester, inL1],
      [referente, inL1],
    ] as const) {
      const decision = mayAct(who, action, ticket);
      expect(decision.allowed).toBe(false);
      if (!decision.allowed) {
        expect(decision.refusal).toEqual({ code: 'ticket.members-only', params: { area: ticket.area } });
      }
    }
  });

  it('review (approve closes): only supervisors and administrators (docs/domain.md § Supervisor review and closure)', () => {
    expect(mayAct(supervisor, 'review', inL1).allowed).toBe(true);
    expect(mayAct(admin, 'review', inL1).allowed).toBe(true);
    for (const who of [operator, l1Agent, uitAgent, requester, referente]) {
      expect(mayAct(who, 'review', inL1)).toEqual({
        allowed: false,
        refusal: { code: 'ticket.review-supervisors-only' },
      });
    }
  });

  it('reopen: the ticket’s requester (e-mail compared case-insensitively), its referente, the service desk, supervisors', () => {
    for (const who of [requester, referente, operator, l1Agent, supervisor, admin]) {
      expect(mayAct(who, 'reopen', inL1).allowed).toBe(true);
    }
    for (const who of [otherRequester, otherReferente, referenteWithoutJurisdiction, uitAgent]) {
      expect(mayAct(who, 'reopen', inL1).allowed).toBe(false);
    }
    expect(mayAct(requester, 'reopen', { ...inL1, requesterEmail: null }).allowed).toBe(false);
    expect(mayAct(referente, 'reopen', { ...inL1, jurisdiction: null }).allowed).toBe(false);
  });

  it('accept: only the ticket’s requester or the referente of its jurisdiction', () => {
    for (const who of [requester, referente]) expect(mayAct(who, 'accept', inL1)).toEqual({ allowed: true });
    for (const who of [otherRequester, otherReferente, operator, l1Agent, supervisor, admin]) {
      expect(mayAct(who, 'accept', inL1)).toEqual({
        allowed: false,
        refusal: { code: 'ticket.accept-requester-only' },
      });
    }
  });

  it('survey: only the ticket’s requester', () => {
    expect(mayAct(requester, 'survey', inL1).allowed).toBe(true);
    for (const who of [otherRequester, operator, supervisor, admin, referente]) {
      expect(mayAct(who, 'survey', inL1)).toEqual({
        allowed: false,
        refusal: { code: 'ticket.survey-requester-only' },
      });
    }
  });

  it('lets the requester, its referente and any staff comment, in any area, and nobody else', () => {
    for (const who of [requester, referente, operator, uitAgent, adtAgent, supervisor, admin]) {
      expect(mayAct(who, 'comment', inUit)).toEqual({ allowed: true });
    }
    for (const who of [otherRequester, otherReferente]) {
      expect(mayAct(who, 'comment', inUit)).toEqual({
        allowed: false,
        refusal: { code: 'ticket.comment-not-allowed' },
      });
    }
  });

  it('has a rule for every action', () => {
    for (const action of RESOLUTION_ACTIONS) expect(mayAct(admin, action, inL1)).toHaveProperty('allowed');
  });
});

describe('reading and configuring', () => {
  it('shows the closure report to staff, the ticket’s requester and the referente of its jurisdiction only', () => {
    for (const who of [operator, uitAgent, supervisor, admin, requester, referente]) {
      expect(mayReadClosureReport(who, inL1).allowed).toBe(true);
    }
    for (const who of [otherRequester, otherReferente]) expect(mayReadClosureReport(who, inL1).allowed).toBe(false);
  });

  it('lets staff read the SLA policies and only administrators replace them', () => {
    expect(mayReadSlaPolicies(operator).allowed).toBe(true);
    expect(mayReadSlaPolicies(requester).allowed).toBe(false);
    expect(mayReplaceSlaPolicies(admin).allowed).toBe(true);
    for (const who of [supervisor, operator, uitAgent]) expect(mayReplaceSlaPolicies(who).allowed).toBe(false);
  });
});

describe('internal notes', () => {
  it('are written and read by staff only', () => {
    for (const who of [operator, uitAgent, supervisor, admin]) {
      expect(mayWriteInternalNote(who)).toEqual({ allowed: true });
      expect(readsInternalNotes(who)).toBe(true);
    }
    for (const who of [requester, referente]) {
      expect(mayWriteInternalNote(who)).toEqual({
        allowed: false,
        refusal: { code: 'ticket.internal-note-staff-only' },
      });
      expect(readsInternalNotes(who)).toBe(false);
    }
  });
});

describe('related tickets and merging a duplicate (issue 12)', () => {
  it('lets any staff relate tickets, and neither requesters nor referentes', () => {
    for (const who of [operator, uitAgent, supervisor, admin]) {
      expect(mayRelate(who)).toEqual({ allowed: true });
      expect(mayAct(who, 'link', inUit)).toEqual({ allowed: true });
      expect(mayAct(who, 'unlink', inUit)).toEqual({ allowed: true });
    }
    for (const who of [requester, referente]) {
      expect(mayRelate(who)).toEqual({ allowed: false, refusal: { code: 'ticket.relate-staff-only' } });
    }
  });

  it('lets the service desk, supervisors and administrators merge anywhere', () => {
    for (const who of [operator, supervisor, admin]) {
      expect(mayMerge(who, { area: 'UIT' }, { area: 'ADT' })).toEqual({ allowed: true });
      expect(mayAct(who, 'merge', inUit)).toEqual({ allowed: true });
    }
  });

  it('lets an area’s agents merge only when their area holds both tickets', () => {
    expect(mayMerge(uitAgent, { area: 'UIT' }, { area: 'UIT' })).toEqual({ allowed: true });
    expect(mayMerge(uitAgent, { area: 'UIT' }, { area: 'L1' })).toEqual({
      allowed: false,
      refusal: { code: 'ticket.merge-not-allowed' },
    });
    expect(mayMerge(uitAgent, { area: 'L1' }, { area: 'L1' }).allowed).toBe(false);
    expect(mayMerge(adtAgent, { area: 'UIT' }, { area: 'UIT' }).allowed).toBe(false);
    expect(mayMerge(uitAgent, { area: 'UIT' }, { area: null }).allowed).toBe(false);
    expect(mayAct(adtAgent, 'merge', inUit).allowed).toBe(false);
  });

  it('never lets requesters or referentes merge', () => {
    for (const who of [requester, referente]) {
      expect(mayMerge(who, { area: 'L1' }, { area: 'L1' }).allowed).toBe(false);
      expect(mayAct(who, 'merge', inL1).allowed).toBe(false);
    }
  });
});
