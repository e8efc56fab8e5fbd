import { randomUUID } from 'node:crypto';
import { ErrorCode, InventoryRpc, type VisitorV1 } from '@cau/contracts';
import { InventoryHarness, actor } from './support.js';

jest.setTimeout(120_000);

const operator = actor('operator');
const agent = actor('agent', { area: 'UIT' });
const requester = actor('requester');

describe('inventory: field visits', () => {
  let h: InventoryHarness;
  beforeAll(async () => {
    h = await InventoryHarness.start('inv-visits');
  });
  afterAll(async () => {
    await h.stop();
  });

  const ticket = { ticketId: randomUUID(), ticketNumber: 21 };
  const contractor: VisitorV1 = {
    kind: 'contractor',
    company: 'Soporte Técnico SA',
    technician: 'Luis Gómez',
    reportNumber: 'ST-889',
  };
  const plan = (visitId: string, plannedFor = '2026-12-07T10:00:00-03:00') =>
    h.request(InventoryRpc.PlanVisit, {
      actor: operator,
      ticket,
      visitId,
      plannedFor,
      visitor: contractor,
      note: 'Llevar fuente de repuesto',
    });

  it('plans a visit by a contracted technician, records who went and when, and emits both', async () => {
    const visitId = randomUUID();
    const planned = await plan(visitId);
    expect(planned).toMatchObject({
      id: visitId,
      ticketNumber: 21,
      status: 'planned',
      plannedFor: '2026-12-07T13:00:00.000Z',
      plannedBy: { accountId: operator.accountId },
      note: 'Llevar fuente de repuesto',
      visitor: { kind: 'contractor', company: 'Soporte Técnico SA', technician: 'Luis Gómez', reportNumber: 'ST-889' },
      arrivedAt: null,
    });
    const recorded = await h.request(InventoryRpc.RecordVisit, {
      actor: agent,
      ticket,
      visitId,
      visitor: { ...contractor, technician: 'Marta Ruiz' },
      arrivedAt: '2026-12-07T10:20:00-03:00',
      departedAt: '2026-12-07T12:05:00-03:00',
      workDone: 'Cambio de fuente de alimentación; el equipo enciende.',
    });
    expect(recorded).toMatchObject({
      status: 'recorded',
      visitor: { technician: 'Marta Ruiz', reportNumber: 'ST-889' },
      arrivedAt: '2026-12-07T13:20:00.000Z',
      departedAt: '2026-12-07T15:05:00.000Z',
      workDone: 'Cambio de fuente de alimentación; el equipo enciende.',
      recordedBy: { accountId: agent.accountId },
    });
    const staffVisit = await h.request(InventoryRpc.PlanVisit, {
      actor: operator,
      ticket,
      visitId: randomUUID(),
      plannedFor: '2026-12-08T09:00:00-03:00',
      visitor: { kind: 'staff', accountId: agent.accountId, name: agent.name },
    });
    expect(staffVisit.visitor).toEqual({
      kind: 'staff',
      accountId: agent.accountId,
      name: agent.name,
      company: null,
      technician: null,
      reportNumber: null,
    });
    const list = await h.request(InventoryRpc.TicketVisits, { actor: requester, ticket });
    expect(list.map((v) => v.status)).toEqual(['recorded', 'planned']);
    const events = await h.eventsWhenThere(3);
    expect(events.map((e) => [e.type, e.ticketId, e.data.visitId])).toEqual([
      ['field-visit.planned', ticket.ticketId, visitId],
      ['field-visit.recorded', ticket.ticketId, visitId],
      ['field-visit.planned', ticket.ticketId, staffVisit.id],
    ]);
  });

  it('refuses a departure before the arrival, a second record, another ticket, bad visitors and requesters; stores nothing', async () => {
    const visitId = randomUUID();
    await plan(visitId);
    const record = (overrides: Record<string, unknown>) =>
      h.refusal(InventoryRpc.RecordVisit, {
        actor: operator,
        ticket,
        visitId,
        visitor: contractor,
        arrivedAt: '2026-12-07T10:00:00-03:00',
        departedAt: '2026-12-07T11:00:00-03:00',
        workDone: 'Revisión',
        ...overrides,
      });
    const backwards = await record({ departedAt: '2026-12-07T09:59:00-03:00' });
    expect(backwards.payload).toMatchObject({
      code: ErrorCode.Validation,
      fields: [{ field: 'departedAt', constraint: 'dateRange', params: ['arrivedAt'] }],
    });
    const notADate = await record({ arrivedAt: '07/12/2026 10:00' });
    expect(notADate.payload.fields?.map((f) => f.field)).toEqual(['arrivedAt']);
    const noWork = await record({ workDone: '   ' });
    expect(noWork.payload.fields?.map((f) => f.field)).toEqual(['workDone']);
    const noCompany = await record({ visitor: { kind: 'contractor', technician: 'Luis' } });
    expect(noCompany.payload.fields?.map((f) => f.field)).toEqual(['visitor.company']);
    const noAccount = await record({ visitor: { kind: 'staff' } });
    expect(noAccount.payload.fields?.map((f) => f.field)).toContain('visitor.accountId');
    const otherTicket = await record({ ticket: { ticketId: randomUUID(), ticketNumber: 22 } });
    expect(otherTicket.payload.code).toBe(ErrorCode.NotFound);
    const unknown = await record({ visitId: randomUUID() });
    expect(unknown.payload.code).toBe(ErrorCode.NotFound);
    const byRequester = await record({ actor: requester });
    expect(byRequester.payload.code).toBe(ErrorCode.Forbidden);
    const { rows } = await h.db.query('SELECT recorded_at FROM inventory.field_visits WHERE id = $1', [visitId]);
    expect(rows).toEqual([{ recorded_at: null }]);

    await h.request(InventoryRpc.RecordVisit, {
      actor: operator,
      ticket,
      visitId,
      visitor: contractor,
      arrivedAt: '2026-12-07T10:00:00-03:00',
      departedAt: '2026-12-07T10:00:00-03:00',
      workDone: 'Revisión',
    });
    const twice = await record({});
    expect(twice.payload.code).toBe(ErrorCode.Conflict);
  });
});
