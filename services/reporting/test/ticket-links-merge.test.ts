import { randomUUID } from 'node:crypto';
import { ProcedureEvents, ReportingRpc, type ActorV1, type TicketRegisteredV1 } from '@cau/contracts';
import { ReportingHarness, staff } from './support.js';

const operator = { accountId: randomUUID(), name: 'Olga Operadora', role: 'operator' };
const minute = (n: number) => new Date(Date.parse('2025-03-10T12:00:00.000Z') + n * 60_000).toISOString();
const ref = (t: TicketRegisteredV1) => ({ ticketId: t.ticketId, number: t.number });

describe('reporting: related tickets and merged duplicates in the view, the path and the list (issue 12)', () => {
  let h: ReportingHarness;

  beforeAll(async () => {
    h = await ReportingHarness.start('reportinglinks');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const get = (number: number, actor: ActorV1 = staff()) =>
    h.rpc.request(ReportingRpc.TicketByNumber, { actor, number });
  const search = (text: string) =>
    h.rpc.request(ReportingRpc.TicketList, { actor: staff(), filters: { text, limit: 100 } });

  async function registered(overrides: Partial<TicketRegisteredV1> = {}): Promise<TicketRegisteredV1> {
    const ticket = h.registration(overrides);
    await h.feed(h.registered(ticket, 1, minute(0)), h.routed(h.routing(ticket, { area: 'L1' }), 1, minute(1)));
    return ticket;
  }
  const step = (t: TicketRegisteredV1, at: number, status: 'abierto' | 'en_curso' | 'fusionado' = 'abierto') => ({
    ticketId: t.ticketId,
    number: t.number,
    by: operator,
    at: minute(at),
    area: 'L1',
    status,
  });

  it('shows a relation on both tickets, newest event winning whatever the order, with its path in words', async () => {
    const a = await registered({ title: 'Sin correo en Salud' });
    const b = await registered({ title: 'Correo caído' });
    const linkA = h.procedure(ProcedureEvents.TicketLinked, { ...step(a, 5), related: ref(b) }, 1);
    const linkB = h.procedure(ProcedureEvents.TicketLinked, { ...step(b, 5), related: ref(a) }, 1);
    await h.feed(linkA, linkB);

    expect((await get(a.number)).relatedTickets).toEqual([
      { number: b.number, title: 'Correo caído', status: 'abierto' },
    ]);
    expect((await get(b.number)).relatedTickets).toEqual([
      { number: a.number, title: 'Sin correo en Salud', status: 'abierto' },
    ]);
    expect((await get(a.number)).timeline.at(-1)).toMatchObject({
      type: 'ticket.linked',
      by: { accountId: operator.accountId },
      summary: { es: `Relacionado con el ticket #${b.number}`, en: `Related to ticket #${b.number}` },
    });
    // Requesters see neither the relation nor its step.
    const requester: ActorV1 = { ...staff(), role: 'requester', email: 'ana.perez@salud.gob' };
    const seen = await get(a.number, requester);
    expect(seen.relatedTickets).toEqual([]);
    expect(seen.timeline.map((e) => e.type)).not.toContain('ticket.linked');

    // The unlinking (sequence 3) arrives before a relinking older than it (sequence 2): still unrelated.
    const unlinkA = h.procedure(ProcedureEvents.TicketUnlinked, { ...step(a, 20), related: ref(b) }, 3);
    const relinkA = h.procedure(ProcedureEvents.TicketLinked, { ...step(a, 10), related: ref(b) }, 2);
    await h.feed(unlinkA, relinkA);
    const view = await get(a.number);
    expect(view.relatedTickets).toEqual([]);
    expect(view.timeline.map((e) => e.summary.es).slice(-3)).toEqual([
      `Relacionado con el ticket #${b.number}`,
      `Relacionado con el ticket #${b.number}`,
      `Ya no está relacionado con el ticket #${b.number}`,
    ]);
  });

  it('shows a merge on both tickets; the duplicate keeps working, says where it went, and either number finds both', async () => {
    const original = await registered({ title: 'Corte de correo en el ministerio' });
    const duplicate = await registered({
      title: 'No me llegan correos',
      requester: { email: 'luis.gomez@salud.gob', name: 'Luis Gómez' },
    });
    const refs = {
      duplicate: ref(duplicate),
      original: ref(original),
      reason: 'Mismo corte',
      duplicateRequester: { email: 'luis.gomez@salud.gob', name: 'Luis Gómez' },
    };
    // The original's event first: the merge is known before the duplicate's own event arrives.
    await h.feed(h.procedure(ProcedureEvents.TicketMerged, { ...step(original, 30, 'abierto'), ...refs }, 1));
    await h.feed(h.procedure(ProcedureEvents.TicketMerged, { ...step(duplicate, 30, 'fusionado'), ...refs }, 1));

    const d = await get(duplicate.number);
    expect(d).toMatchObject({
      status: 'fusionado',
      mergedInto: { number: original.number, title: 'Corte de correo en el ministerio', status: 'abierto' },
      mergedTickets: [],
    });
    expect(d.timeline.at(-1)).toMatchObject({
      type: 'ticket.merged',
      summary: { es: `Fusionado en el ticket #${original.number} por Olga Operadora: Mismo corte` },
    });
    const o = await get(original.number);
    expect(o).toMatchObject({
      status: 'abierto',
      mergedInto: null,
      mergedTickets: [{ number: duplicate.number, title: 'No me llegan correos', status: 'fusionado' }],
    });
    expect(o.timeline.at(-1)!.summary.es).toBe(
      `El ticket #${duplicate.number} se fusionó en este por Olga Operadora: Mismo corte`,
    );

    // The duplicate's requester still opens their ticket: it says where it went, not whose the original is.
    const luis: ActorV1 = { ...staff(), role: 'requester', email: 'luis.gomez@salud.gob' };
    const seen = await get(duplicate.number, luis);
    expect(seen.mergedInto).toEqual({ number: original.number, title: null, status: 'abierto' });
    expect(seen.timeline.at(-1)).toEqual({
      ...d.timeline.at(-1),
      summary: {
        es: `Fusionado en el ticket #${original.number}, donde continúa la atención`,
        en: `Merged into ticket #${original.number}, where the work goes on`,
      },
      details: {
        status: 'fusionado',
        duplicate: { number: duplicate.number },
        original: { number: original.number },
      },
    });

    // Searching either number finds both; the list says which was merged into which.
    for (const text of [String(original.number), `#${duplicate.number}`]) {
      const found = (await search(text)).items.map((i) => [i.number, i.status, i.mergedInto]);
      expect(found.sort()).toEqual(
        [
          [original.number, 'abierto', null],
          [duplicate.number, 'fusionado', original.number],
        ].sort(),
      );
    }
    const merged = await h.rpc.request(ReportingRpc.TicketList, {
      actor: staff(),
      filters: { status: 'fusionado', limit: 100 },
    });
    expect(merged.items.map((i) => i.number)).toEqual([duplicate.number]);

    // The KPIs: four tickets opened in March, none closed; the merged duplicate left the backlog.
    const march = await h.rpc.request(ReportingRpc.Kpis, {
      actor: staff('supervisor'),
      from: '2025-03-01',
      to: '2025-04-01',
      granularity: 'total',
    });
    expect(march.rows).toEqual([expect.objectContaining({ opened: 4, closed: 0, openAtEnd: 3 })]);
  });
});
