import { randomUUID } from 'node:crypto';
import type { ActorV1, Role, TicketClassificationV1 } from '@cau/contracts';
import { DEFAULT_PRIORITY_MATRIX } from '../priority/priority-matrix.js';
import { mayReclassify, mayReclassifyIn, reclassified } from './reclassification.js';

const actor = (role: Role, area?: string): ActorV1 => ({
  accountId: randomUUID(),
  role,
  email: `${role}@cau.gob`,
  name: role,
  ...(area ? { area } : {}),
});

describe('who may reclassify a ticket', () => {
  it.each(['operator', 'supervisor', 'admin'] as const)('lets a %s reclassify a ticket in any area', (role) => {
    for (const area of ['L1', 'UIT', 'ACGII'])
      expect(mayReclassifyIn(actor(role), area, 'L1')).toEqual({ allowed: true });
  });

  it('lets an agent reclassify the tickets their area holds, and the service desk’s agents any ticket', () => {
    expect(mayReclassifyIn(actor('agent', 'ACGII'), 'ACGII', 'L1')).toEqual({ allowed: true });
    expect(mayReclassifyIn(actor('agent', 'L1'), 'UIT', 'L1')).toEqual({ allowed: true });
    expect(mayReclassifyIn(actor('agent', 'UPAT'), 'UIT', 'L1')).toEqual({
      allowed: false,
      refusal: { code: 'routing.agent-own-area-classify', params: { ownArea: 'UPAT', area: 'UIT' } },
    });
    expect(mayReclassifyIn(actor('agent'), 'UIT', 'L1')).toEqual({
      allowed: false,
      refusal: { code: 'routing.agent-without-area' },
    });
  });

  it.each(['requester', 'referente'] as const)('refuses a %s before looking at the ticket', (role) => {
    const refusal = { allowed: false, refusal: { code: 'routing.requesters-do-not-classify' } };
    expect(mayReclassify(actor(role))).toEqual(refusal);
    expect(mayReclassifyIn(actor(role), 'L1', 'L1')).toEqual(refusal);
  });
});

describe('the classification after a correction', () => {
  const current: TicketClassificationV1 = {
    type: 'incidente',
    category: 'correo',
    impact: 'medio',
    urgency: 'media',
    priority: 'MEDIA',
  };

  it('recomputes the priority from the matrix with the new impact and urgency', () => {
    expect(reclassified(current, { impact: 'alto' }, DEFAULT_PRIORITY_MATRIX)).toEqual({
      ...current,
      impact: 'alto',
      priority: 'ALTA',
    });
    expect(reclassified(current, { urgency: 'baja' }, DEFAULT_PRIORITY_MATRIX)).toEqual({
      ...current,
      urgency: 'baja',
      priority: 'BAJA',
    });
  });

  it('keeps the fields not given, and the priority when impact and urgency stay', () => {
    expect(
      reclassified(current, { type: 'incidente_seguridad', category: ' seguridad ' }, DEFAULT_PRIORITY_MATRIX),
    ).toEqual({ ...current, type: 'incidente_seguridad', category: 'seguridad' });
  });

  it('takes the matrix it is given, not the default', () => {
    const flat = {
      alto: { alta: 'BAJA', media: 'BAJA', baja: 'BAJA' },
      medio: { alta: 'BAJA', media: 'BAJA', baja: 'BAJA' },
      bajo: { alta: 'BAJA', media: 'BAJA', baja: 'BAJA' },
    } as const;
    expect(reclassified(current, { impact: 'alto' }, flat)?.priority).toBe('BAJA');
  });

  it('is null when nothing changes: no field, or only the values the ticket has', () => {
    expect(reclassified(current, {}, DEFAULT_PRIORITY_MATRIX)).toBeNull();
    expect(
      reclassified(current, { type: 'incidente', category: 'correo ', impact: 'medio' }, DEFAULT_PRIORITY_MATRIX),
    ).toBeNull();
  });
});
