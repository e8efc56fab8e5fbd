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

/**
 * Reads one row of an import; problems are named `csv.<line>.<column>`, so the refusal says which line
 * and which column and why. Pure: the type catalogue is passed in.
 */
export function readRow(
  header: readonly string[],
  cells: readonly string[],
  line: number,
  types: ReadonlySet<string>,
): { ok: true; value: RowData } | { ok: false; problems: FieldProblem[] } {
  const at = (column: string): string => `file.${line}.${column}`;
  if (cells.length !== header.length) {
    return {
      ok: false,
      problems: [{ field: `file.${line}`, constraint: 'csvColumns', params: [header.length, cells.length] }],
    };
  }
  const problems: FieldProblem[] = [];
  const row: Partial<Record<EquipmentCsvColumn, string>> = {};
  header.forEach((name, index) => (row[columnName(name) as EquipmentCsvColumn] = cells[index] ?? ''));

  const limited = (column: EquipmentCsvColumn, max: number): string | null | undefined => {
    const raw = row[column];
    if (raw === undefined) return undefined;
    const value = text(raw);
    if (value !== null && value.length > max) {
      problems.push({ field: at(column), constraint: 'maxLength', params: [max] });
    }
    return value;
  };

  const inventoryNumber = text(row.numero_inventario) ?? '';
  if (inventoryNumber === '') {
    problems.push({ field: at('numero_inventario'), constraint: 'isNotEmpty' });
  } else if (inventoryNumber.length > InventoryLimits.inventoryNumber) {
    problems.push({
      field: at('numero_inventario'),
      constraint: 'maxLength',
      params: [InventoryLimits.inventoryNumber],
    });
  } else if (!INVENTORY_NUMBER_PATTERN.test(inventoryNumber)) {
    problems.push({ field: at('numero_inventario'), constraint: 'matches' });
  }

  const type = catalogueCode(row.tipo ?? '');
  if (type === '') problems.push({ field: at('tipo'), constraint: 'isNotEmpty' });

  const state = catalogueCode(row.estado ?? '');
  if (!STATES.has(state)) problems.push({ field: at('estado'), constraint: 'isIn', params: [EQUIPMENT_STATES] });

  const date = (column: 'fecha_compra' | 'garantia_hasta'): string | null | undefined =>
    row[column] === undefined ? undefined : text(row[column]);

  let attributes: Record<string, string> | undefined;
  if (row.atributos !== undefined) {
    const raw = text(row.atributos);
    if (raw === null) attributes = {};
    else {
      try {
        const parsed: unknown = JSON.parse(raw);
        const problem = attributesProblem(parsed, at('atributos'));
        if (problem) problems.push(problem);
        else attributes = parsed as Record<string, string>;
      } catch {
        problems.push({ field: at('atributos'), constraint: 'csvJson' });
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
    const columnOf = { type: 'tipo', purchaseDate: 'fecha_compra', warrantyUntil: 'garantia_hasta' } as const;
    problems.push(
      ...crossFieldProblems(
        { type, purchaseDate: value.purchaseDate ?? null, warrantyUntil: value.warrantyUntil ?? null },
        types,
        (name) => at(columnOf[name]),
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
