import { randomUUID } from 'node:crypto';
import type { ActorV1, Role } from '@cau/contracts';
import {
  DEFAULT_ESCALATION_GRAPH as G,
  checkDerivation,
  type DerivationCheck,
} from '../escalation/escalation-graph.js';
import { mayDerive, mayDeriveFrom, refusedDerivationDetail } from './derivation-policy.js';

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
      reason: 'un operador solo deriva tickets que están en L1; este está en UIT',
    });
  });

  it('lets an agent derive from their own area only', () => {
    expect(mayDeriveFrom(actor('agent', 'UIT'), 'UIT', 'L1')).toEqual({ allowed: true });
    expect(mayDeriveFrom(actor('agent', 'ADT'), 'UIT', 'L1')).toEqual({
      allowed: false,
      reason: 'un agente solo deriva tickets de su área (ADT); este está en UIT',
    });
    expect(mayDeriveFrom(actor('agent', 'L1'), 'L1', 'L1')).toEqual({ allowed: true });
    expect(mayDeriveFrom(actor('agent'), 'UIT', 'L1')).toEqual({
      allowed: false,
      reason: 'la cuenta de agente no tiene un área asignada',
    });
  });

  it.each(['requester', 'referente'] as const)('never lets a %s derive', (role) => {
    const refusal = { allowed: false, reason: 'los solicitantes y referentes no derivan tickets' };
    expect(mayDerive(actor(role))).toEqual(refusal);
    for (const from of AREAS) expect(mayDeriveFrom(actor(role, from), from, 'L1')).toEqual(refusal);
  });

  it.each(['operator', 'agent', 'supervisor', 'admin'] as const)('lets a %s through the role check', (role) => {
    expect(mayDerive(actor(role))).toEqual({ allowed: true });
  });
});

describe('refused derivation detail', () => {
  const refused = (from: string, to: string, kind?: 'escalate' | 'coordinate' | 'return') => {
    const check = checkDerivation(G, from, to, kind) as Extract<DerivationCheck, { allowed: false }>;
    return refusedDerivationDetail(from, to, kind, check);
  };

  it('names the allowed targets of a missing edge', () => {
    expect(refused('L1', 'UPAT')).toBe('no se puede derivar de L1 a UPAT; destinos permitidos: UIT, ADT');
  });

  it('says when the target area does not exist', () => {
    expect(refused('L1', 'DGSI')).toBe(
      'no se puede derivar de L1 a DGSI: el área DGSI no existe; destinos permitidos: UIT, ADT',
    );
  });

  it('names the targets of the requested kind when the edge has another kind', () => {
    expect(refused('UIT', 'L1', 'escalate')).toBe(
      'no se puede derivar de UIT a L1 como escalamiento; destinos permitidos como escalamiento: UPAT, ACGII',
    );
    expect(refused('UPAT', 'UIT', 'return')).toBe(
      'no se puede derivar de UPAT a UIT como devolución; destinos permitidos como devolución: ninguno',
    );
  });
});
