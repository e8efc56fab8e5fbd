import { z } from 'zod';
import type { Schemas } from '../../api/client';
import { EQUIPMENT_STATES, type Equipment } from './inventory-api';

const optional = (max: number) => z.string().trim().max(max, 'validation.tooLong');
const date = z
  .string()
  .trim()
  .refine((value) => value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value), 'inventory.form.dateFormat');

/** What the form edits; attributes as "name: value" lines, the way people list them. */
export const equipmentSchema = z
  .object({
    inventoryNumber: z
      .string()
      .trim()
      .min(1, 'validation.required')
      .max(40, 'validation.tooLong')
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'inventory.form.numberFormat'),
    serial: optional(100),
    type: z.string().min(1, 'validation.required'),
    brand: optional(100),
    model: optional(100),
    building: optional(100),
    floor: optional(100),
    office: optional(100),
    jurisdiction: optional(64),
    state: z.enum(EQUIPMENT_STATES),
    purchaseDate: date,
    warrantyUntil: date,
    supplier: optional(200),
    attributes: z.string().refine((text) => parseAttributes(text) !== null, 'inventory.form.attributesFormat'),
  })
  .refine((v) => v.purchaseDate === '' || v.warrantyUntil === '' || v.warrantyUntil >= v.purchaseDate, {
    message: 'inventory.form.warrantyBeforePurchase',
    path: ['warrantyUntil'],
  });
export type EquipmentValues = z.infer<typeof equipmentSchema>;

/** "ram: 8 GB" lines into an object; null when a line has no name. */
export function parseAttributes(text: string): Record<string, string> | null {
  const attributes: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (name === '' || name.length > 50) return null;
    attributes[name] = line.slice(colon + 1).trim();
  }
  return Object.keys(attributes).length <= 30 ? attributes : null;
}

export function valuesOf(equipment: Equipment | null): EquipmentValues {
  return {
    inventoryNumber: equipment?.inventoryNumber ?? '',
    serial: equipment?.serial ?? '',
    type: equipment?.type ?? '',
    brand: equipment?.brand ?? '',
    model: equipment?.model ?? '',
    building: equipment?.location.building ?? '',
    floor: equipment?.location.floor ?? '',
    office: equipment?.location.office ?? '',
    jurisdiction: equipment?.jurisdiction ?? '',
    state: equipment?.state ?? 'en_stock',
    purchaseDate: equipment?.purchaseDate ?? '',
    warrantyUntil: equipment?.warrantyUntil ?? '',
    supplier: equipment?.supplier ?? '',
    attributes: Object.entries(equipment?.attributes ?? {})
      .map(([name, value]) => `${name}: ${String(value)}`)
      .join('\n'),
  };
}

/**
 * The whole record as the API takes it. Blank text is sent as it is (the service stores it as "not
 * known"); a blank date as null, which clears it (the generated type cannot say "or null").
 */
export function bodyOf(values: EquipmentValues): Schemas['EquipmentFieldsV1'] {
  const blankDate = null as unknown as string;
  return {
    inventoryNumber: values.inventoryNumber,
    serial: values.serial,
    type: values.type,
    brand: values.brand,
    model: values.model,
    location: { building: values.building, floor: values.floor, office: values.office },
    jurisdiction: values.jurisdiction,
    state: values.state,
    purchaseDate: values.purchaseDate || blankDate,
    warrantyUntil: values.warrantyUntil || blankDate,
    supplier: values.supplier,
    attributes: (parseAttributes(values.attributes) ?? {}) as Record<string, never>,
  };
}
