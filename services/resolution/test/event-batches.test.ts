import { randomUUID } from 'node:crypto';
import {
  Events,
  ProcedureEvents,
  ServiceLevelEvents,
  type EventEnvelope,
  type ServiceLevelChangedV1,
  type TicketDerivedV1,
  type TicketReclassifiedV1,
  type TicketRoutedV1,
} from '@cau/contracts';
import { ticketRegistration, waitFor } from '@cau/testing';
import { ResolutionHarness, type TestTicket } from './support.js';

/**
 * The consumer leaves the history steps and the due dates of a batch for its end (one statement each for all of
 * its events): what it stores must be what applying the same events one at a time stores.
 */
describe('resolution: a batch of events stores what the same events applied one at a time store', () => {
  let h: ResolutionHarness;

  beforeAll(async () => {
    h = await ResolutionHarness.start('resbatches', { clock: '2026-03-02T12:00:00Z' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  const actor = { accountId: randomUUID(), name: 'Enrutador', role: 'operator' } as const;

  /** Registered, routed BAJA to L1, escalated to UIT, reclassified to ALTA there; each with its area. */
  function journey(number: number): { ticket: TestTicket; events: Array<{ envelope: EventEnvelope; area?: string }> } {
    const ticketId = randomUUID();
    const registeredAt = '2026-03-02T12:00:00.000Z';
    const registration = ticketRegistration(number, {
      ticketId,
      registeredAt,
      requester: { email: 'ana.perez@salud.gob', name: 'Ana Pérez' },
      jurisdiction: 'SALUD',
      title: 'Sin red en el piso 3',
      category: 'redes',
    });
    const routed: TicketRoutedV1 = { ticketId, number, priority: 'BAJA', area: 'L1', routedAt: registeredAt };
    const escalated: TicketDerivedV1 = {
      ticketId,
      number,
      by: actor,
      at: '2026-03-02T12:10:00.000Z',
      derivationId: randomUUID(),
      from: 'L1',
      to: 'UIT',
      kind: 'escalate',
      reason: 'Falla del switch del piso',
    };
    const level = (priority: 'BAJA' | 'ALTA') =>
      ({
        type: 'incidente',
        category: 'redes',
        impact: priority === 'ALTA' ? 'alto' : 'bajo',
        urgency: priority === 'ALTA' ? 'alta' : 'baja',
        priority,
      }) as const;
    const reclassified: TicketReclassifiedV1 = {
      ticketId,
      number,
      by: actor,
      at: '2026-03-02T12:20:00.000Z',
      area: 'UIT',
      previous: level('BAJA'),
      current: level('ALTA'),
      reason: 'Todo el piso sin red',
    };
    return {
      ticket: { ticketId, number, registeredAt },
      events: [
        { envelope: h.envelope(Events.TicketRegistered, 'intake', registration, 1) },
        { envelope: h.envelope(Events.TicketRouted, 'routing', routed, 1), area: 'L1' },
        { envelope: h.envelope(ProcedureEvents.TicketEscalated, 'routing', escalated, 2), area: 'UIT' },
        { envelope: h.envelope(ProcedureEvents.TicketReclassified, 'routing', reclassified, 3), area: 'UIT' },
      ],
    };
  }

  /** What resolution keeps of a ticket, without its ids and the times rows were written. */
  async function stored(ticket: TestTicket) {
    const row = await h.row(ticket);
    const steps = await h.db.query(
      `SELECT at, action, area, by_name, notes, from_area, to_area FROM resolution.ticket_steps
        WHERE ticket_id = $1 ORDER BY at, step_id`,
      [ticket.ticketId],
    );
    let announced: ServiceLevelChangedV1[] = [];
    await waitFor(
      async () =>
        (announced = (await h.streamed(ServiceLevelEvents.ServiceLevelChanged, ticket)).map(
          (e) => e.data as ServiceLevelChangedV1,
        )).at(-1)?.priority === 'ALTA',
      { what: 'the ALTA service level announced' },
    );
    const { ticketId: _id, number: _number, ...last } = announced.at(-1)!;
    return {
      ticket: {
        status: row.status,
        area: row.area,
        priority: row.priority,
        assignee: row.assignee_id,
        title: row.title,
        requester: row.requester_email,
        jurisdiction: row.jurisdiction,
        registeredAt: row.registered_at?.toISOString(),
        routedAt: row.routed_at?.toISOString(),
        responseDueAt: row.response_due_at?.toISOString(),
        resolutionDueAt: row.resolution_due_at?.toISOString(),
      },
      steps: steps.rows,
      announced: last,
    };
  }

  it('applies registration, routing, an escalation and a reclassification of two tickets in one batch', async () => {
    const alone = journey(501);
    for (const { envelope, area } of alone.events) {
      await h.publish(envelope, area);
      await h.applied(envelope);
    }

    // With no instance running, the events wait in the stream and the next instance takes them in one batch.
    const together = journey(502);
    const other = journey(503);
    await h.instances.shift()!.stop();
    const interleaved = together.events.flatMap((event, i) => [event, other.events[i]!]);
    for (const { envelope, area } of interleaved) await h.publish(envelope, area);
    await h.startInstance();
    await h.applied(...interleaved.map((e) => e.envelope));

    const expected = await stored(alone.ticket);
    expect(expected.ticket).toMatchObject({ status: 'en_curso', area: 'UIT', priority: 'ALTA' });
    expect(expected.steps.map((s) => s.action)).toEqual(['register', 'route', 'escalate', 'reclassify']);
    expect(await stored(together.ticket)).toEqual(expected);
    expect(await stored(other.ticket)).toEqual(expected);
  });

  it('stores the same when a batch holds the journey backwards (registration and routing are applied at its end)', async () => {
    const inOrder = journey(504);
    for (const { envelope, area } of inOrder.events) {
      await h.publish(envelope, area);
      await h.applied(envelope);
    }

    const backwards = journey(505);
    await h.instances.shift()!.stop();
    for (const { envelope, area } of [...backwards.events].reverse()) await h.publish(envelope, area);
    await h.startInstance();
    await h.applied(...backwards.events.map((e) => e.envelope));

    // Steps of the same instant (the registration and its routing) are listed in the order they arrived.
    const sameInstantInOneOrder = (what: Awaited<ReturnType<typeof stored>>) => ({
      ...what,
      steps: [...what.steps].sort((a, b) => a.at - b.at || String(a.action).localeCompare(String(b.action))),
    });
    const expected = sameInstantInOneOrder(await stored(inOrder.ticket));
    expect(expected.ticket).toMatchObject({ status: 'en_curso', area: 'UIT', priority: 'ALTA' });
    expect(sameInstantInOneOrder(await stored(backwards.ticket))).toEqual(expected);
  });
});
