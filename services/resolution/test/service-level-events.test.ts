import { randomUUID } from 'node:crypto';
import {
  Events,
  ProcedureEvents,
  ServiceLevelEvents,
  type EventEnvelope,
  type ServiceLevelChangedV1,
  type TicketReclassifiedV1,
  type TicketRegisteredV1,
  type TicketRoutedV1,
} from '@cau/contracts';
import { waitFor } from '@cau/testing';
import { ServiceLevelAnnouncer } from '../src/sla/service-level-announcer.js';
import { ResolutionHarness, people, type TestTicket } from './support.js';

// Business calendar of the tests: America/Argentina/Buenos_Aires (UTC−3), Monday–Friday 08:00–16:00.
// Policies: ALTA 30 min / 4 h, MEDIA 2 h / 16 h, BAJA 8 h / 40 h of business time.
describe('resolution: the service level reaches the read side (ticket.service-level-changed)', () => {
  let h: ResolutionHarness;
  const operator = people.operator();
  const supervisor = people.supervisor();

  beforeAll(async () => {
    h = await ResolutionHarness.start('ressvclevel', { clock: '2026-03-02T12:00:00Z' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  const announced = async (ticket: TestTicket) =>
    (await h.streamed(ServiceLevelEvents.ServiceLevelChanged, ticket)).map((e) => e.data as ServiceLevelChangedV1);
  /** Waits until `count` announcements of the ticket reached the stream, and answers them. */
  const announcements = async (ticket: TestTicket, count: number) => {
    let found: ServiceLevelChangedV1[] = [];
    await waitFor(async () => (found = await announced(ticket)).length >= count, {
      what: `${count} service-level announcement(s)`,
    });
    return found;
  };

  it('announces the targets once known, the first response, a submission, and a rejected review', async () => {
    // Monday 09:00: ALTA → response 09:30, resolution 13:00 (local).
    const ticket = await h.ticket({ registeredAt: '2026-03-02T12:00:00.000Z', priority: 'ALTA' });
    const [first] = await announcements(ticket, 1);
    expect(first).toEqual({
      ticketId: ticket.ticketId,
      number: ticket.number,
      area: 'L1',
      priority: 'ALTA',
      responseDueAt: '2026-03-02T12:30:00.000Z',
      resolutionDueAt: '2026-03-02T16:00:00.000Z',
      respondedAt: null,
      resolvedAt: null,
      at: '2026-03-02T12:00:00.000Z',
    });

    h.clock.set('2026-03-02T12:10:00Z');
    await h.command('take', 'L1', operator, ticket);
    // Logging work changes no target: nothing announced for it.
    await h.command('log-work', 'L1', operator, ticket, { description: 'Diagnóstico', minutes: 10 });
    await h.command('register-solution', 'L1', operator, ticket, { solution: 'Se reinició el servicio' });
    h.clock.set('2026-03-02T13:00:00Z');
    await h.command('submit', 'L1', operator, ticket, { verifiedWithRequester: true });
    h.clock.set('2026-03-02T13:30:00Z');
    await h.command('review', 'L1', supervisor, ticket, { decision: 'reject', observations: 'Falta verificar' });

    const all = await announcements(ticket, 4);
    expect(all.map((e) => [e.respondedAt, e.resolvedAt, e.at])).toEqual([
      [null, null, '2026-03-02T12:00:00.000Z'],
      ['2026-03-02T12:10:00.000Z', null, '2026-03-02T12:10:00.000Z'],
      ['2026-03-02T12:10:00.000Z', '2026-03-02T13:00:00.000Z', '2026-03-02T13:00:00.000Z'],
      // The rejected review puts the resolution target back in play.
      ['2026-03-02T12:10:00.000Z', null, '2026-03-02T13:30:00.000Z'],
    ]);
    expect(all.every((e) => e.resolutionDueAt === '2026-03-02T16:00:00.000Z')).toBe(true);
  });

  it('moves the due dates to the new priority on ticket.reclassified, from registration, and announces them', async () => {
    h.clock.set('2026-03-09T12:00:00Z');
    // Monday 09:00 BAJA: response Tuesday 09:00, resolution the next Monday 09:00.
    const ticket = await h.ticket({ registeredAt: '2026-03-09T12:00:00.000Z', priority: 'BAJA' });
    expect((await announcements(ticket, 1))[0]).toMatchObject({
      priority: 'BAJA',
      responseDueAt: '2026-03-10T12:00:00.000Z',
      resolutionDueAt: '2026-03-16T12:00:00.000Z',
    });

    h.clock.set('2026-03-09T12:20:00Z');
    await h.reclassification(ticket, 'BAJA', 'ALTA').deliver();
    const row = await h.row(ticket);
    expect(row.priority).toBe('ALTA');
    expect(row.response_due_at.toISOString()).toBe('2026-03-09T12:30:00.000Z');
    expect(row.resolution_due_at.toISOString()).toBe('2026-03-09T16:00:00.000Z');
    const [, moved] = await announcements(ticket, 2);
    expect(moved).toMatchObject({
      priority: 'ALTA',
      responseDueAt: '2026-03-09T12:30:00.000Z',
      resolutionDueAt: '2026-03-09T16:00:00.000Z',
      at: '2026-03-09T12:20:00.000Z',
    });

    const steps = await h.db.query(
      `SELECT action, area, by_name, notes FROM resolution.ticket_steps WHERE ticket_id = $1 AND action = 'reclassify'`,
      [ticket.ticketId],
    );
    expect(steps.rows).toEqual([
      { action: 'reclassify', area: 'L1', by_name: 'Enrutador', notes: 'BAJA → ALTA: Afecta a todo el organismo' },
    ]);
  });

  it('keeps the reclassified priority when the older routing event arrives after it', async () => {
    h.clock.set('2026-03-16T12:00:00Z');
    const ticketId = randomUUID();
    const ticket: TestTicket = { ticketId, number: 9_001, registeredAt: '2026-03-16T12:00:00.000Z' };
    const registration: TicketRegisteredV1 = {
      ticketId,
      number: ticket.number,
      registeredAt: ticket.registeredAt,
      channel: 'telefono',
      requesterId: randomUUID(),
      requester: { email: 'ana.perez@salud.gob', name: 'Ana Pérez' },
      registeredBy: { accountId: randomUUID(), name: 'Olga Operadora', role: 'operator' },
      jurisdiction: 'SALUD',
      title: 'Sin red',
      description: 'No hay red en el piso 3',
      type: 'incidente',
      category: 'redes',
      impact: 'bajo',
      urgency: 'baja',
      attachments: [],
    };
    const routed: TicketRoutedV1 = {
      ticketId,
      number: ticket.number,
      priority: 'BAJA',
      area: 'L1',
      routedAt: ticket.registeredAt,
    };
    const classification = { type: 'incidente', category: 'redes', urgency: 'alta' } as const;
    const reclassified: TicketReclassifiedV1 = {
      ticketId,
      number: ticket.number,
      by: { accountId: randomUUID(), name: 'Olga Operadora', role: 'operator' },
      at: '2026-03-16T12:05:00.000Z',
      area: 'L1',
      previous: { ...classification, impact: 'bajo', urgency: 'baja', priority: 'BAJA' },
      current: { ...classification, impact: 'alto', priority: 'ALTA' },
      reason: 'Todo el piso sin red',
    };
    const events: EventEnvelope[] = [
      h.envelope(Events.TicketRegistered, 'intake', registration, 1),
      h.envelope(ProcedureEvents.TicketReclassified, 'routing', reclassified, 2),
      h.envelope(Events.TicketRouted, 'routing', routed, 1),
    ];
    for (const event of events) {
      await h.publish(event, event.type === Events.TicketRegistered.type ? undefined : 'L1');
      await h.applied(event);
    }
    const row = await h.row(ticket);
    expect(row.priority).toBe('ALTA');
    expect(row.routed_at.toISOString()).toBe(ticket.registeredAt);
    expect(row.resolution_due_at.toISOString()).toBe('2026-03-16T16:00:00.000Z');
    const last = (await announcements(ticket, 1)).at(-1);
    expect(last).toMatchObject({ priority: 'ALTA', resolutionDueAt: '2026-03-16T16:00:00.000Z' });
  });

  it('announces the clocks stopping on a wait on the requester and running again', async () => {
    h.clock.set('2026-03-23T12:00:00Z');
    const ticket = await h.ticket({ registeredAt: '2026-03-23T12:00:00.000Z', priority: 'ALTA' });
    await h.command('take', 'L1', operator, ticket);
    h.clock.set('2026-03-23T13:00:00Z');
    await h.command('wait-requester', 'L1', operator, ticket, { reason: 'Necesitamos la captura del error' });
    h.clock.set('2026-03-23T14:00:00Z');
    await h.command('resume', 'L1', operator, ticket);
    const all = await announcements(ticket, 4);
    expect(all.map((e) => e.resolutionDueAt)).toEqual([
      '2026-03-23T16:00:00.000Z',
      '2026-03-23T16:00:00.000Z',
      // Stopped with three of the four hours left: no due date while waiting, then one hour later.
      null,
      '2026-03-23T17:00:00.000Z',
    ]);
  });

  it('announces, once, the targets of tickets set before the event existed', async () => {
    const ticket = await h.ticket({ registeredAt: '2026-03-23T12:00:00.000Z', priority: 'MEDIA' });
    await announcements(ticket, 1);
    await h.db.query('UPDATE resolution.tickets SET announced_service_level = NULL WHERE ticket_id = $1', [
      ticket.ticketId,
    ]);
    const announcer = h.instances[0]!.app.get(ServiceLevelAnnouncer);
    expect(await announcer.backfill()).toBe(1);
    expect(await announcer.backfill()).toBe(0);
    const all = await announcements(ticket, 2);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ priority: 'MEDIA', resolutionDueAt: all[0]!.resolutionDueAt });
  });
});
