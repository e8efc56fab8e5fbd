import { decodeServiceLogCursor, encodeServiceLogCursor, serviceLogProblems } from './service-log.js';

describe('serviceLogProblems', () => {
  it('accepts no period, one end, or a period of one day', () => {
    expect(serviceLogProblems({})).toEqual([]);
    expect(serviceLogProblems({ from: '2026-03-01' })).toEqual([]);
    expect(serviceLogProblems({ from: '2026-03-01', to: '2026-03-01' })).toEqual([]);
  });

  it('names a day that is not in the calendar', () => {
    expect(serviceLogProblems({ from: '2026-02-30', to: '2026-13-01' })).toEqual([
      { field: 'from', constraint: 'notADate', params: ['2026-02-30'] },
      { field: 'to', constraint: 'notADate', params: ['2026-13-01'] },
    ]);
  });

  it('refuses a period that ends before it starts, on `to`', () => {
    expect(serviceLogProblems({ from: '2026-03-02', to: '2026-03-01' })).toEqual([
      { field: 'to', constraint: 'dateRange', params: ['from'] },
    ]);
  });
});

describe('service log cursor', () => {
  it('reads back what it wrote', () => {
    const cursor = { at: '2026-03-01T10:00:00.123456Z', id: 'visita:abc:def' };
    expect(decodeServiceLogCursor(encodeServiceLogCursor(cursor))).toEqual(cursor);
  });

  it('is null for anything else', () => {
    expect(decodeServiceLogCursor('nope')).toBeNull();
    expect(decodeServiceLogCursor(Buffer.from('["2026-03-01", "x"]').toString('base64url'))).toBeNull();
    expect(decodeServiceLogCursor(Buffer.from('{"at":1}').toString('base64url'))).toBeNull();
  });
});
