import {
  ErrorCode,
  InventoryRpc,
  type EquipmentFieldsV1,
  type EquipmentPageV1,
  type EquipmentV1,
} from '@cau/contracts';
import { InventoryHarness, actor } from './support.js';

jest.setTimeout(120_000);

const operator = actor('operator');
const requester = actor('requester');

const printer = (overrides: Partial<EquipmentFieldsV1> = {}): EquipmentFieldsV1 => ({
  inventoryNumber: 'INV-0001',
  serial: 'SN-AAA-1',
  type: 'impresora',
  brand: 'HP',
  model: 'LaserJet 4000',
  location: { building: 'Casa de Gobierno', floor: '2', office: '204' },
  jurisdiction: 'SALUD',
  state: 'en_uso',
  purchaseDate: '2022-03-01',
  warrantyUntil: '2025-03-01',
  supplier: 'Proveedora SA',
  attributes: { toner: 'CE255A' },
  ...overrides,
});

describe('inventory: equipment', () => {
  let h: InventoryHarness;
  beforeAll(async () => {
    h = await InventoryHarness.start('inv-equipment');
  });
  afterAll(async () => {
    await h.stop();
  });

  const register = (fields: EquipmentFieldsV1): Promise<EquipmentV1> =>
    h.request(InventoryRpc.RegisterEquipment, { actor: operator, equipment: fields });

  it('registers, reads, changes and keeps every change with the record before and after', async () => {
    const created = await register(printer());
    expect(created).toMatchObject({
      revision: 1,
      inventoryNumber: 'INV-0001',
      location: { building: 'Casa de Gobierno', floor: '2', office: '204' },
      purchaseDate: '2022-03-01',
      attributes: { toner: 'CE255A' },
      custody: null,
    });
    const read = await h.request(InventoryRpc.GetEquipment, { actor: operator, id: created.id });
    expect(read).toEqual(created);

    const changed = await h.request(InventoryRpc.ChangeEquipment, {
      actor: operator,
      id: created.id,
      changes: { revision: 1, state: 'en_reparacion', location: { office: '210' }, brand: null },
    });
    expect(changed).toMatchObject({
      revision: 2,
      state: 'en_reparacion',
      brand: null,
      location: { building: 'Casa de Gobierno', floor: '2', office: '210' },
    });

    const history = await h.request(InventoryRpc.EquipmentHistory, {
      actor: operator,
      id: created.id,
    });
    expect(history.map((e) => e.action)).toEqual(['changed', 'registered']);
    expect(history[0]).toMatchObject({
      actor: { accountId: operator.accountId, name: operator.name },
      before: { state: 'en_uso', office: '204', brand: 'HP' },
      after: { state: 'en_reparacion', office: '210', brand: null },
    });

    // An edit on top of an old revision would silently undo the other one.
    const stale = await h.refusal(InventoryRpc.ChangeEquipment, {
      actor: operator,
      id: created.id,
      changes: { revision: 1, state: 'en_stock' },
    });
    expect(stale.payload.code).toBe(ErrorCode.Conflict);

    const events = await h.eventsWhenThere(2);
    expect(events.map((e) => [e.type, e.data.revision])).toEqual([
      ['equipment.registered', 1],
      ['equipment.changed', 2],
    ]);
  });

  it('refuses a duplicate inventory number (any case), an unknown type, bad dates and an unknown id', async () => {
    await register(printer({ inventoryNumber: 'DUP-1' }));
    const duplicate = await h.refusal(InventoryRpc.RegisterEquipment, {
      actor: operator,
      equipment: printer({ inventoryNumber: 'dup-1' }),
    });
    expect(duplicate.payload.code).toBe(ErrorCode.Conflict);

    const type = await h.refusal(InventoryRpc.RegisterEquipment, {
      actor: operator,
      equipment: printer({ inventoryNumber: 'T-1', type: 'tostadora' }),
    });
    expect(type.payload).toMatchObject({
      code: ErrorCode.Validation,
      fields: [{ field: 'type', constraint: 'unknownEquipmentType' }],
    });

    const dates = await h.refusal(InventoryRpc.RegisterEquipment, {
      actor: operator,
      equipment: printer({ inventoryNumber: 'D-1', purchaseDate: '2024-02-30', warrantyUntil: '2023-01-01' }),
    });
    expect(dates.payload.fields).toEqual([{ field: 'purchaseDate', constraint: 'notADate', params: ['2024-02-30'] }]);
    const order = await h.refusal(InventoryRpc.RegisterEquipment, {
      actor: operator,
      equipment: printer({ inventoryNumber: 'D-2', purchaseDate: '2024-02-01', warrantyUntil: '2023-01-01' }),
    });
    expect(order.payload.fields).toEqual([
      { field: 'warrantyUntil', constraint: 'dateRange', params: ['purchaseDate'] },
    ]);

    const attributes = await h.refusal(InventoryRpc.RegisterEquipment, {
      actor: operator,
      equipment: printer({ inventoryNumber: 'A-1', attributes: { ram: 8 } as unknown as Record<string, string> }),
    });
    expect(attributes.payload.fields?.[0]).toMatchObject({ field: 'attributes', constraint: 'equipmentAttributes' });

    const unknown = await h.refusal(InventoryRpc.GetEquipment, {
      actor: operator,
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.payload).toMatchObject({ code: ErrorCode.NotFound, params: { resource: 'equipment' } });

    const forbidden = await h.refusal(InventoryRpc.ListEquipment, { actor: requester, params: {} });
    expect(forbidden.payload.code).toBe(ErrorCode.Forbidden);
    expect(await h.count('equipment')).toBe(2);
  });

  it('lists with filters, text search and keyset pages', async () => {
    for (let i = 1; i <= 7; i++) {
      await register(
        printer({
          inventoryNumber: `PG-${String(i).padStart(3, '0')}`,
          serial: `SERIE-${i}`,
          type: i % 2 === 0 ? 'monitor' : 'pc',
          brand: i === 3 ? 'Lenovo' : 'Dell',
          jurisdiction: i <= 4 ? 'EDUCACION' : 'SALUD',
        }),
      );
    }
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page: EquipmentPageV1 = await h.request(InventoryRpc.ListEquipment, {
        actor: operator,
        params: { jurisdiction: 'EDUCACION', limit: 3, ...(cursor ? { cursor } : {}) },
      });
      pages.push(page.items.map((e) => e.inventoryNumber));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([['PG-001', 'PG-002', 'PG-003'], ['PG-004']]);

    const monitors: EquipmentPageV1 = await h.request(InventoryRpc.ListEquipment, {
      actor: operator,
      params: { type: 'monitor', text: 'pg-00' },
    });
    expect(monitors.items.map((e) => e.inventoryNumber)).toEqual(['PG-002', 'PG-004', 'PG-006']);

    const bySerial: EquipmentPageV1 = await h.request(InventoryRpc.ListEquipment, {
      actor: operator,
      params: { text: 'serie-5' },
    });
    expect(bySerial.items.map((e) => e.inventoryNumber)).toEqual(['PG-005']);
    const byBrand: EquipmentPageV1 = await h.request(InventoryRpc.ListEquipment, {
      actor: operator,
      params: { text: 'lenov' },
    });
    expect(byBrand.items.map((e) => e.inventoryNumber)).toEqual(['PG-003']);
    const literal: EquipmentPageV1 = await h.request(InventoryRpc.ListEquipment, {
      actor: operator,
      params: { text: '%' },
    });
    expect(literal.items).toEqual([]);

    // A text that is exactly a number (or a serial) answers that equipment, not every number containing it.
    await register(printer({ inventoryNumber: 'PG-0011', serial: 'OTRA', type: 'pc', jurisdiction: 'SALUD' }));
    const search = async (text: string): Promise<string[]> =>
      (await h.request(InventoryRpc.ListEquipment, { actor: operator, params: { text } })).items.map(
        (e) => e.inventoryNumber,
      );
    expect(await search('pg-001')).toEqual(['PG-001']);
    expect(await search('SERIE-1')).toEqual(['PG-001']);
    expect(await search('pg-001 ')).toEqual(['PG-001']);
    expect(await search('g-001')).toEqual(['PG-001', 'PG-0011']);

    const badCursor = await h.refusal(InventoryRpc.ListEquipment, { actor: operator, params: { cursor: '!!' } });
    expect(badCursor.payload.fields).toEqual([{ field: 'cursor', constraint: 'listCursor' }]);
  });
});
