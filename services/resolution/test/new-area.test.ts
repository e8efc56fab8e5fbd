import { ResolutionRpc, forArea } from '@cau/contracts';
import type { RunningService } from '@cau/messaging';
import { ResolutionHarness, people, refusal } from './support.js';

/** Every outcome of `subject` requests this instance answered, from its Prometheus metrics. */
async function answered(instance: RunningService, subject: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('cau_rpc_handled_total{') || !line.includes(`subject="${subject}"`)) continue;
    const outcome = /outcome="([^"]+)"/.exec(line)?.[1] ?? '?';
    counts[outcome] = Number(line.split(' ').pop());
  }
  return counts;
}

/**
 * Issue 14: an area an administrator adds while the platform runs (routing's `PUT /routing/graph`) is
 * not one of `DefaultArea`; it used to answer 503 (no responders) until resolution restarted.
 */
describe('resolution: an area added while it runs', () => {
  let h: ResolutionHarness;
  let general: RunningService;
  let uitOnly: RunningService;
  const operator = people.operator();
  const newAgent = people.agent('DIR_SISTEMAS');

  beforeAll(async () => {
    h = await ResolutionHarness.start('resnewarea', { instances: [{}, { CAU_AREAS: 'UIT' }] });
    [general, uitOnly] = h.instances as [RunningService, RunningService];
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('is served at once by the instance started without an area list, and only once', async () => {
    expect([general.runtime.servesOtherAreas, uitOnly.runtime.servesOtherAreas]).toEqual([true, false]);
    const ticket = await h.ticket({ registeredAt: '2026-03-02T12:00:00Z' });
    await h.derive(ticket, 'L1', 'DIR_SISTEMAS');

    expect(await h.command('take', 'DIR_SISTEMAS', newAgent, ticket)).toMatchObject({
      area: 'DIR_SISTEMAS',
      status: 'en_curso',
    });
    const take = forArea(ResolutionRpc.Take, 'DIR_SISTEMAS').subject;
    expect(await answered(general, take)).toEqual({ ok: 1 });
    expect(await answered(uitOnly, take)).toEqual({});

    // A named area is still answered through its own queue group, once (the wildcard leaves it alone).
    const inL1 = await h.ticket();
    await h.command('take', 'L1', operator, inL1);
    expect(await answered(general, forArea(ResolutionRpc.Take, 'L1').subject)).toEqual({ ok: 1 });

    // The general instance's sweeper looks after the new area too.
    await h.sweeper(0).sweep(new Date('2026-04-01T12:00:00Z'));
    const breached = await h.db.query<{ target: string }>(
      'SELECT target FROM resolution.sla_breaches WHERE ticket_id = $1 ORDER BY target',
      [ticket.ticketId],
    );
    expect(breached.rows.map((r) => r.target)).toEqual(['resolution']);

    // An instance given an area list serves only those: without the general one, nobody answers.
    await general.stop();
    expect(await refusal(h.command('estimate', 'DIR_SISTEMAS', newAgent, ticket, { minutes: 60 }))).toEqual({
      unavailable: 'no-responders',
    });
  });
});
