import { randomUUID } from 'node:crypto';
import { ErrorCode, InventoryRpc, type EquipmentState, type EquipmentV1 } from '@cau/contracts';
import { pdfText } from '@cau/testing';
import { InventoryHarness, actor } from './support.js';

jest.setTimeout(120_000);

const operator = actor('operator');
const requester = actor('requester');

describe('inventory: equipment out for repair (F03)', () => {
  let h: InventoryHarness;
  const ana = randomUUID();
  beforeAll(async () => {
    h = await InventoryHarness.start('inv-repairs', { intake: true });
    await h.db.query(
      `INSERT INTO intake.requesters (id, email, name) VALUES ($1, 'ana.perez@salud.gob', 'Ana Pérez')`,
      [ana],
    );
  });
  afterAll(async () => {
    await h.stop();
  });

  const ticket = { ticketId: randomUUID(), ticketNumber: 31 };
  const register = (inventoryNumber: string, state: EquipmentState = 'en_uso'): Promise<EquipmentV1> =>
    h.request(InventoryRpc.RegisterEquipment, {
      actor: operator,
      equipment: {
        inventoryNumber,
        serial: `SN-${inventoryNumber}`,
        type: 'notebook',
        brand: 'Lenovo',
        model: 'ThinkPad',
        state,
      },
    });
  const out = (equipmentId: string, overrides: Record<string, unknown> = {}) => ({
    actor: operator,
    ticket,
    repair: {
      equipmentId,
      takenBy: 'Luis Gómez (Soporte Técnico SA)',
      destination: 'Taller de Soporte Técnico SA',
      expectedReturn: '2099-01-15',
      reportNumber: 'ST-889',
      reason: 'No enciende: falla de la placa madre, se repara en el taller.',
      ...overrides,
    },
  });
  const get = (id: string) => h.request(InventoryRpc.GetEquipment, { actor: operator, id });

  it('a machine leaves (en_reparacion, custody frozen), prints its F03, comes back to its holder, and the page lists it', async () => {
    const nb = await register('NB-0031');
    await h.request(InventoryRpc.AssignCustody, { actor: operator, id: nb.id, custody: { requesterId: ana } });
    const left = await h.request(InventoryRpc.RecordRepairOut, out(nb.id));
    expect(left).toMatchObject({
      ticketNumber: 31,
      equipment: { inventoryNumber: 'NB-0031', state: 'en_reparacion' },
      reportNumber: 'ST-889',
      returnedOn: null,
    });
    expect((await get(nb.id)).state).toBe('en_reparacion');
    const transfer = await h.refusal(InventoryRpc.AssignCustody, {
      actor: operator,
      id: nb.id,
      custody: { requesterId: ana },
    });
    expect(transfer.payload.code).toBe(ErrorCode.Conflict);
    const twice = await h.refusal(InventoryRpc.RecordRepairOut, out(nb.id));
    expect(twice.payload).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'inventory.in-repair' },
    });

    const form = await h.request(InventoryRpc.RepairForm, {
      actor: requester,
      ticket,
      repairId: left.id,
    });
    expect(form.filename).toBe('F03-ticket-31-NB-0031.pdf');
    const text = await pdfText(Buffer.from(form.pdf, 'base64'));
    for (const expected of [
      'Salida de Equipo de Cómputo',
      'MP414-PR15-P01-F03',
      'NB-0031',
      'Lenovo ThinkPad',
      'Luis Gómez (Soporte Técnico SA)',
      'Taller de Soporte Técnico SA',
      '15/01/2099',
      'ST-889',
      'falla de la placa madre',
      'Retira el equipo',
    ]) {
      expect(text).toContain(expected);
    }

    const back = await h.request(InventoryRpc.RecordRepairReturn, {
      actor: operator,
      ticket,
      repairId: left.id,
      repair: { returnedOn: '2099-01-14', condition: 'funciona', note: 'Placa reemplazada' },
    });
    expect(back).toMatchObject({ returnedOn: '2099-01-14', condition: 'funciona', equipment: { state: 'en_uso' } });
    expect((await get(nb.id)).custody?.holder.name).toBe('Ana Pérez');
    const again = await h.refusal(InventoryRpc.RecordRepairReturn, {
      actor: operator,
      ticket,
      repairId: left.id,
      repair: { returnedOn: '2099-01-14', condition: 'funciona' },
    });
    expect(again.payload.code).toBe(ErrorCode.Conflict);
    const returnedForm = await pdfText(
      Buffer.from(
        (await h.request(InventoryRpc.RepairForm, { actor: operator, ticket, repairId: left.id })).pdf,
        'base64',
      ),
    );
    expect(returnedForm).toContain('Funciona');
    expect(returnedForm).toContain('Placa reemplazada');

    const stock = await register('NB-0032', 'en_stock');
    const stockOut = await h.request(InventoryRpc.RecordRepairOut, out(stock.id));
    const stockBack = await h.request(InventoryRpc.RecordRepairReturn, {
      actor: operator,
      ticket,
      repairId: stockOut.id,
      repair: { returnedOn: '2099-01-01', condition: 'reemplazado' },
    });
    expect(stockBack.equipment.state).toBe('en_stock');

    const page = await h.request(InventoryRpc.EquipmentRepairs, { actor: operator, id: nb.id });
    expect(page.map((r) => r.id)).toEqual([left.id]);
    const onTicket = await h.request(InventoryRpc.TicketRepairs, { actor: requester, ticket });
    expect(onTicket.map((r) => r.equipment.inventoryNumber)).toEqual(['NB-0031', 'NB-0032']);
    const events = await h.eventsWhenThere(11);
    expect(events.filter((e) => e.type.startsWith('equipment.repair-')).map((e) => [e.type, e.ticketId])).toEqual([
      ['equipment.repair-out', ticket.ticketId],
      ['equipment.repair-returned', ticket.ticketId],
      ['equipment.repair-out', ticket.ticketId],
      ['equipment.repair-returned', ticket.ticketId],
    ]);
  });

  it('refuses unknown or retired equipment, past dates, bad conditions, other tickets and requesters; stores nothing', async () => {
    const before = await h.count('repairs');
    const nb = await register('NB-0033');
    const retired = await register('NB-0034', 'dado_de_baja');
    const unknown = await h.refusal(InventoryRpc.RecordRepairOut, out(randomUUID()));
    expect(unknown.payload.fields?.map((f) => f.field)).toEqual(['equipmentId']);
    expect((await h.refusal(InventoryRpc.RecordRepairOut, out(retired.id))).payload.code).toBe(ErrorCode.Conflict);
    const past = await h.refusal(InventoryRpc.RecordRepairOut, out(nb.id, { expectedReturn: '2020-01-01' }));
    expect(past.payload.fields).toEqual([{ field: 'expectedReturn', constraint: 'dateRange', params: ['leftAt'] }]);
    const notADay = await h.refusal(InventoryRpc.RecordRepairOut, out(nb.id, { expectedReturn: '2099-02-30' }));
    expect(notADay.payload.fields?.[0]?.constraint).toBe('notADate');
    const noReason = await h.refusal(InventoryRpc.RecordRepairOut, out(nb.id, { reason: ' ' }));
    expect(noReason.payload.fields?.map((f) => f.field)).toEqual(['repair.reason']);
    const byRequester = await h.refusal(InventoryRpc.RecordRepairOut, { ...out(nb.id), actor: requester });
    expect(byRequester.payload.code).toBe(ErrorCode.Forbidden);
    expect(await h.count('repairs')).toBe(before);
    expect((await get(nb.id)).state).toBe('en_uso');

    const left = await h.request(InventoryRpc.RecordRepairOut, out(nb.id));
    const badReturn = (repair: Record<string, unknown>, other = ticket) =>
      h.refusal(InventoryRpc.RecordRepairReturn, { actor: operator, ticket: other, repairId: left.id, repair });
    expect((await badReturn({ returnedOn: '2020-01-01', condition: 'funciona' })).payload.fields?.[0]?.field).toBe(
      'returnedOn',
    );
    expect((await badReturn({ returnedOn: '2099-01-01', condition: 'roto' })).payload.fields?.[0]?.field).toBe(
      'repair.condition',
    );
    const otherTicket = await badReturn(
      { returnedOn: '2099-01-01', condition: 'funciona' },
      {
        ticketId: randomUUID(),
        ticketNumber: 32,
      },
    );
    expect(otherTicket.payload.code).toBe(ErrorCode.NotFound);
    const otherForm = await h.refusal(InventoryRpc.RepairForm, {
      actor: operator,
      ticket: { ticketId: randomUUID(), ticketNumber: 32 },
      repairId: left.id,
    });
    expect(otherForm.payload.code).toBe(ErrorCode.NotFound);
    expect((await get(nb.id)).state).toBe('en_reparacion');
  });
});
