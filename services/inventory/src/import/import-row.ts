import {
  EQUIPMENT_CSV_COLUMNS,
  EQUIPMENT_STATES,
  INVENTORY_NUMBER_PATTERN,
  InventoryLimits,
  Limits,
  type EquipmentCsvColumn,
  type EquipmentState,
  type FieldProblem,
} from '@cau/contracts';
import { attributesProblem, crossFieldProblems, text, type EquipmentData } from '../equipment/equipment.js';

const REQUIRED_COLUMNS: readonly EquipmentCsvColumn[] = ['numero_inventario', 'tipo', 'estado'];
const KNOWN_COLUMNS: ReadonlySet<string> = new Set(EQUIPMENT_CSV_COLUMNS);
const STATES: ReadonlySet<string> = new Set(EQUIPMENT_STATES);

/** Problems with the header itself: a required column missing, or one we do not know (a typo would lose data). */
export function headerProblems(header: readonly string[]): FieldProblem[] {
  const names = header.map(columnName);
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  const unknown = names.filter((name) => !KNOWN_COLUMNS.has(name));
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (missing.length === 0 && unknown.length === 0 && repeated.length === 0) return [];
  return [{ field: 'file.1', constraint: 'csvHeader', params: [missing, [...unknown, ...repeated]] }];
}

/** Column names as people write them: case, accents, spaces and "de" ignored ("Número de inventario"). */
export function columnName(raw: string): string {
  return catalogueCode(raw).replace(/_de_/g, '_');
}

