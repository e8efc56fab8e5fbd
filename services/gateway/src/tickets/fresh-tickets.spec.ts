import { ErrorCode, Role, type ActorV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { TicketFactsCache, type LiveEventHub } from '../live/live-event-hub.js';
import { FreshTickets } from './fresh-tickets.js';

const operator: ActorV1 = { accountId: 'a1', role: Role.Operator, email: 'op@cau.test', name: 'Operadora' };
const requester: ActorV1 = { accountId: 'a2', role: Role.Requester, email: 'ana@salud.gob.ar', name: 'Ana' };
const facts = { requesterEmail: 'Ana@Salud.gob.ar', jurisdiction: 'SALUD' };

/** A hub whose events are announced by the test; `waits` counts the waits the settle asked for. */
function hubWith(known: Record<number, typeof facts>) {
  const cache = new TicketFactsCache();
  for (const [number, f] of Object.entries(known)) cache.learn(Number(number), f);
  const waits: number[] = [];
  const counts = { events: 0 };
  const hub = {
    facts: cache,
    ticketEventCount: () => counts.events,
    nextTicketEvent: (number: number, ms: number) => {
      waits.push(ms);
      return new Promise<void>((resolve) => setTimeout(resolve, 5));
    },
  };
  return { hub: hub as unknown as LiveEventHub, waits, counts };
}

/** An attempt that answers "ticket not found" `misses` times, then `value`. */
function attemptMissing(number: number, misses: number, value = 'ok') {
  let calls = 0;
  const attempt = async () => {
    calls++;
    if (calls <= misses) throw ServiceError.notFound('ticket', number);
    return value;
  };
  return { attempt, calls: () => calls };
}

describe('FreshTickets: a ticket just registered is waited for, any other 404 is not', () => {
  it('tries again until the ticket is known, for staff, waiting longer each time', async () => {
    const { hub, waits } = hubWith({ 7: facts });
    const { attempt, calls } = attemptMissing(7, 3);
    await expect(new FreshTickets(hub).settle(operator, 7, attempt)).resolves.toBe('ok');
    expect(calls()).toBe(4);
    expect(waits).toEqual([150, 225, 338]);
  });

  it('tries again at once when an event of the ticket was read while the attempt was out', async () => {
    const { hub, waits, counts } = hubWith({ 7: facts });
    let calls = 0;
    const attempt = async () => {
      calls++;
      if (calls === 1) {
        counts.events++;
        throw ServiceError.notFound('ticket', 7);
      }
      return 'ok';
    };
    await expect(new FreshTickets(hub).settle(operator, 7, attempt)).resolves.toBe('ok');
    expect(calls).toBe(2);
    expect(waits).toHaveLength(0);
  });

  it('tries again for the requester the ticket is for (e-mail compared as addresses are)', async () => {
    const { hub } = hubWith({ 7: facts });
    const { attempt, calls } = attemptMissing(7, 1);
    await expect(new FreshTickets(hub).settle(requester, 7, attempt)).resolves.toBe('ok');
    expect(calls()).toBe(2);
  });

  it('answers 404 at once for a number it never saw registered', async () => {
    const { hub, waits } = hubWith({});
    const { attempt, calls } = attemptMissing(8, 1);
    await expect(new FreshTickets(hub).settle(operator, 8, attempt)).rejects.toMatchObject({
      payload: { code: ErrorCode.NotFound },
    });
    expect(calls()).toBe(1);
    expect(waits).toHaveLength(0);
  });

  it("answers 404 at once to a requester for someone else's new ticket (the wait would tell them it exists)", async () => {
    const { hub, waits } = hubWith({ 7: { requesterEmail: 'otra@salud.gob.ar', jurisdiction: 'SALUD' } });
    const { attempt, calls } = attemptMissing(7, 1);
    await expect(new FreshTickets(hub).settle(requester, 7, attempt)).rejects.toBeInstanceOf(ServiceError);
    expect(calls()).toBe(1);
    expect(waits).toHaveLength(0);
  });

  it('waits for a ticket registered through this gateway before its hub read the event', async () => {
    const { hub } = hubWith({});
    const fresh = new FreshTickets(hub);
    fresh.registered(9, facts);
    const { attempt, calls } = attemptMissing(9, 2);
    await expect(fresh.settle(operator, 9, attempt)).resolves.toBe('ok');
    expect(calls()).toBe(3);
  });

  it('gives up with the 404 when the wait runs out', async () => {
    const { hub } = hubWith({ 7: facts });
    const { attempt, calls } = attemptMissing(7, Number.POSITIVE_INFINITY);
    const started = Date.now();
    await expect(new FreshTickets(hub).settle(operator, 7, attempt, 60)).rejects.toBeInstanceOf(ServiceError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(calls()).toBeGreaterThan(1);
  });

  it('does not wait on other refusals, nor on another resource or ticket not found', async () => {
    const { hub, waits } = hubWith({ 7: facts });
    const fresh = new FreshTickets(hub);
    const refusals = [
      ServiceError.forbidden(),
      ServiceError.notFound('account', 7),
      ServiceError.notFound('ticket', 70),
      new Error('boom'),
    ];
    for (const refusal of refusals) {
      await expect(
        fresh.settle(operator, 7, () => {
          throw refusal;
        }),
      ).rejects.toBe(refusal);
    }
    expect(waits).toHaveLength(0);
  });
});
