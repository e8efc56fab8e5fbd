import { randomUUID } from 'node:crypto';
import { ErrorCode, InventoryRpc } from '@cau/contracts';
import { InventoryHarness, actor } from './support.js';

jest.setTimeout(120_000);

const operator = actor('operator');
const requester = actor('requester');
/** A 1×1 PNG, as the portal's canvas sends a drawing. */
const DRAWING =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('inventory: sign-off (conformidad) of a field attention', () => {
  let h: InventoryHarness;
  beforeAll(async () => {
    h = await InventoryHarness.start('inv-sign-off');
  });
  afterAll(async () => {
    await h.stop();
  });

  const signOff = {
    conforme: true,
    comments: 'Equipo funcionando',
    user: { name: 'Ana Pérez', drawing: DRAWING },
    head: { name: 'Jefa del Departamento de Centros de Información' },
    repairStaff: { name: 'Luis Gómez', drawing: DRAWING },
  };

  it('refuses a ticket without a field attention; once a visit is recorded, keeps the three signatures and emits', async () => {
    const ticket = { ticketId: randomUUID(), ticketNumber: 41 };
    const early = await h.refusal(InventoryRpc.RecordSignOff, { actor: operator, ticket, signOff });
    expect(early.payload).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'inventory.sign-off-no-field-work' },
    });
    const none = await h.refusal(InventoryRpc.TicketSignOff, { actor: requester, ticket });
    expect(none.payload.code).toBe(ErrorCode.NotFound);

    const visitId = randomUUID();
    await h.request(InventoryRpc.PlanVisit, {
      actor: operator,
      ticket,
      visitId,
      plannedFor: '2026-12-07T10:00:00-03:00',
      visitor: { kind: 'contractor', company: 'Soporte SA', technician: 'Luis Gómez' },
    });
    const planned = await h.refusal(InventoryRpc.RecordSignOff, { actor: operator, ticket, signOff });
    expect(planned.payload.code).toBe(ErrorCode.Conflict);
    await h.request(InventoryRpc.RecordVisit, {
      actor: operator,
      ticket,
      visitId,
      visitor: { kind: 'contractor', company: 'Soporte SA', technician: 'Luis Gómez' },
      arrivedAt: '2026-12-07T10:00:00-03:00',
      departedAt: '2026-12-07T11:00:00-03:00',
      workDone: 'Cambio de fuente.',
    });
    const signed = await h.request(InventoryRpc.RecordSignOff, { actor: operator, ticket, signOff });
    expect(signed).toMatchObject({
      ticketNumber: 41,
      conforme: true,
      comments: 'Equipo funcionando',
      user: { name: 'Ana Pérez', drawing: DRAWING },
      head: { name: 'Jefa del Departamento de Centros de Información', drawing: null },
      repairStaff: { name: 'Luis Gómez', drawing: DRAWING },
      recordedBy: { accountId: operator.accountId },
    });
    const read = await h.request(InventoryRpc.TicketSignOff, { actor: requester, ticket });
    expect(read).toEqual(signed);
    const events = await h.eventsWhenThere(3);
    expect(events.at(-1)).toMatchObject({
      type: 'field.signed-off',
      ticketId: ticket.ticketId,
      data: { ticketNumber: 41, conforme: true },
    });
  });

  it('refuses a missing signature, a drawing that is not a PNG, and requesters; stores nothing', async () => {
    const ticket = { ticketId: randomUUID(), ticketNumber: 42 };
    const noHead = await h.refusal(InventoryRpc.RecordSignOff, {
      actor: operator,
      ticket,
      signOff: { ...signOff, head: { name: ' ' } },
    });
    expect(noHead.payload.fields?.map((f) => f.field)).toEqual(['signOff.head.name']);
    const notPng = await h.refusal(InventoryRpc.RecordSignOff, {
      actor: operator,
      ticket,
      signOff: { ...signOff, user: { name: 'Ana', drawing: 'data:image/svg+xml;base64,PHN2Zz4=' } },
    });
    expect(notPng.payload.fields?.map((f) => f.field)).toEqual(['signOff.user.drawing']);
    const noConformity = await h.refusal(InventoryRpc.RecordSignOff, {
      actor: operator,
      ticket,
      signOff: { ...signOff, conforme: 'sí' },
    });
    expect(noConformity.payload.fields?.map((f) => f.field)).toEqual(['signOff.conforme']);
    const byRequester = await h.refusal(InventoryRpc.RecordSignOff, { actor: requester, ticket, signOff });
    expect(byRequester.payload.code).toBe(ErrorCode.Forbidden);
    const { rows } = await h.db.query('SELECT 1 FROM inventory.sign_offs WHERE ticket_number = 42');
    expect(rows).toEqual([]);
  });
});
