import {
  EQUIPMENT_CSV_COLUMNS,
  ErrorCode,
  InventoryRpc,
  type EquipmentHistoryEntryV1,
  type EquipmentPageV1,
} from '@cau/contracts';
import { InventoryHarness, actor } from './support.js';

jest.setTimeout(180_000);

const supervisor = actor('supervisor');
const operator = actor('operator');
const header = [...EQUIPMENT_CSV_COLUMNS];

/** A good row (line = its line in the file; the header is line 1). */
function row(i: number): string[] {
  return [
    `INV-${String(i).padStart(6, '0')}`,
    `SN${i}`,
    ['pc', 'Notebook', 'impresora', 'Monitor', 'Dispositivo de red', 'Teléfono', 'otro'][i % 7]!,
    'Dell',
    `Optiplex ${i % 10}`,
    'Edificio Central',
    String(i % 5),
    `Oficina ${i % 40}`,
    i % 2 === 0 ? 'SALUD' : 'EDUCACION',
    ['en uso', 'En stock', 'en_reparacion', 'Dado de baja'][i % 4]!,
    '2023-05-10',
    i % 3 === 0 ? '' : '2026-05-10',
    'Proveedora SA',
    i % 10 === 0 ? '{"ram":"8 GB"}' : '',
  ];
}

/** 20 rows broken in 20 different ways a real register gets wrong. */
const BREAKAGES: Array<[string, (cells: string[]) => void]> = [
  ['numero_inventario', (c) => (c[0] = '')],
  ['numero_inventario', (c) => (c[0] = 'INV 12')],
  ['tipo', (c) => (c[2] = 'tostadora')],
  ['tipo', (c) => (c[2] = '')],
  ['estado', (c) => (c[9] = 'perdido')],
  ['fecha_compra', (c) => (c[10] = '2023-02-30')],
  ['fecha_compra', (c) => (c[10] = '10/05/2023')],
  ['garantia_hasta', (c) => (c[11] = '2020-01-01')],
  ['atributos', (c) => (c[13] = '{ram: 8}')],
  ['atributos', (c) => (c[13] = '{"ram": 8}')],
  ['serie', (c) => (c[1] = 'x'.repeat(101))],
  ['marca', (c) => (c[3] = 'x'.repeat(101))],
  ['jurisdiccion', (c) => (c[8] = 'x'.repeat(65))],
  ['estado', (c) => (c[9] = '')],
  ['garantia_hasta', (c) => (c[11] = 'mañana')],
  ['proveedor', (c) => (c[12] = 'x'.repeat(201))],
  ['tipo', (c) => (c[2] = 'PC portátil')],
  ['estado', (c) => (c[9] = 'roto')],
  ['numero_inventario', (c) => (c[0] = '-INV')],
  ['atributos', (c) => (c[13] = '[1,2]')],
];

