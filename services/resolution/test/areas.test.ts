import { ErrorCode, ResolutionRpc, forArea } from '@cau/contracts';
import type { RunningService } from '@cau/messaging';
import { ResolutionHarness, people, refusal } from './support.js';

/** How many `subject` requests the instance answered with `outcome`, from its Prometheus metrics. */
async function answered(instance: RunningService, subject: string, outcome = 'ok'): Promise<number> {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('cau_rpc_handled_total{') &&
        l.includes(`subject="${subject}"`) &&
        l.includes(`outcome="${outcome}"`),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('resolution: one instance per area', () => {
  let h: ResolutionHarness;
  let uit: RunningService;
  let l1: RunningService;
  const operator = people.operator();
  const uitAgent = people.agent('UIT');

  beforeAll(async () => {
    h = await ResolutionHarness.start('resareas', { instances: [{ CAU_AREAS: 'UIT' }, { CAU_AREA: 'L1' }] });
    [uit, l1] = h.instances as [RunningService, RunningService];
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('serves each area from its own instance, and only that area', async () => {
    expect([uit.runtime.servedAreas, l1.runtime.servedAreas]).toEqual([['UIT'], ['L1']]);
    const inUit = await h.ticket();
    await h.derive(inUit, 'L1', 'UIT');
    const inL1 = await h.ticket();

    await h.command('take', 'UIT', uitAgent, inUit);
    await h.command('take', 'L1', operator, inL1);
    const takeUit = forArea(ResolutionRpc.Take, 'UIT').subject;
    const takeL1 = forArea(ResolutionRpc.Take, 'L1').subject;
    expect([await answered(uit, takeUit), await answered(l1, takeUit)]).toEqual([1, 0]);
    expect([await answered(uit, takeL1), await answered(l1, takeL1)]).toEqual([0, 1]);

    // Each sweeper looks after its own areas only.
    await h.sweeper(0).sweep(new Date('2026-04-01T12:00:00Z'));
    const breached = async () =>
      (await h.db.query('SELECT DISTINCT ticket_id FROM resolution.sla_breaches ORDER BY ticket_id')).rows.map(
        (r) => r.ticket_id,
      );
    expect(await breached()).toEqual([inUit.ticketId]);
    await h.sweeper(1).sweep(new Date('2026-04-01T12:00:00Z'));
    expect(await breached()).toEqual([inUit.ticketId, inL1.ticketId].sort());

    // Without the L1 instance nobody answers L1's commands, while UIT's instance goes on.
    await l1.stop();
    expect(await refusal(h.command('log-work', 'L1', operator, inL1, { description: 'x', minutes: 1 }))).toEqual({
      unavailable: 'no-responders',
    });
    expect(await h.command('estimate', 'UIT', uitAgent, inUit, { minutes: 60 })).toMatchObject({ area: 'UIT' });
    expect(await answered(uit, forArea(ResolutionRpc.Estimate, 'UIT').subject)).toBe(1);

    // Queries that concern no area are answered by any instance.
    expect(await refusal(h.query(ResolutionRpc.ClosureReport, { actor: operator, number: inL1.number }))).toMatchObject(
      { code: ErrorCode.NotFound },
    );
    expect(await answered(uit, ResolutionRpc.ClosureReport.subject, ErrorCode.NotFound)).toBe(1);
  });
});
