import { InventoryLimits, type FieldProblem } from '@cau/contracts';
import { numberKey, sameEquipment, type EquipmentData } from '../equipment/equipment.js';
import {
  cellProblem,
  crossCellProblems,
  fileColumns,
  headerProblems,
  mergeRow,
  readRow,
  type FileColumn,
  type RowData,
} from './import-row.js';

export interface CheckedRow {
  line: number;
  key: string;
  row: RowData;
}

export type RowsCheck =
  | { ok: true; rows: CheckedRow[] }
  /** `problems` lists at most `InventoryLimits.importProblems` lines' problems; `badLines` counts them all. */
  | { ok: false; problems: FieldProblem[]; badLines: number };

/**
 * Every row of a file read and checked on its own and against the others (an inventory number twice in
 * one file is refused on the later line). Nothing is applied unless every row is good.
 */
export function checkRows(
  header: readonly string[],
  rows: ReadonlyArray<{ line: number; cells: readonly string[] }>,
  types: ReadonlySet<string>,
  typeLabels: readonly string[],
): RowsCheck {
  const headerTrouble = headerProblems(header);
  if (headerTrouble.length > 0) return { ok: false, problems: headerTrouble, badLines: 1 };
  if (rows.length === 0) return { ok: false, problems: [{ field: 'file', constraint: 'csvEmpty' }], badLines: 0 };
  const problems: FieldProblem[] = [];
  let badLines = 0;
  const report = (lineProblems: FieldProblem[]): void => {
    badLines++;
    if (badLines <= InventoryLimits.importProblems) problems.push(...lineProblems);
  };
  const columns = fileColumns(header);
  const numberColumn = columns.find((c) => c.code === 'numero_inventario')!;
  const firstLineOf = new Map<string, number>();
  const checked: CheckedRow[] = [];
  for (const { line, cells } of rows) {
    const read = readRow(columns, cells, line, types, typeLabels);
    if (!read.ok) {
      report(read.problems);
      continue;
    }
    const key = numberKey(read.value.inventoryNumber);
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      report([cellProblem(line, numberColumn, read.value.inventoryNumber, 'duplicateInventoryNumber', [first])]);
      continue;
    }
    firstLineOf.set(key, line);
    checked.push({ line, key, row: read.value });
  }
  return badLines > 0 ? { ok: false, problems, badLines } : { ok: true, rows: checked };
}

export interface ImportPlan {
  create: Array<{ line: number; data: EquipmentData }>;
  change: Array<{ line: number; id: string; before: EquipmentData; data: EquipmentData }>;
  unchanged: number;
  problems: FieldProblem[];
}

/**
 * What the checked rows do to the stored equipment: new numbers are created, known ones changed where a
 * cell differs, the rest left alone (so importing the same file twice changes nothing the second time).
 * A partial file (without some columns) can still break a rule with what is stored, e.g. a warranty
 * ending before the stored purchase date: that is a problem of the row's line.
 */
export function planImport(
  rows: readonly CheckedRow[],
  existing: ReadonlyMap<string, { id: string; data: EquipmentData }>,
  columns: readonly FileColumn[],
  types: ReadonlySet<string>,
  typeLabels: readonly string[],
): ImportPlan {
  const plan: ImportPlan = { create: [], change: [], unchanged: 0, problems: [] };
  for (const { line, key, row } of rows) {
    const current = existing.get(key);
    const data = mergeRow(current?.data ?? null, row);
    const trouble = crossCellProblems(line, columns, data, types, typeLabels);
    if (trouble.length > 0) {
      plan.problems.push(...trouble);
      continue;
    }
    if (!current) plan.create.push({ line, data });
    else if (sameEquipment(current.data, data)) plan.unchanged++;
    else plan.change.push({ line, id: current.id, before: current.data, data });
  }
  return plan;
}
