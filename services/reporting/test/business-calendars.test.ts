import { randomUUID } from 'node:crypto';
import { ProcedureEvents, ReportingRpc, type CalendarDefinitionV1, type TicketRegisteredV1 } from '@cau/contracts';
import { waitFor } from '@cau/testing';
import { ReportingHarness, staff } from './support.js';

const ZONE = 'America/Argentina/Buenos_Aires';
const day = [{ start: '08:00', end: '16:00' }];
const week = { '1': day, '2': day, '3': day, '4': day, '5': day };
const agent = { accountId: randomUUID(), name: 'Andrés Agente', role: 'agent' };

/**
 * Reports count business minutes on the calendars resolution announces: a holiday added (or removed)
 * there counts again the first responses spanning it, and the KPI report follows.
 */
describe('reporting: business minutes on resolution’s calendars and holidays', () => {
  let h: ReportingHarness;
  const previousZone = process.env.CAU_TIME_ZONE;

  beforeAll(async () => {
    process.env.CAU_TIME_ZONE = ZONE;
    h = await ReportingHarness.start('reportingcalendars');
  });

  afterAll(async () => {
    await h?.stop();
    process.env.CAU_TIME_ZONE = previousZone;
  });

  const calendars = (version: number, holidays: string[]) =>
    h.calendarsChanged({
      version,
      at: new Date().toISOString(),
      calendars: [{ code: 'default', zone: ZONE, week, jurisdictions: [], holidays } satisfies CalendarDefinitionV1],
    });

  /** Registered Friday 14 March 2025 15:00, taken Tuesday 18 March 09:00 (local, UTC−3). */
  async function answeredAcrossMonday(): Promise<TicketRegisteredV1> {
    const r = h.registration({ registeredAt: '2025-03-14T18:00:00.000Z' });
    await h.feed(
      h.registered(r, 1, r.registeredAt),
      h.routed(h.routing(r, { area: 'L1', routedAt: r.registeredAt }), 1, r.registeredAt),
      h.procedure(
        ProcedureEvents.TicketTaken,
        {
          ticketId: r.ticketId,
          number: r.number,
          by: agent,
          at: '2025-03-18T12:00:00.000Z',
          area: 'L1',
          status: 'en_curso',
          assignee: agent,
        },
        1,
      ),
    );
    return r;
  }

  const minutesOf = async (ticketId: string) =>
    (
      await h.db.query<{ minutes: number }>(
        'SELECT first_response_business_minutes AS minutes FROM reporting.ticket_facts WHERE ticket_id = $1',
        [ticketId],
      )
    ).rows[0]?.minutes;

  const marchFirstResponse = async () =>
    (
      await h.rpc.request(ReportingRpc.Kpis, {
        actor: staff('supervisor'),
        from: '2025-03-01',
        to: '2025-04-01',
        granularity: 'total',
      })
    ).rows[0]!.firstResponse.business.average;

  it('counts again a first response spanning a holiday added, removed, and ignores an older announcement', async () => {
    const r = await answeredAcrossMonday();
    // No calendar announced yet: Friday 60 + Monday 480 + Tuesday 60.
    expect(await minutesOf(r.ticketId)).toBe(600);
    expect(await marchFirstResponse()).toBe(600);

    const holiday = calendars(1, ['2025-03-17']);
    await h.feed(holiday);
    expect(await minutesOf(r.ticketId)).toBe(120);
    expect(await marchFirstResponse()).toBe(120);

    // A ticket answered after the announcement is counted on it at once.
    const later = await answeredAcrossMonday();
    expect(await minutesOf(later.ticketId)).toBe(120);

    await h.feed(calendars(2, []));
    await waitFor(async () => (await minutesOf(r.ticketId)) === 600, { what: 'the holiday removed' });
    expect(await minutesOf(later.ticketId)).toBe(600);

    // Redelivered or late: an older version changes nothing.
    await h.feed(calendars(1, ['2025-03-17']));
    expect(await minutesOf(r.ticketId)).toBe(600);
    const stored = await h.db.query<{ version: string }>('SELECT version FROM reporting.business_calendars');
    expect(Number(stored.rows[0]!.version)).toBe(2);
  });
});
