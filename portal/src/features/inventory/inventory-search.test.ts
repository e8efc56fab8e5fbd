import { describe, expect, it } from 'vitest';
import { exportUrl } from './inventory-api';
import { inUse, parseInventorySearch } from './inventory-search';

describe('inventory search', () => {
  it('keeps known filters and drops what the address cannot mean', () => {
    expect(parseInventorySearch({ text: 'INV-1', type: 'monitor', state: 'en_uso', jurisdiction: 'SALUD' })).toEqual({
      text: 'INV-1',
      type: 'monitor',
      state: 'en_uso',
      jurisdiction: 'SALUD',
      building: undefined,
    });
    expect(parseInventorySearch({ type: 'Drop Table', state: 'roto' })).toMatchObject({
      type: undefined,
      state: undefined,
    });
  });

  it('builds the export address from the filters in use', () => {
    expect(exportUrl(inUse({ text: 'dell', state: 'en_stock', building: ' ' }))).toBe(
      '/api/v1/inventory/equipment.csv?text=dell&state=en_stock',
    );
    expect(exportUrl({})).toBe('/api/v1/inventory/equipment.csv');
  });
});
