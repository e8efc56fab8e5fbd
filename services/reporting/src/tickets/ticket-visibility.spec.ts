import { randomUUID } from 'node:crypto';
import { Role, type ActorV1 } from '@cau/contracts';
import { mayView, visibilityOf } from './ticket-visibility.js';

const actor = (role: ActorV1['role'], extra: Partial<ActorV1> = {}): ActorV1 => ({
  accountId: randomUUID(),
  role,
  email: 'Ana.Perez@Salud.gob',
  name: 'Ana Pérez',
  ...extra,
});
const ticket = { requesterEmail: 'ana.perez@salud.gob', jurisdiction: 'SALUD' };
const othersTicket = { requesterEmail: 'otro@educacion.gob', jurisdiction: 'EDUCACION' };

describe('ticket visibility', () => {
  it.each([Role.Operator, Role.Agent, Role.Supervisor, Role.Admin])('lets %s see every ticket', (role) => {
    expect(visibilityOf(actor(role))).toEqual({ kind: 'all' });
    expect(mayView(actor(role), ticket)).toEqual({ allowed: true });
    expect(mayView(actor(role), othersTicket)).toEqual({ allowed: true });
  });

  it('lets a requester see their own tickets, comparing e-mails case-insensitively', () => {
    const requester = actor(Role.Requester);
    expect(visibilityOf(requester)).toEqual({ kind: 'requester', email: 'ana.perez@salud.gob' });
    expect(mayView(requester, ticket)).toEqual({ allowed: true });
    expect(mayView(requester, { ...ticket, requesterEmail: 'ANA.PEREZ@SALUD.GOB' })).toEqual({ allowed: true });
  });

  it("refuses a requester someone else's ticket, even in their own jurisdiction", () => {
    const decision = mayView(actor(Role.Requester), { ...ticket, requesterEmail: 'colega@salud.gob' });
    expect(decision).toEqual({ allowed: false, refusal: { code: 'ticket.requester-own-only' } });
  });

  it("lets a referente see their jurisdiction's tickets, whoever asked for them", () => {
    const referente = actor(Role.Referente, { jurisdiction: 'SALUD' });
    expect(visibilityOf(referente)).toEqual({ kind: 'jurisdiction', jurisdiction: 'SALUD' });
    expect(mayView(referente, { ...ticket, requesterEmail: 'colega@salud.gob' })).toEqual({ allowed: true });
  });

  it('refuses a referente the tickets of another jurisdiction, naming their own', () => {
    const decision = mayView(actor(Role.Referente, { jurisdiction: 'SALUD' }), othersTicket);
    expect(decision).toEqual({
      allowed: false,
      refusal: { code: 'ticket.referente-jurisdiction-only', params: { jurisdiction: 'SALUD' } },
    });
  });

  it('shows nothing to a referente without a jurisdiction', () => {
    const referente = actor(Role.Referente);
    expect(visibilityOf(referente).kind).toBe('none');
    expect(mayView(referente, ticket).allowed).toBe(false);
  });
});
