import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ErrorCode, ProcedureEvents, RoutingRpc, type EventDefinition } from '@cau/contracts';
import { eventEnvelope, waitFor } from '@cau/testing';
import { RoutingHarness, actor } from './support.js';

const supervisor = actor('supervisor');
const by = { accountId: randomUUID(), name: 'Susana Supervisora', role: 'supervisor' };
const at = '2026-11-24T15:00:00.000Z';

describe('routing: a ticket whose work has ended is not derived', () => {
  let h: RoutingHarness;

  beforeAll(async () => {
    h = await RoutingHarness.start('routing-finished');
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** A resolution event of the ticket, as resolution's outbox publishes it. */
  const publish = (definition: EventDefinition<object>, data: { ticketId: string; [field: string]: unknown }) =>
    h.bench.publish(eventEnvelope(definition, data, { source: 'resolution', sequence: 100 }), { area: 'L1' });
  const finishedAs = (ticketId: string) => async () => {
    const { rows } = await h.db.query<{ finished_as: string | null }>(
      'SELECT finished_as FROM routing.tickets WHERE ticket_id = $1',
      [ticketId],
    );
    return rows[0]?.finished_as;
  };
  const derive = (number: number) => ({ actor: supervisor, number, body: { to: 'UIT', reason: 'Servidor caído' } });

  it('refuses to derive a closed ticket until it is reopened', async () => {
    const ticket = await h.register();
    const step = { ticketId: ticket.ticketId, number: ticket.number, by, at, area: 'L1' };
    await publish(ProcedureEvents.TicketClosed, {
      ...step,
      status: 'cerrado',
      resolutionBusinessMinutes: 60,
      resolutionCalendarMinutes: 60,
    });
    await waitFor(async () => (await finishedAs(ticket.ticketId)()) === 'cerrado', { what: 'the closure seen' });
    const refusal = await h.refusal(RoutingRpc.Derive, derive(ticket.number));
    expect(refusal.payload).toEqual({
      code: ErrorCode.Conflict,
      refusal: { code: 'routing.ticket-closed', params: { number: ticket.number } },
    });

    await publish(ProcedureEvents.TicketReopened, {
      ...step,
      status: 'en_curso',
      reason: 'Volvió a fallar',
    });
    await waitFor(async () => (await finishedAs(ticket.ticketId)()) === null, { what: 'the reopening seen' });
    const derived = await h.request(RoutingRpc.Derive, derive(ticket.number));
    expect(derived).toMatchObject({ from: 'L1', to: 'UIT' });
  });

  it('derives a ticket reopened a moment ago, once it has read the reopening', async () => {
    const ticket = await h.register();
    const step = { ticketId: ticket.ticketId, number: ticket.number, by, at, area: 'L1' };
    await publish(ProcedureEvents.TicketClosed, {
      ...step,
      status: 'cerrado',
      resolutionBusinessMinutes: 60,
      resolutionCalendarMinutes: 60,
    });
    await waitFor(async () => (await finishedAs(ticket.ticketId)()) === 'cerrado', { what: 'the closure seen' });
    // Routing's consumer is held while it applies the reopening (its inbox is locked), as a busy one would be.
    const holder = new pg.Client({ connectionString: h.infra.database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE routing.inbox IN SHARE ROW EXCLUSIVE MODE');
      await publish(ProcedureEvents.TicketReopened, { ...step, status: 'en_curso', reason: 'Volvió a fallar' });
      await waitFor(
        async () =>
          (await h.db.query(`SELECT 1 FROM pg_locks WHERE relation = 'routing.inbox'::regclass AND NOT granted`))
            .rowCount === 1,
        { what: "the reopening's event waiting for the inbox" },
      );
      const derivation = h.request(RoutingRpc.Derive, derive(ticket.number));
      // Let the derivation find the ticket still closed before the reopening is applied (without the wait it is
      // refused at once, and the refusal fails this test).
      await Promise.race([derivation.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500))]);
      await holder.query('COMMIT');
      expect(await derivation).toMatchObject({ from: 'L1', to: 'UIT' });
    } finally {
      await holder.end();
    }
  });

  it('refuses to derive a merged duplicate, not its original', async () => {
    const duplicate = await h.register();
    const original = await h.register();
    const merge = {
      by,
      at,
      area: 'L1',
      status: 'fusionado',
      duplicate: { ticketId: duplicate.ticketId, number: duplicate.number },
      original: { ticketId: original.ticketId, number: original.number },
    };
    // Announced on both tickets' streams, as resolution does.
    await publish(ProcedureEvents.TicketMerged, {
      ...merge,
      ticketId: original.ticketId,
      number: original.number,
    });
    await publish(ProcedureEvents.TicketMerged, {
      ...merge,
      ticketId: duplicate.ticketId,
      number: duplicate.number,
    });
    await waitFor(async () => (await finishedAs(duplicate.ticketId)()) === 'fusionado', { what: 'the merge seen' });
    const refusal = await h.refusal(RoutingRpc.Derive, derive(duplicate.number));
    expect(refusal.payload.refusal).toEqual({ code: 'routing.ticket-merged', params: { number: duplicate.number } });
    expect(await finishedAs(original.ticketId)()).toBeNull();
    expect(await h.request(RoutingRpc.Derive, derive(original.number))).toMatchObject({
      to: 'UIT',
    });
  });
});
