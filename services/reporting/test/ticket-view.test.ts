import { randomUUID } from 'node:crypto';
import { ErrorCode, ProcedureEvents, ReportingRpc, type ActorV1, type TicketViewV1 } from '@cau/contracts';
import { ReportingHarness, staff } from './support.js';

describe('reporting: ticket view fed by events', () => {
  let h: ReportingHarness;

  beforeAll(async () => {
    h = await ReportingHarness.start('reportingview');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const get = (number: number, actor = staff()) => h.rpc.request(ReportingRpc.TicketByNumber, { actor, number });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: { payload?: unknown }) => error.payload,
    );

  it('shows a registered and routed ticket in full', async () => {
    const registration = h.registration({
      reportedBy: { email: 'referente@salud.gob', name: 'Referente Salud' },
      attachments: [{ url: 'https://docs.salud.gob/captura.png', name: 'captura', mediaType: 'image/png' }],
      service: 'correo-institucional',
    });
    const registered = h.registered(registration, 1, '2025-03-10T12:00:01.000Z');
    const routed = h.routed(h.routing(registration), 1, '2025-03-10T12:05:01.000Z');
    await h.feed(registered, routed);

    expect(await get(registration.number)).toEqual({
      ticketId: registration.ticketId,
      number: registration.number,
      title: registration.title,
      description: registration.description,
      channel: 'telefono',
      type: 'incidente',
      category: 'correo',
      service: 'correo-institucional',
      impact: 'medio',
      urgency: 'alta',
      priority: 'ALTA',
      area: 'UIT',
      status: 'abierto',
      overdue: false,
      jurisdiction: 'SALUD',
      requester: registration.requester,
      reportedBy: registration.reportedBy,
      registeredBy: registration.registeredBy,
      attachments: registration.attachments,
      registeredAt: registration.registeredAt,
      routedAt: '2025-03-10T12:05:00.000Z',
      updatedAt: '2025-03-10T12:05:01.000Z',
      assignee: null,
      waitingOnRequester: false,
      relatedTickets: [],
      mergedInto: null,
      mergedTickets: [],
      timeline: [
        {
          at: registration.registeredAt,
          type: 'ticket.registered',
          by: registration.registeredBy,
          area: null,
          summary: {
            es: 'Registrado por Operadora (canal: Teléfono)',
            en: 'Registered by Operadora (channel: Phone)',
          },
          details: {
            channel: 'telefono',
            type: 'incidente',
            category: 'correo',
            impact: 'medio',
            urgency: 'alta',
            jurisdiction: 'SALUD',
          },
        },
        {
          at: '2025-03-10T12:05:00.000Z',
          type: 'ticket.routed',
          by: null,
          area: 'UIT',
          summary: { es: 'Asignado a UIT, prioridad alta', en: 'Assigned to UIT, priority high' },
          details: { priority: 'ALTA' },
        },
      ],
    });
  });

  it('shows a registered ticket before routing has seen it, without priority or area', async () => {
    const registration = h.registration();
    await h.feed(h.registered(registration));
    expect(await get(registration.number)).toMatchObject({ priority: null, area: null, routedAt: null });
  });

  it('reaches the same view when routing is seen before registration, and hides the ticket until then', async () => {
    const inOrder = h.registration();
    const reversed = h.registration();
    const at = { registered: '2025-03-10T12:00:01.000Z', routed: '2025-03-10T12:05:01.000Z' };
    await h.feed(h.registered(inOrder, 1, at.registered), h.routed(h.routing(inOrder), 1, at.routed));

    await h.feed(h.routed(h.routing(reversed), 1, at.routed));
    const partial = await h.db.query<{ number: string | null; priority: string; title: string | null }>(
      'SELECT number, priority, title FROM reporting.ticket_view WHERE ticket_id = $1',
      [reversed.ticketId],
    );
    expect(partial.rows).toEqual([{ number: null, priority: 'ALTA', title: null }]);
    expect(await refusal(get(reversed.number))).toMatchObject({ code: ErrorCode.NotFound });
    const listed = await h.rpc.request(ReportingRpc.TicketList, {
      actor: staff(),
      filters: { area: 'UIT', limit: 100 },
    });
    expect(listed.items.map((t) => t.ticketId)).not.toContain(reversed.ticketId);

    await h.feed(h.registered(reversed, 1, at.registered));
    const strip = ({ ticketId: _id, number: _n, ...rest }: TicketViewV1) => rest;
    expect(strip(await get(reversed.number))).toEqual(strip(await get(inOrder.number)));
  });

  it('applies an event delivered twice only once', async () => {
    const registration = h.registration({ title: 'Pantalla azul' });
    const registered = h.registered(registration);
    await h.feed(registered);
    const before = await get(registration.number);
    const duplicates = async () =>
      (await h.service.runtime.metrics.eventsHandled.get()).values.find((v) => v.labels.outcome === 'duplicate')
        ?.value ?? 0;
    const duplicatesBefore = await duplicates();

    // Same Nats-Msg-Id: JetStream drops it. A new one: a redelivery past the de-duplication window,
    // which only the consumer's inbox can recognise.
    await h.publish(registered);
    await h.publish(registered, `${registered.id}-late`);
    const marker = h.registered(h.registration());
    await h.feed(marker);

    expect(await duplicates()).toBe(duplicatesBefore + 1);
    const inbox = await h.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM reporting.inbox WHERE event_id = $1',
      [registered.id],
    );
    expect(inbox.rows[0]!.n).toBe(1);
    expect(await get(registration.number)).toEqual(before);
  });

  it('keeps the newer routing when an older routed event arrives late', async () => {
    const registration = h.registration();
    const older = h.routed(h.routing(registration, { priority: 'ALTA', area: 'L1' }), 1, '2025-03-10T12:05:00.000Z');
    const newer = h.routed(
      h.routing(registration, { priority: 'MEDIA', area: 'UPAT', routedAt: '2025-03-10T13:00:00.000Z' }),
      2,
      '2025-03-10T13:00:01.000Z',
    );
    await h.feed(h.registered(registration), newer, older);

    expect(await get(registration.number)).toMatchObject({
      priority: 'MEDIA',
      area: 'UPAT',
      routedAt: '2025-03-10T13:00:00.000Z',
    });
    const position = await h.db.query<{ sequence: string }>(
      `SELECT sequence FROM reporting.event_positions WHERE ticket_id = $1 AND source = 'routing'`,
      [registration.ticketId],
    );
    expect(position.rows[0]!.sequence).toBe('2');
  });

  it("does not let one producer's order hold back another's", async () => {
    // Routing has already numbered several events for this ticket; intake's first is still applied.
    const registration = h.registration();
    await h.feed(h.routed(h.routing(registration, { area: 'ADT' }), 5));
    await h.feed(h.registered(registration, 1));
    expect(await get(registration.number)).toMatchObject({ title: registration.title, area: 'ADT' });
  });

  describe('get by number', () => {
    let own: number;
    let colleagues: number;
    let otherJurisdiction: number;

    beforeAll(async () => {
      const tickets = [
        h.registration({ requester: { email: 'Rosa.Diaz@Salud.gob', name: 'Rosa Díaz' } }),
        h.registration({ requester: { email: 'colega@salud.gob', name: 'Colega' } }),
        h.registration({ requester: { email: 'rosa.diaz@salud.gob', name: 'Rosa Díaz' }, jurisdiction: 'EDUCACION' }),
      ];
      await h.feed(...tickets.map((t) => h.registered(t)));
      [own, colleagues, otherJurisdiction] = tickets.map((t) => t.number) as [number, number, number];
    });

    const requester: ActorV1 = {
      accountId: randomUUID(),
      role: 'requester',
      email: 'ROSA.DIAZ@salud.gob',
      name: 'Rosa',
    };
    const referente = { ...staff('referente'), jurisdiction: 'SALUD' };

    it('answers NOT_FOUND for a number never registered', async () => {
      expect(await refusal(get(999_999))).toEqual({
        code: ErrorCode.NotFound,
        params: { resource: 'ticket', id: 999_999 },
      });
    });

    it.each(['operator', 'agent', 'supervisor', 'admin'] as const)('lets %s read any ticket', async (role) => {
      expect((await get(otherJurisdiction, staff(role))).jurisdiction).toBe('EDUCACION');
    });

    it('lets a requester read their own tickets only, whatever the e-mail case', async () => {
      expect((await get(own, requester)).number).toBe(own);
      expect((await get(otherJurisdiction, requester)).number).toBe(otherJurisdiction);
      expect(await refusal(get(colleagues, requester))).toEqual({
        code: ErrorCode.Forbidden,
        refusal: { code: 'ticket.requester-own-only' },
      });
    });

    it('lets a referente read the tickets of their jurisdiction only', async () => {
      expect((await get(colleagues, referente)).number).toBe(colleagues);
      expect(await refusal(get(otherJurisdiction, referente))).toEqual({
        code: ErrorCode.Forbidden,
        refusal: { code: 'ticket.referente-jurisdiction-only', params: { jurisdiction: 'SALUD' } },
      });
    });

    it.each([
      ['a number of 0', { number: 0 }, 'number'],
      ['a fractional number', { number: 1.5 }, 'number'],
      ['a number as text', { number: '1' }, 'number'],
      ['a number beyond bigint', { number: 1e20 }, 'number'],
      ['an unknown field', { number: 1, sql: 'DROP TABLE' }, 'sql'],
    ])('refuses %s with VALIDATION', async (_what, body, field) => {
      const payload = await refusal(h.rpc.send(ReportingRpc.TicketByNumber.subject, { actor: staff(), ...body }));
      expect(payload).toMatchObject({ code: ErrorCode.Validation, fields: [expect.objectContaining({ field })] });
    });

    it('refuses a query without an actor', async () => {
      expect(await refusal(h.rpc.send(ReportingRpc.TicketByNumber.subject, { number: own }))).toMatchObject({
        code: ErrorCode.Validation,
      });
    });
  });

  it('keeps internal notes from the requester and the referente, and shows staff the note and the reply', async () => {
    const registration = h.registration({ requester: { email: 'marta.luna@salud.gob', name: 'Marta Luna' } });
    const agent = { accountId: randomUUID(), name: 'Agente UIT', role: 'agent', email: 'agente@cau.gob' };
    const comment = (text: string, sequence: number, internal?: boolean) =>
      h.procedure(
        ProcedureEvents.TicketCommented,
        {
          ticketId: registration.ticketId,
          number: registration.number,
          by: agent,
          at: `2025-03-10T13:0${sequence}:00.000Z`,
          area: 'L1',
          status: 'abierto',
          commentId: randomUUID(),
          text,
          channel: 'portal',
          reopens: false,
          ...(internal === undefined ? {} : { internal }),
        },
        sequence,
      );
    await h.feed(
      h.registered(registration, 1, '2025-03-10T12:00:01.000Z'),
      comment('El usuario ya llamó tres veces', 1, true),
      comment('Estamos revisando el servidor', 2),
    );
    const comments = (view: TicketViewV1) =>
      view.timeline.filter((entry) => entry.type === 'ticket.commented').map((entry) => entry.summary.es);
    expect(comments(await get(registration.number))).toEqual([
      'Nota interna de Agente UIT: El usuario ya llamó tres veces',
      'Respuesta de Agente UIT (canal: Portal): Estamos revisando el servidor',
    ]);
    const requester: ActorV1 = { ...staff('requester'), email: 'marta.luna@salud.gob' };
    const referente: ActorV1 = { ...staff('referente'), jurisdiction: registration.jurisdiction };
    for (const reader of [requester, referente]) {
      const view = await get(registration.number, reader);
      expect(comments(view)).toEqual(['Respuesta de Agente UIT (canal: Portal): Estamos revisando el servidor']);
      expect(JSON.stringify(view)).not.toContain('tres veces');
    }
  });
});
