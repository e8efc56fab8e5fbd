import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Events, ProcedureEvents, type EventDefinition, type EventEnvelope } from '@cau/contracts';
import { BatchScope } from '@cau/messaging';
import { eventEnvelope } from '@cau/testing';
import { routingService } from '../src/routing.service.js';
import { RoutingHarness } from './support.js';

const by = { accountId: randomUUID(), name: 'Susana Supervisora', role: 'supervisor' };
const at = '2026-11-24T15:00:00.000Z';

class RolledBack extends Error {}

interface Outcome {
  tickets: unknown[];
  events: unknown[];
}

/**
 * Routing writes a batch's tickets, marks and events at its end; these tests apply the same events as one batch
 * and one batch per event, each in a transaction rolled back afterwards, and compare what they leave.
 */
describe('routing: a batch leaves what its events leave one by one', () => {
  let h: RoutingHarness;

  beforeAll(async () => {
    h = await RoutingHarness.start('routing-batches');
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** A resolution event of the ticket, as resolution's outbox publishes it. */
  const step = (definition: EventDefinition<object>, data: { ticketId: string; [field: string]: unknown }) =>
    eventEnvelope(definition, { number: 1, by, at, area: 'L1', ...data }, { source: 'resolution', sequence: 100 });

  async function outcome(events: EventEnvelope<object>[], together: boolean, ticketIds: string[]): Promise<Outcome> {
    const { app, runtime } = h.bench.services[0]!;
    const handlers = new Map(routingService.consumers!(app)[0]!.handlers.map((x) => [x.definition.type, x]));
    let result: Outcome | undefined;
    const read = async (tx: EntityManager): Promise<Outcome> => ({
      tickets: await tx.query(
        `SELECT ticket_id, number, type, category, impact, urgency, priority, area, title, requester_email,
                jurisdiction, finished_as
           FROM routing.tickets WHERE ticket_id = ANY($1::uuid[]) ORDER BY number`,
        [ticketIds],
      ),
      events: (
        await tx.query<Array<{ subject: string; envelope: EventEnvelope<{ routedAt?: string }> }>>(
          `SELECT subject, envelope FROM routing.outbox WHERE (envelope->>'ticketId')::uuid = ANY($1::uuid[]) ORDER BY seq`,
          [ticketIds],
        )
      ).map(({ subject, envelope: { id: _id, occurredAt: _at, data, ...rest } }) => {
        const { routedAt: _routedAt, ...kept } = data;
        return { subject, ...rest, data: kept };
      }),
    });
    await runtime.dataSource
      .transaction(async (tx) => {
        for (const batch of together ? [events] : events.map((e) => [e])) {
          const scope = new BatchScope(batch.map((e) => e.id));
          for (const event of batch) await handlers.get(event.type)!.handle(event, tx, scope);
          await scope.finish();
        }
        result = await read(tx);
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    return result!;
  }

  it('routes, closes, reopens and merges several tickets in one batch as one by one', async () => {
    const earlier = await h.register();
    const [a, b, c] = [h.registration(), h.registration({ impact: 'bajo', urgency: 'baja' }), h.registration()];
    const registered = (data: typeof a) => eventEnvelope(Events.TicketRegistered, data, { source: 'intake' });
    const events = [
      registered(a),
      step(ProcedureEvents.TicketClosed, { ticketId: a.ticketId, status: 'cerrado' }),
      step(ProcedureEvents.TicketReopened, { ticketId: a.ticketId, status: 'en_curso', reason: 'otra vez' }),
      registered(b),
      // Closed before routing knew it: one by one the closure finds no row.
      step(ProcedureEvents.TicketClosed, { ticketId: c.ticketId, status: 'cerrado' }),
      step(ProcedureEvents.TicketClosed, { ticketId: earlier.ticketId, status: 'cerrado' }),
      registered(c),
      step(ProcedureEvents.TicketMerged, {
        ticketId: a.ticketId,
        status: 'cerrado',
        duplicate: { ticketId: a.ticketId, number: a.number },
        original: { ticketId: b.ticketId, number: b.number },
      }),
      // A second registration of a routed ticket changes nothing and emits nothing.
      registered({ ...a, impact: 'bajo', urgency: 'baja', title: 'otro título' }),
    ];
    const ids = [earlier, a, b, c].map((t) => t.ticketId);

    const oneByOne = await outcome(events, false, ids);
    const batched = await outcome(events, true, ids);

    expect(batched).toEqual(oneByOne);
    expect(batched.tickets).toEqual([
      expect.objectContaining({ ticket_id: earlier.ticketId, finished_as: 'cerrado' }),
      expect.objectContaining({ ticket_id: a.ticketId, finished_as: 'fusionado', title: a.title, priority: 'ALTA' }),
      expect.objectContaining({ ticket_id: b.ticketId, finished_as: null, priority: 'BAJA' }),
      expect.objectContaining({ ticket_id: c.ticketId, finished_as: null }),
    ]);
    expect(batched.events).toEqual(
      [a, b, c].map((t) =>
        expect.objectContaining({
          type: Events.TicketRouted.type,
          ticketId: t.ticketId,
          data: expect.objectContaining({ number: t.number, area: 'L1' }),
        }),
      ),
    );
  });
});
