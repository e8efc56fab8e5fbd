import {
  InventoryLimits,
  type EquipmentChangesV1,
  type EquipmentFieldsV1,
  type EquipmentState,
  type FieldProblem,
} from '@cau/contracts';

/** One piece of equipment's own data, normalized: trimmed text, `null` for what is not known. */
export interface EquipmentData {
  inventoryNumber: string;
  serial: string | null;
  type: string;
  brand: string | null;
  model: string | null;
  building: string | null;
  floor: string | null;
  office: string | null;
  jurisdiction: string | null;
  state: EquipmentState;
  purchaseDate: string | null;
  warrantyUntil: string | null;
  supplier: string | null;
  attributes: Record<string, string>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Trimmed text, or null when nothing is left (a blank cell or field means "not known"). */
export function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Whether `value` (YYYY-MM-DD) names a day of the calendar: 2025-02-30 does not. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Attributes are a bounded bag of texts, so a record cannot grow without limit. */
export function attributesProblem(value: unknown, field: string): FieldProblem | null {
  const problem: FieldProblem = {
    field,
    constraint: 'equipmentAttributes',
    params: [InventoryLimits.attributes, InventoryLimits.attributeKey, InventoryLimits.attributeValue],
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem;
  const entries = Object.entries(value);
  if (entries.length > InventoryLimits.attributes) return problem;
  for (const [key, item] of entries) {
    if (key.trim() === '' || key.length > InventoryLimits.attributeKey) return problem;
    if (typeof item !== 'string' || item.length > InventoryLimits.attributeValue) return problem;
  }
  return null;
}

/**
 * The rules that go beyond one field's shape: the type is in the catalogue, dates are real days and the
 * warranty does not end before the purchase. `fieldOf` names each field as the caller's input calls it.
 */
export function crossFieldProblems(
  data: Pick<EquipmentData, 'type' | 'purchaseDate' | 'warrantyUntil'>,
  types: ReadonlySet<string>,
  fieldOf: (name: 'type' | 'purchaseDate' | 'warrantyUntil') => string = (name) => name,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!types.has(data.type)) {
    problems.push({ field: fieldOf('type'), constraint: 'unknownEquipmentType', params: [data.type, [...types]] });
  }
  for (const name of ['purchaseDate', 'warrantyUntil'] as const) {
    const value = data[name];
    if (value !== null && !isCalendarDate(value)) {
      problems.push({ field: fieldOf(name), constraint: 'notADate', params: [value] });
    }
  }
  if (
    problems.length === 0 &&
    data.purchaseDate !== null &&
    data.warrantyUntil !== null &&
    data.warrantyUntil < data.purchaseDate
  ) {
    problems.push({ field: fieldOf('warrantyUntil'), constraint: 'dateRange', params: [fieldOf('purchaseDate')] });
  }
  return problems;
}

/** A new piece of equipment from the API's fields (their shape already checked by the contract). */
export function equipmentFromFields(fields: EquipmentFieldsV1, types: ReadonlySet<string>): Checked<EquipmentData> {
  const data: EquipmentData = {
    inventoryNumber: fields.inventoryNumber.trim(),
    serial: text(fields.serial),
    type: fields.type,
    brand: text(fields.brand),
    model: text(fields.model),
    building: text(fields.location?.building),
    floor: text(fields.location?.floor),
    office: text(fields.location?.office),
    jurisdiction: text(fields.jurisdiction),
    state: fields.state,
    purchaseDate: fields.purchaseDate ?? null,
    warrantyUntil: fields.warrantyUntil ?? null,
    supplier: text(fields.supplier),
    attributes: fields.attributes ?? {},
  };
  return checked(data, types);
}

/** The equipment after a partial edit: fields left out keep their value, `null` clears an optional one. */
export function applyChanges(
  current: EquipmentData,
  changes: EquipmentChangesV1,
  types: ReadonlySet<string>,
): Checked<EquipmentData> {
  const pick = <K extends keyof EquipmentData>(key: K, value: EquipmentData[K] | undefined): EquipmentData[K] =>
    value === undefined ? current[key] : value;
  const location = changes.location;
  const data: EquipmentData = {
    inventoryNumber: pick('inventoryNumber', changes.inventoryNumber?.trim()),
    serial: changes.serial === undefined ? current.serial : text(changes.serial),
    type: pick('type', changes.type),
    brand: changes.brand === undefined ? current.brand : text(changes.brand),
    model: changes.model === undefined ? current.model : text(changes.model),
    building: location?.building === undefined ? current.building : text(location.building),
    floor: location?.floor === undefined ? current.floor : text(location.floor),
    office: location?.office === undefined ? current.office : text(location.office),
    jurisdiction: changes.jurisdiction === undefined ? current.jurisdiction : text(changes.jurisdiction),
    state: pick('state', changes.state),
    purchaseDate: pick('purchaseDate', changes.purchaseDate),
    warrantyUntil: pick('warrantyUntil', changes.warrantyUntil),
    supplier: changes.supplier === undefined ? current.supplier : text(changes.supplier),
    attributes: pick('attributes', changes.attributes),
  };
  return checked(data, types);
}

function checked(data: EquipmentData, types: ReadonlySet<string>): Checked<EquipmentData> {
  const problems = crossFieldProblems(data, types);
  const attributes = attributesProblem(data.attributes, 'attributes');
  if (attributes) problems.push(attributes);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: data };
}

/** The comparable form of a record: attributes by key order, so `{a,b}` and `{b,a}` are the same. */
export function canonical(data: EquipmentData): EquipmentData {
  const attributes = Object.fromEntries(Object.entries(data.attributes).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { ...data, attributes };
}

export function sameEquipment(a: EquipmentData, b: EquipmentData): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Inventory numbers are unique regardless of case: "pc-0001" and "PC-0001" are one label. */
export function numberKey(inventoryNumber: string): string {
  return inventoryNumber.trim().toLowerCase();
}
