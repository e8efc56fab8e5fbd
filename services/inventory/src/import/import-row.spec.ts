import { EQUIPMENT_CSV_COLUMNS } from '@cau/contracts';
import { checkRows, planImport } from './import-plan.js';
import { columnName, headerProblems, readRow } from './import-row.js';

const TYPES = new Set(['pc', 'dispositivo_de_red']);
const header = [...EQUIPMENT_CSV_COLUMNS];
const cells = (overrides: Record<number, string> = {}): string[] =>
  ['INV-1', 'SN1', 'PC', 'Dell', 'X', 'Central', '1', '12', 'SALUD', 'En uso', '2024-01-01', '', 'Prov', ''].map(
    (value, index) => overrides[index] ?? value,
  );

describe('CSV rows', () => {
  it('reads column names and catalogue values as people write them', () => {
    expect(columnName(' Número de Inventario ')).toBe('numero_inventario');
    expect(columnName('Fecha de compra')).toBe('fecha_compra');
    const read = readRow(header, cells({ 2: 'Dispositivo de red', 9: 'Dado de baja' }), 2, TYPES);
    expect(read).toMatchObject({
      ok: true,
      value: { type: 'dispositivo_de_red', state: 'dado_de_baja', warrantyUntil: null },
    });
  });

  it('names the line and the column of each problem', () => {
    const read = readRow(header, cells({ 0: '', 9: 'roto', 10: '2024-02-30', 13: '{"ram":8}' }), 7, TYPES);
    expect(read.ok ? [] : read.problems.map((p) => [p.field, p.constraint])).toEqual([
      ['file.7.numero_inventario', 'isNotEmpty'],
      ['file.7.estado', 'isIn'],
      ['file.7.atributos', 'equipmentAttributes'],
      ['file.7.fecha_compra', 'notADate'],
    ]);
    expect(readRow(header, ['INV-1'], 3, TYPES)).toEqual({
      ok: false,
      problems: [{ field: 'file.3', constraint: 'csvColumns', params: [14, 1] }],
    });
  });

  it('refuses a header without the required columns or with unknown ones', () => {
    expect(headerProblems(['numero_inventario', 'tipo', 'estado'])).toEqual([]);
    expect(headerProblems(['numero_inventario', 'tipo', 'color', 'tipo'])).toEqual([
      { field: 'file.1', constraint: 'csvHeader', params: [['estado'], ['color', 'tipo']] },
    ]);
  });

  it('refuses a number repeated in one file on its later line, whatever its case', () => {
    const checked = checkRows(
      header,
      [
        { line: 2, cells: cells() },
        { line: 3, cells: cells({ 0: 'inv-1' }) },
      ],
      TYPES,
    );
    expect(checked).toEqual({
      ok: false,
      badLines: 1,
      problems: [{ field: 'file.3.numero_inventario', constraint: 'duplicateInventoryNumber', params: [2] }],
    });
  });

  it('plans creations, changes and rows that change nothing; a partial row keeps the other fields', () => {
    const checked = checkRows(
      ['numero_inventario', 'tipo', 'estado'],
      [
        { line: 2, cells: ['INV-1', 'pc', 'en uso'] },
        { line: 3, cells: ['INV-2', 'pc', 'en stock'] },
        { line: 4, cells: ['INV-3', 'pc', 'en uso'] },
      ],
      TYPES,
    );
    if (!checked.ok) throw new Error('fixture');
    const stored = (n: string, state: 'en_uso' | 'en_stock') => ({
      id: n,
      data: {
        inventoryNumber: n,
        serial: 'S',
        type: 'pc',
        brand: 'Dell',
        model: null,
        building: null,
        floor: null,
        office: null,
        jurisdiction: null,
        state,
        purchaseDate: null,
        warrantyUntil: null,
        supplier: null,
        attributes: {},
      },
    });
    const plan = planImport(
      checked.rows,
      new Map([
        ['inv-1', stored('INV-1', 'en_uso')],
        ['inv-2', stored('INV-2', 'en_uso')],
      ]),
      TYPES,
    );
    expect(plan.unchanged).toBe(1);
    expect(plan.change.map((c) => [c.id, c.data.state, c.data.brand])).toEqual([['INV-2', 'en_stock', 'Dell']]);
    expect(plan.create.map((c) => [c.data.inventoryNumber, c.data.brand])).toEqual([['INV-3', null]]);
  });
});
