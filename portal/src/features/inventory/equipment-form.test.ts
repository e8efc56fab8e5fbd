import { describe, expect, it } from 'vitest';
import { bodyOf, equipmentSchema, parseAttributes, valuesOf } from './equipment-form';

describe('equipment form', () => {
  it('reads attributes as "name: value" lines', () => {
    expect(parseAttributes('ram: 8 GB\n\nip: 10.0.0.1:8080')).toEqual({ ram: '8 GB', ip: '10.0.0.1:8080' });
    expect(parseAttributes('sin nombre')).toBeNull();
    expect(parseAttributes(': vacío')).toBeNull();
  });

  it('refuses a warranty that ends before the purchase and a malformed number', () => {
    const values = {
      ...valuesOf(null),
      inventoryNumber: 'INV 1',
      type: 'pc',
      purchaseDate: '2024-05-01',
      warrantyUntil: '2024-01-01',
    };
    const result = equipmentSchema.safeParse(values);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      'inventoryNumber',
      'inventory.form.numberFormat',
    ]);
    const dates = equipmentSchema.safeParse({ ...values, inventoryNumber: 'INV-1' });
    expect(dates.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['warrantyUntil', 'inventory.form.warrantyBeforePurchase'],
    ]);
  });

  it('sends blank dates as null and attributes as an object', () => {
    const body = bodyOf({ ...valuesOf(null), inventoryNumber: 'INV-1', type: 'pc', attributes: 'ram: 8 GB' });
    expect(body).toMatchObject({
      purchaseDate: null,
      warrantyUntil: null,
      attributes: { ram: '8 GB' },
      state: 'en_stock',
    });
  });
});
