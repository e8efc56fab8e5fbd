import { describe, expect, it } from 'vitest';
import { serviceLogFileUrl, f01Url } from './service-log-api';
import { inUse, parseServiceLogSearch } from './service-log-search';

describe('parseServiceLogSearch', () => {
  it('keeps the filters it understands and drops the rest', () => {
    expect(
      parseServiceLogSearch({
        inventoryNumber: 'PC-0001',
        holderId: '0b7c6f7e-4f4e-4d7a-9a57-0c8f5b1b2c3d',
        holderName: 'Ana Pérez',
        from: '2026-12-01',
        to: '2026-12-31',
        other: 'x',
      }),
    ).toEqual({
      inventoryNumber: 'PC-0001',
      holderId: '0b7c6f7e-4f4e-4d7a-9a57-0c8f5b1b2c3d',
      holderName: 'Ana Pérez',
      from: '2026-12-01',
      to: '2026-12-31',
    });
  });

  it('drops a holder that is not an id (and its name), days that are not days, and blanks', () => {
    expect(
      parseServiceLogSearch({ holderId: 'ana', holderName: 'Ana', from: 'ayer', to: '', inventoryNumber: ' ' }),
    ).toEqual({});
  });
});

describe('download addresses', () => {
  it('carry the gateway filters, not the name shown', () => {
    const filters = inUse({ inventoryNumber: 'PC 1', holderName: 'Ana', from: '2026-12-01' });
    expect(serviceLogFileUrl(filters, 'csv')).toBe(
      '/api/v1/inventory/service-log.csv?inventoryNumber=PC+1&from=2026-12-01',
    );
    expect(serviceLogFileUrl({}, 'pdf')).toBe('/api/v1/inventory/service-log.pdf');
    expect(f01Url(42)).toBe('/api/v1/tickets/42/f01.pdf');
  });
});