/** "Dispositivo de red" → `dispositivo_de_red`, "En reparación" → `en_reparacion`. */
export function catalogueCode(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * One CSV row read into the columns the file has. Columns the file does not have stay undefined, so an
 * import of some columns keeps the others; a blank cell clears an optional field.
 */
export type RowData = Partial<EquipmentData> & Pick<EquipmentData, 'inventoryNumber' | 'type' | 'state'>;

/** A column of the file: the code it is read as and its name as the file writes it (for messages). */
export interface FileColumn {
  code: string;
  name: string;
}

/** The header read once per file, not once per row (100,000 rows × 14 columns of Unicode normalization). */
export function fileColumns(header: readonly string[]): FileColumn[] {
  return header.map((name) => ({ code: columnName(name), name: name.trim() }));
}

/** Longer cells are cut in messages: the person recognises the value without a page of it. */
const QUOTED_VALUE_MAX = 40;

/**
 * A problem with one cell, as a person reads it: «Línea 3, columna "tipo": …». `field` stays
 * `file.<line>.<column code>` for programs; the params carry the line, the column as the file names it,
 * the cell's value and the reason (a constraint and its params).
 */
export function cellProblem(
  line: number,
  column: FileColumn,
  value: string,
  reason: string,
  reasonParams: readonly unknown[] = [],
): FieldProblem {
  const shown = value.length > QUOTED_VALUE_MAX ? `${value.slice(0, QUOTED_VALUE_MAX)}…` : value;
  return {
    field: `file.${line}.${column.code}`,
    constraint: 'csvCell',
    params: [line, column.name, shown, reason, reasonParams],
  };
}

/** The file's column for a code, or the code itself when the file does not have it (a stored value's column). */
function columnFor(columns: readonly FileColumn[], code: string): FileColumn {
  return columns.find((c) => c.code === code) ?? { code, name: code };
}

const TYPE_FIELD_COLUMN = { type: 'tipo', purchaseDate: 'fecha_compra', warrantyUntil: 'garantia_hasta' } as const;

/**
 * The rules beyond one cell (type in the catalogue, real days, warranty not before purchase) as cell
 * problems of `line`. `typeLabels` are the catalogue's names as people write them in the file.
 */
export function crossCellProblems(
  line: number,
  columns: readonly FileColumn[],
  data: Pick<EquipmentData, 'type' | 'purchaseDate' | 'warrantyUntil'>,
  types: ReadonlySet<string>,
  typeLabels: readonly string[],
  typeAsWritten: string = data.type,
): FieldProblem[] {
  return crossFieldProblems(data, types).map((problem) => {
    const name = problem.field as keyof typeof TYPE_FIELD_COLUMN;
    const column = columnFor(columns, TYPE_FIELD_COLUMN[name]);
    if (problem.constraint === 'unknownEquipmentType') {
      return cellProblem(line, column, typeAsWritten, 'unknownEquipmentType', [typeLabels]);
    }
    if (problem.constraint === 'dateRange') {
      const purchase = columnFor(columns, TYPE_FIELD_COLUMN.purchaseDate);
      return cellProblem(line, column, data.warrantyUntil ?? '', 'dateRange', [purchase.name, data.purchaseDate]);
    }
    return cellProblem(line, column, String(data[name] ?? ''), problem.constraint, problem.params);
  });
}

/**
 * Reads one row of an import. Each problem names the line, the column and the value (`cellProblem`), so
 * the refusal tells a person what to fix. Pure: the type catalogue is passed in.
 */
export function readRow(
  columns: readonly FileColumn[],
  cells: readonly string[],
  line: number,
  types: ReadonlySet<string>,
  typeLabels: readonly string[],
): { ok: true; value: RowData } | { ok: false; problems: FieldProblem[] } {
  if (cells.length !== columns.length) {
    return {
      ok: false,
      problems: [{ field: `file.${line}`, constraint: 'csvColumns', params: [columns.length, cells.length, line] }],
    };
  }
  const problems: FieldProblem[] = [];
  const row: Partial<Record<EquipmentCsvColumn, string>> = {};
  const columnOf: Partial<Record<EquipmentCsvColumn, FileColumn>> = {};
  columns.forEach((column, index) => {
    row[column.code as EquipmentCsvColumn] = cells[index] ?? '';
    columnOf[column.code as EquipmentCsvColumn] = column;
  });
  const problem = (code: EquipmentCsvColumn, reason: string, params?: readonly unknown[]): void => {
    problems.push(cellProblem(line, columnOf[code] ?? { code, name: code }, row[code] ?? '', reason, params));
  };

  const limited = (column: EquipmentCsvColumn, max: number): string | null | undefined => {
    const raw = row[column];
    if (raw === undefined) return undefined;
    const value = text(raw);
    if (value !== null && value.length > max) problem(column, 'maxLength', [max, value.length]);
    return value;
  };

  const inventoryNumber = text(row.numero_inventario) ?? '';
  if (inventoryNumber === '') {
    problem('numero_inventario', 'isNotEmpty');
  } else if (inventoryNumber.length > InventoryLimits.inventoryNumber) {
    problem('numero_inventario', 'maxLength', [InventoryLimits.inventoryNumber, inventoryNumber.length]);
  } else if (!INVENTORY_NUMBER_PATTERN.test(inventoryNumber)) {
    problem('numero_inventario', 'inventoryNumberPattern');
  }

  const type = catalogueCode(row.tipo ?? '');
  if (type === '') problem('tipo', 'isNotEmpty');

  const state = catalogueCode(row.estado ?? '');
  if (state === '') problem('estado', 'isNotEmpty');
  else if (!STATES.has(state)) problem('estado', 'equipmentState');

  const date = (column: 'fecha_compra' | 'garantia_hasta'): string | null | undefined =>
    row[column] === undefined ? undefined : text(row[column]);

  let attributes: Record<string, string> | undefined;
  if (row.atributos !== undefined) {
    const raw = text(row.atributos);
    if (raw === null) attributes = {};
    else {
      try {
        const parsed: unknown = JSON.parse(raw);
        const trouble = attributesProblem(parsed, 'atributos');
        if (trouble) problem('atributos', trouble.constraint, trouble.params);
        else attributes = parsed as Record<string, string>;
      } catch {
        problem('atributos', 'csvJson');
      }
    }
  }

  const value: RowData = {
    inventoryNumber,
    type,
    state: state as EquipmentState,
    serial: limited('serie', InventoryLimits.serial),
    brand: limited('marca', InventoryLimits.label),
    model: limited('modelo', InventoryLimits.label),
    building: limited('edificio', InventoryLimits.label),
    floor: limited('piso', InventoryLimits.label),
    office: limited('oficina', InventoryLimits.label),
    jurisdiction: limited('jurisdiccion', Limits.jurisdictionCode),
    supplier: limited('proveedor', InventoryLimits.supplier),
    purchaseDate: date('fecha_compra'),
    warrantyUntil: date('garantia_hasta'),
    attributes,
  };
  if (type !== '') {
    problems.push(
      ...crossCellProblems(
        line,
        columns,
        { type, purchaseDate: value.purchaseDate ?? null, warrantyUntil: value.warrantyUntil ?? null },
        types,
        typeLabels,
        text(row.tipo) ?? '',
      ),
    );
  }
  for (const key of Object.keys(value) as Array<keyof RowData>) if (value[key] === undefined) delete value[key];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** The record a row makes: over the current one when the equipment exists, else over empty fields. */
export function mergeRow(current: EquipmentData | null, row: RowData): EquipmentData {
  const base: EquipmentData = current ?? {
    inventoryNumber: row.inventoryNumber,
    serial: null,
    type: row.type,
    brand: null,
    model: null,
    building: null,
    floor: null,
    office: null,
    jurisdiction: null,
    state: row.state,
    purchaseDate: null,
    warrantyUntil: null,
    supplier: null,
    attributes: {},
  };
  return { ...base, ...row };
}
