import { randomUUID } from 'node:crypto';
import type { ActorV1, Role } from '@cau/contracts';
import { mayViewTicket, mustBeAdmin, mustBeStaff } from './access-policy.js';

const actor = (role: Role, extra: Partial<ActorV1> = {}): ActorV1 => ({
  accountId: randomUUID(),
  role,
  email: 'Ana.Perez@Salud.gob',
  name: 'Ana',
  ...extra,
});
const ticket = { requesterEmail: 'ana.perez@salud.gob', jurisdiction: 'SALUD' };

describe('access policy', () => {
  it.each(['operator', 'agent', 'supervisor', 'admin'] as const)('lets %s consult areas and advice', (role) => {
    expect(mustBeStaff(actor(role))).toEqual({ allowed: true });
  });

  it.each(['requester', 'referente'] as const)('keeps %s out of the working data', (role) => {
    expect(mustBeStaff(actor(role))).toMatchObject({ allowed: false });
  });

  it('lets only administrators configure areas and the graph', () => {
    expect(mustBeAdmin(actor('admin'))).toEqual({ allowed: true });
    for (const role of ['operator', 'agent', 'supervisor', 'requester', 'referente'] as const) {
      expect(mustBeAdmin(actor(role))).toEqual({
        allowed: false,
        refusal: { code: 'routing.graph-admins-only' },
      });
    }
  });

  it('shows staff every ticket', () => {
    expect(mayViewTicket(actor('agent'), { requesterEmail: null, jurisdiction: null })).toEqual({ allowed: true });
  });

  it('shows a requester their own tickets only (e-mail compared case-insensitively)', () => {
    expect(mayViewTicket(actor('requester'), ticket)).toEqual({ allowed: true });
    expect(mayViewTicket(actor('requester', { email: 'otra@salud.gob' }), ticket)).toMatchObject({ allowed: false });
    expect(mayViewTicket(actor('requester'), { ...ticket, requesterEmail: null })).toMatchObject({ allowed: false });
  });

  it('shows a referente the tickets of their jurisdiction only', () => {
    expect(mayViewTicket(actor('referente', { jurisdiction: 'SALUD' }), ticket)).toEqual({ allowed: true });
    expect(mayViewTicket(actor('referente', { jurisdiction: 'EDUCACION' }), ticket)).toEqual({
      allowed: false,
      refusal: { code: 'ticket.referente-jurisdiction-only', params: { jurisdiction: 'EDUCACION' } },
    });
    expect(mayViewTicket(actor('referente'), ticket)).toMatchObject({ allowed: false });
  });
});
