import { randomUUID } from 'node:crypto';
import type { ActorV1, Role } from '@cau/contracts';
import {
  DEFAULT_ESCALATION_GRAPH as G,
  checkDerivation,
  type DerivationCheck,
} from '../escalation/escalation-graph.js';
import { mayDerive, mayDeriveFrom, refusedDerivation } from './derivation-policy.js';

const actor = (role: Role, area?: string): ActorV1 => ({
  accountId: randomUUID(),
  role,
  email: `${role}@cau.gob`,
  name: role,
  ...(area ? { area } : {}),
});
const AREAS = ['L1', 'UIT', 'UPAT', 'ACGII', 'ADT'];

describe('who may derive a ticket', () => {
  it.each(['supervisor', 'admin'] as const)('lets a %s derive from any area', (role) => {
    for (const from of AREAS) expect(mayDeriveFrom(actor(role), from, 'L1')).toEqual({ allowed: true });
  });

  it('lets an operator derive from the entry area only', () => {
    expect(mayDeriveFrom(actor('operator'), 'L1', 'L1')).toEqual({ allowed: true });
    expect(mayDeriveFrom(actor('operator'), 'UIT', 'L1')).toEqual({
      allowed: false,
      refusal: { code: 'routing.operator-entry-area-only', params: { entryArea: 'L1', area: 'UIT' } },
    });
  });

  it('lets an agent derive from their own area only', () => {
    expect(mayDeriveFrom(actor('agent', 'UIT'), 'UIT', 'L1')).toEqual({ allowed: true });
    expect(mayDeriveFrom(actor('agent', 'ADT'), 'UIT', 'L1')).toEqual({
      allowed: false,
      refusal: { code: 'routing.agent-own-area-derive', params: { ownArea: 'ADT', area: 'UIT' } },
    });
    expect(mayDeriveFrom(actor('agent', 'L1'), 'L1', 'L1')).toEqual({ allowed: true });
    expect(mayDeriveFrom(actor('agent'), 'UIT', 'L1')).toEqual({
      allowed: false,
      refusal: { code: 'routing.agent-without-area' },
    });
  });

  it.each(['requester', 'referente'] as const)('never lets a %s derive', (role) => {
    const refusal = { allowed: false, refusal: { code: 'routing.requesters-do-not-derive' } };
    expect(mayDerive(actor(role))).toEqual(refusal);
    for (const from of AREAS) expect(mayDeriveFrom(actor(role, from), from, 'L1')).toEqual(refusal);
  });

  it.each(['operator', 'agent', 'supervisor', 'admin'] as const)('lets a %s through the role check', (role) => {
    expect(mayDerive(actor(role))).toEqual({ allowed: true });
  });
});

describe('refused derivation', () => {
  const refused = (from: string, to: string, kind?: 'escalate' | 'coordinate' | 'return') => {
    const check = checkDerivation(G, from, to, kind) as Extract<DerivationCheck, { allowed: false }>;
    return refusedDerivation(from, to, kind, check);
  };

  it('names the allowed targets of a missing edge', () => {
    expect(refused('L1', 'UPAT')).toEqual({
      code: 'routing.no-edge',
      params: { from: 'L1', to: 'UPAT', allowed: ['UIT', 'ADT'] },
    });
  });

  it('says when the target area does not exist', () => {
    expect(refused('L1', 'DGSI')).toEqual({
      code: 'routing.unknown-area',
      params: { from: 'L1', to: 'DGSI', allowed: ['UIT', 'ADT'] },
    });
  });

  it('names the targets of the requested kind when the edge has another kind', () => {
    expect(refused('UIT', 'L1', 'escalate')).toEqual({
      code: 'routing.wrong-kind',
      params: { from: 'UIT', to: 'L1', kind: 'escalate', allowed: ['UPAT', 'ACGII'] },
    });
    expect(refused('UPAT', 'UIT', 'return')).toEqual({
      code: 'routing.wrong-kind',
      params: { from: 'UPAT', to: 'UIT', kind: 'return', allowed: [] },
    });
  });
});