describe('inventory: CSV import', () => {
  let h: InventoryHarness;
  beforeAll(async () => {
    h = await InventoryHarness.start('inv-import');
  });
  afterAll(async () => {
    await h.stop();
  });

  it('refuses a 5,000-row file with 20 bad rows naming each line; imports the 4,980 good ones once', async () => {
    const rows: Array<[number, string[]]> = [];
    for (let i = 1; i <= 5_000; i++) rows.push([i + 1, row(i)]);
    const badLines = BREAKAGES.map((_, k) => 100 + k * 237);
    BREAKAGES.forEach(([, breakIt], k) => breakIt(rows[badLines[k]! - 2]![1]));

    const refused = await h.import(supervisor, header, rows).then(
      () => null,
      (error: unknown) =>
        error as {
          payload: { code: string; fields: Array<{ field: string; constraint: string; params?: unknown[] }> };
        },
    );
    expect(refused?.payload.code).toBe(ErrorCode.Validation);
    expect(refused?.payload.fields[0]).toEqual({ field: 'file', constraint: 'csvRefused', params: [20] });
    const named = refused!.payload.fields.slice(1).map((f) => f.field);
    expect(new Set(named.map((f) => Number(f.split('.')[1])))).toEqual(new Set(badLines));
    BREAKAGES.forEach(([column], k) => expect(named).toContain(`file.${badLines[k]}.${column}`));
    expect(await h.count('equipment')).toBe(0);
    expect(await h.count('import_rows')).toBe(0);

    const good = rows.filter(([line]) => !badLines.includes(line));
    const first = await h.import(supervisor, header, good);
    expect(first).toEqual({ rows: 4_980, created: 4_980, changed: 0, unchanged: 0 });
    expect(await h.count('equipment')).toBe(4_980);
    const events = await h.eventsWhenThere(5);
    expect(events.map((e) => e.type)).toEqual(Array(5).fill('equipment.imported'));
    expect(events.flatMap((e) => e.data.records as unknown[])).toHaveLength(4_980);

    const again = await h.import(supervisor, header, good);
    expect(again).toEqual({ rows: 4_980, created: 0, changed: 0, unchanged: 4_980 });
    expect(await h.count('equipment_history')).toBe(4_980);

    // One changed cell changes one record, and its history says what it was.
    const edited = good.map(([line, cells]): [number, string[]] => [line, [...cells]]);
    edited[0]![1][7] = 'Oficina nueva';
    const third = await h.import(supervisor, header, edited);
    expect(third).toEqual({ rows: 4_980, created: 0, changed: 1, unchanged: 4_979 });
    const page: EquipmentPageV1 = await h.request(InventoryRpc.ListEquipment, {
      actor: operator,
      params: { text: 'INV-000001' },
    });
    expect(page.items[0]).toMatchObject({ type: 'notebook', state: 'en_stock', location: { office: 'Oficina nueva' } });
    const history: EquipmentHistoryEntryV1[] = await h.request(InventoryRpc.EquipmentHistory, {
      actor: operator,
      id: page.items[0]!.id,
    });
    expect(history.map((e) => [e.action, e.before?.office ?? null, e.after?.office])).toEqual([
      ['imported', 'Oficina 1', 'Oficina nueva'],
      ['imported', null, 'Oficina 1'],
    ]);
  });

  it('refuses a repeated inventory number, a bad header and a file without rows', async () => {
    const repeated = await h
      .import(supervisor, header, [
        [2, row(900_001)],
        [3, row(900_002)],
        [4, [...row(900_001).map((c, i) => (i === 0 ? c.toLowerCase() : c))]],
      ])
      .catch((error: { payload: unknown }) => error.payload);
    expect(repeated).toMatchObject({
      code: ErrorCode.Validation,
      fields: [
        { field: 'file', constraint: 'csvRefused', params: [1] },
        {
          field: 'file.4.numero_inventario',
          constraint: 'csvCell',
          params: [4, 'numero_inventario', 'inv-900001', 'duplicateInventoryNumber', [2]],
        },
      ],
    });
    const badHeader = await h
      .import(supervisor, ['numero_inventario', 'tipo', 'colour'], [[2, ['X-1', 'pc', 'rojo']]])
      .catch((error: { payload: unknown }) => error.payload);
    expect(badHeader).toMatchObject({
      fields: [
        { field: 'file', constraint: 'csvRefused', params: [1] },
        { field: 'file.1', constraint: 'csvHeader', params: [['estado'], ['colour']] },
      ],
    });
    const empty = await h.import(supervisor, header, []).catch((error: { payload: unknown }) => error.payload);
    expect(empty).toMatchObject({ fields: [{ field: 'file', constraint: 'csvEmpty' }] });
  });

  it('takes a file of some columns, keeping the others; only supervisors and administrators import', async () => {
    const partial = await h.import(
      supervisor,
      ['Número de inventario', 'Tipo', 'Estado'],
      [[2, ['INV-000002', 'Monitor', 'en reparación']]],
    );
    expect(partial).toEqual({ rows: 1, created: 0, changed: 1, unchanged: 0 });
    const page: EquipmentPageV1 = await h.request(InventoryRpc.ListEquipment, {
      actor: operator,
      params: { text: 'INV-000002' },
    });
    expect(page.items[0]).toMatchObject({ type: 'monitor', state: 'en_reparacion', brand: 'Dell', serial: 'SN2' });

    const refused = await h.refusal(InventoryRpc.StageImport, {
      actor: operator,
      importId: '00000000-0000-4000-8000-000000000001',
      header,
      rows: JSON.stringify([[2, row(1)]]),
    });
    expect(refused.payload.code).toBe(ErrorCode.Forbidden);
  });
});
