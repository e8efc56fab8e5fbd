import type { EquipmentFieldsV1 } from '@cau/contracts';
import { applyChanges, attributesProblem, equipmentFromFields, isCalendarDate, sameEquipment } from './equipment.js';

const TYPES = new Set(['pc', 'impresora']);
const fields: EquipmentFieldsV1 = {
  inventoryNumber: ' INV-1 ',
  type: 'pc',
  state: 'en_uso',
  serial: '  ',
  location: { building: 'Central', office: ' 12 ' },
  purchaseDate: '2024-01-31',
  warrantyUntil: '2025-01-31',
};

describe('equipment rules', () => {
  it('normalizes text: trimmed, blank means not known', () => {
    const made = equipmentFromFields(fields, TYPES);
    expect(made).toMatchObject({
      ok: true,
      value: { inventoryNumber: 'INV-1', serial: null, building: 'Central', floor: null, office: '12', attributes: {} },
    });
  });

  it('knows the days of the calendar', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('24-01-01')).toBe(false);
  });

  it('refuses a type outside the catalogue and a warranty that ends before the purchase', () => {
    const made = equipmentFromFields({ ...fields, type: 'tostadora', warrantyUntil: '2023-01-01' }, TYPES);
    expect(made).toEqual({
      ok: false,
      problems: [{ field: 'type', constraint: 'unknownEquipmentType', params: ['tostadora', ['pc', 'impresora']] }],
    });
    const order = equipmentFromFields({ ...fields, warrantyUntil: '2023-01-01' }, TYPES);
    expect(order).toEqual({
      ok: false,
      problems: [{ field: 'warrantyUntil', constraint: 'dateRange', params: ['purchaseDate'] }],
    });
  });

  it('bounds the free attributes', () => {
    expect(attributesProblem({ ram: '8 GB' }, 'attributes')).toBeNull();
    expect(attributesProblem({ ram: 8 }, 'attributes')).not.toBeNull();
    expect(
      attributesProblem(Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v'])), 'a'),
    ).not.toBeNull();
    expect(attributesProblem({ ['k'.repeat(51)]: 'v' }, 'a')).not.toBeNull();
    expect(attributesProblem(['v'], 'a')).not.toBeNull();
  });

  it('applies a partial change: left out keeps, null clears, and re-checks the rules', () => {
    const made = equipmentFromFields(fields, TYPES);
    if (!made.ok) throw new Error('fixture');
    const changed = applyChanges(
      made.value,
      { revision: 1, location: { floor: '3', office: null }, purchaseDate: null },
      TYPES,
    );
    expect(changed).toMatchObject({
      ok: true,
      value: { building: 'Central', floor: '3', office: null, purchaseDate: null },
    });
    const broken = applyChanges(made.value, { revision: 1, purchaseDate: '2026-01-01' }, TYPES);
    expect(broken.ok).toBe(false);
  });

  it('compares records regardless of the order of their attributes', () => {
    const made = equipmentFromFields({ ...fields, attributes: { a: '1', b: '2' } }, TYPES);
    if (!made.ok) throw new Error('fixture');
    expect(sameEquipment(made.value, { ...made.value, attributes: { b: '2', a: '1' } })).toBe(true);
    expect(sameEquipment(made.value, { ...made.value, attributes: { a: '1' } })).toBe(false);
  });
});
