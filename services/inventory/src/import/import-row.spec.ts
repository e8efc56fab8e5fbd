import { EQUIPMENT_CSV_COLUMNS, fieldMessage } from '@cau/contracts';
import { checkRows, planImport } from './import-plan.js';
import { columnName, fileColumns, headerProblems, readRow } from './import-row.js';

const TYPES = new Set(['pc', 'dispositivo_de_red']);
const LABELS = ['PC', 'Dispositivo de red'];
const header = [...EQUIPMENT_CSV_COLUMNS];
const columns = fileColumns(header);
const cells = (overrides: Record<number, string> = {}): string[] =>
  ['INV-1', 'SN1', 'PC', 'Dell', 'X', 'Central', '1', '12', 'SALUD', 'En uso', '2024-01-01', '', 'Prov', ''].map(
    (value, index) => overrides[index] ?? value,
  );

describe('CSV rows', () => {
  it('reads column names and catalogue values as people write them', () => {
    expect(columnName(' Número de Inventario ')).toBe('numero_inventario');
    expect(columnName('Fecha de compra')).toBe('fecha_compra');
    const read = readRow(columns, cells({ 2: 'Dispositivo de red', 9: 'Dado de baja' }), 2, TYPES, LABELS);
    expect(read).toMatchObject({
      ok: true,
      value: { type: 'dispositivo_de_red', state: 'dado_de_baja', warrantyUntil: null },
    });
  });

  it('names the line, the column and the value of each problem', () => {
    const read = readRow(columns, cells({ 0: '', 9: 'roto', 10: '2024-02-30', 13: '{"ram":8}' }), 7, TYPES, LABELS);
    expect(read.ok ? [] : read.problems.map((p) => [p.field, p.constraint, p.params?.[3]])).toEqual([
      ['file.7.numero_inventario', 'csvCell', 'isNotEmpty'],
      ['file.7.estado', 'csvCell', 'equipmentState'],
      ['file.7.atributos', 'csvCell', 'equipmentAttributes'],
      ['file.7.fecha_compra', 'csvCell', 'notADate'],
    ]);
    expect(readRow(columns, ['INV-1'], 3, TYPES, LABELS)).toEqual({
      ok: false,
      problems: [{ field: 'file.3', constraint: 'csvColumns', params: [14, 1, 3] }],
    });
  });

  it('says what is wrong as a person reads it: line, the column as the file names it, the value', () => {
    const written = fileColumns(['Número de inventario', 'Tipo', 'Estado', 'Fecha de compra', 'Garantía hasta']);
    const read = readRow(written, ['INV 1', 'impresoraa', 'perdido', '2024-05-01', '2024-01-01'], 3, TYPES, LABELS);
    const messages = read.ok ? [] : read.problems.map((p) => fieldMessage(p, 'es'));
    expect(messages).toEqual([
      'Línea 3, columna "Número de inventario": "INV 1" no es un número de inventario válido: empieza con una letra o un número y sigue con letras, números, puntos, guiones o barras, sin espacios.',
      'Línea 3, columna "Estado": "perdido" no es un estado conocido (En uso, En stock, En reparación, Dado de baja).',
      'Línea 3, columna "Tipo": "impresoraa" no es un tipo de equipo conocido (PC, Dispositivo de red).',
    ]);
    const dates = readRow(written, ['INV-1', 'pc', 'en uso', '2024-05-01', '2024-01-01'], 4, TYPES, LABELS);
    expect(dates.ok ? [] : dates.problems.map((p) => fieldMessage(p, 'en'))).toEqual([
      'Line 4, column "Garantía hasta": 2024-01-01 is earlier than the purchase date (column "Fecha de compra": 2024-05-01).',
    ]);
    const long = readRow(columns, cells({ 3: 'x'.repeat(101) }), 5, TYPES, LABELS);
    expect(long.ok ? '' : fieldMessage(long.problems[0]!, 'es')).toBe(
      `Línea 5, columna "marca": "${'x'.repeat(40)}…" tiene 101 caracteres; admite como máximo 100.`,
    );
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
      LABELS,
    );
    expect(checked).toEqual({
      ok: false,
      badLines: 1,
      problems: [
        {
          field: 'file.3.numero_inventario',
          constraint: 'csvCell',
          params: [3, 'numero_inventario', 'inv-1', 'duplicateInventoryNumber', [2]],
        },
      ],
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
      LABELS,
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
      fileColumns(['numero_inventario', 'tipo', 'estado']),
      TYPES,
      LABELS,
    );
    expect(plan.unchanged).toBe(1);
    expect(plan.change.map((c) => [c.id, c.data.state, c.data.brand])).toEqual([['INV-2', 'en_stock', 'Dell']]);
    expect(plan.create.map((c) => [c.data.inventoryNumber, c.data.brand])).toEqual([['INV-3', null]]);
  });
});
