import {
  IntakeRpc,
  ErrorCode,
  ProcedureEvents,
  RoutingRpc,
  type ActorV1,
  type ReclassifyTicketBodyV1,
} from '@cau/contracts';
import { intakeService } from '../../intake/src/intake.service.js';
import { RoutingHarness, actor } from './support.js';

const operator = actor('operator');
const supervisor = actor('supervisor');
const agentOf = (area: string) => actor('agent', { area });

describe('routing: reclassification', () => {
  let h: RoutingHarness;

  beforeAll(async () => {
    h = await RoutingHarness.start('routing-reclassify');
    // Intake owns the catalogue a new category is checked against.
    await h.bench.start(intakeService);
  });

  afterAll(async () => {
    await h?.stop();
  });

  const reclassify = (by: ActorV1, number: number, body: ReclassifyTicketBodyV1) =>
    h.request(RoutingRpc.Reclassify, { actor: by, number, body });
  const locate = (number: number) => h.request(RoutingRpc.Locate, { actor: operator, number });
  const derive = (by: ActorV1, number: number, to: string) =>
    h.request(RoutingRpc.Derive, { actor: by, number, body: { to, reason: `a ${to}` } });

  it('9.2 3.C: ACGII reclassifies a ticket it holds to ALTA; the priority and the event follow', async () => {
    const ticket = await h.register({ type: 'incidente', category: 'correo', impact: 'medio', urgency: 'media' });
    await derive(operator, ticket.number, 'UIT');
    await derive(agentOf('UIT'), ticket.number, 'ACGII');
    const acgii = agentOf('ACGII');

    const current = await reclassify(acgii, ticket.number, {
      type: 'incidente_seguridad',
      impact: 'alto',
      reason: '  Phishing dirigido: credenciales expuestas ',
    });
    expect(current).toEqual({
      type: 'incidente_seguridad',
      category: 'correo',
      impact: 'alto',
      urgency: 'media',
      priority: 'ALTA',
    });
    expect((await locate(ticket.number)).priority).toBe('ALTA');
    expect(
      (
        await h.db.query('SELECT type, category, impact, urgency, priority FROM routing.tickets WHERE number = $1', [
          ticket.number,
        ])
      ).rows,
    ).toEqual([current]);

    // routed, two derivations, then the reclassification, on its area's subject.
    const events = await h.eventsWhenThere(ticket.ticketId, 4);
    const event = events[3]!;
    expect(event.type).toBe(ProcedureEvents.TicketReclassified.type);
    expect(event.subject).toBe(h.eventSubject(ProcedureEvents.TicketReclassified.type, 'ACGII'));
    expect(event.data).toEqual({
      ticketId: ticket.ticketId,
      number: ticket.number,
      by: { accountId: acgii.accountId, name: acgii.name, role: 'agent', email: acgii.email },
      at: expect.any(String),
      area: 'ACGII',
      previous: { type: 'incidente', category: 'correo', impact: 'medio', urgency: 'media', priority: 'MEDIA' },
      current,
      reason: 'Phishing dirigido: credenciales expuestas',
    });
  });

  it('lets the service desk reclassify wherever the ticket is, and a ticket that arrived by e-mail', async () => {
    const ticket = await h.register({
      channel: 'email',
      category: 'correo-electronico',
      impact: 'bajo',
      urgency: 'baja',
    });
    expect(
      await reclassify(operator, ticket.number, { category: 'impresoras', urgency: 'alta', reason: 'Clasificado' }),
    ).toMatchObject({ category: 'impresoras', impact: 'bajo', urgency: 'alta', priority: 'MEDIA' });
    await derive(operator, ticket.number, 'UIT');
    expect(await reclassify(operator, ticket.number, { impact: 'medio', reason: 'Afecta a un área' })).toMatchObject({
      priority: 'ALTA',
    });
    expect(await reclassify(supervisor, ticket.number, { impact: 'bajo', reason: 'Corrección' })).toMatchObject({
      priority: 'MEDIA',
    });
    expect(await reclassify(agentOf('L1'), ticket.number, { urgency: 'baja', reason: 'Corrección' })).toMatchObject({
      priority: 'BAJA',
    });
  });

  it('refuses other areas’ agents, requesters and referentes, and changes nothing', async () => {
    const ticket = await h.register();
    await derive(operator, ticket.number, 'UIT');
    const body = { impact: 'alto', reason: 'Es grave' };
    expect(
      await h.refusal(RoutingRpc.Reclassify, { actor: agentOf('ADT'), number: ticket.number, body }),
    ).toMatchObject({
      payload: {
        code: ErrorCode.Forbidden,
        refusal: { code: 'routing.agent-own-area-classify', params: { ownArea: 'ADT', area: 'UIT' } },
      },
    });
    for (const who of [
      actor('requester', { email: 'ana.perez@salud.gob' }),
      actor('referente', { jurisdiction: 'SALUD' }),
    ]) {
      expect(await h.refusal(RoutingRpc.Reclassify, { actor: who, number: ticket.number, body })).toMatchObject({
        payload: {
          code: ErrorCode.Forbidden,
          refusal: { code: 'routing.requesters-do-not-classify' },
        },
      });
    }
    expect((await locate(ticket.number)).priority).toBe('ALTA');
    expect((await h.events(ticket.ticketId)).map((e) => e.type)).not.toContain(ProcedureEvents.TicketReclassified.type);
  });

  it('refuses a correction that changes nothing, naming the body, and an unknown ticket', async () => {
    const ticket = await h.register({ type: 'incidente', impact: 'medio', urgency: 'alta' });
    for (const body of [{ reason: 'Nada' }, { type: 'incidente', impact: 'medio', reason: 'Igual' }]) {
      expect(await h.refusal(RoutingRpc.Reclassify, { actor: operator, number: ticket.number, body })).toMatchObject({
        payload: { code: ErrorCode.Validation, fields: [{ field: 'body', constraint: 'classificationUnchanged' }] },
      });
    }
    expect(
      await h.refusal(RoutingRpc.Reclassify, { actor: operator, number: ticket.number, body: { impact: 'alto' } }),
    ).toMatchObject({
      payload: { code: ErrorCode.Validation, fields: [expect.objectContaining({ field: 'body.reason' })] },
    });
    expect(
      await h.refusal(RoutingRpc.Reclassify, {
        actor: operator,
        number: 999_999,
        body: { impact: 'alto', reason: 'x' },
      }),
    ).toMatchObject({ payload: { code: ErrorCode.NotFound } });
  });

  it('takes only an active category of the catalogue as a new one, while a ticket keeps a retired one', async () => {
    const ticket = await h.register({ category: 'correo', impact: 'bajo', urgency: 'baja' });
    const refused = (category: string) =>
      h.refusal(RoutingRpc.Reclassify, {
        actor: operator,
        number: ticket.number,
        body: { category, reason: 'Otra categoría' },
      });
    expect(await refused('inventada')).toMatchObject({
      payload: {
        code: ErrorCode.Validation,
        fields: [{ field: 'category', constraint: 'inactiveCatalogueValue', params: ['category', 'inventada'] }],
      },
    });
    const admin = actor('admin');
    await h.request(IntakeRpc.SetCatalogueEntryRetired, {
      actor: admin,
      kind: 'category',
      code: 'impresoras',
      retired: true,
    });
    try {
      expect(await refused('impresoras')).toMatchObject({
        payload: { fields: [{ field: 'category', constraint: 'inactiveCatalogueValue' }] },
      });
    } finally {
      await h.request(IntakeRpc.SetCatalogueEntryRetired, {
        actor: admin,
        kind: 'category',
        code: 'impresoras',
        retired: false,
      });
    }
    // "correo" is not in the catalogue, yet the ticket keeps it while other fields are corrected.
    expect(await reclassify(operator, ticket.number, { urgency: 'alta', reason: 'Más urgente' })).toMatchObject({
      category: 'correo',
      urgency: 'alta',
    });
    const stored = await h.db.query('SELECT category FROM routing.tickets WHERE number = $1', [ticket.number]);
    expect(stored.rows).toEqual([{ category: 'correo' }]);
  });
});
