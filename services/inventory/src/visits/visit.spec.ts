import { visitTimesProblems, visitorColumns } from './visit.js';

describe('field visits', () => {
  it('refuses a departure before the arrival, naming departedAt; equal times are a visit of no length', () => {
    expect(visitTimesProblems('2026-12-05T10:00:00-03:00', '2026-12-05T09:59:00-03:00')).toEqual([
      { field: 'departedAt', constraint: 'dateRange', params: ['arrivedAt'] },
    ]);
    expect(visitTimesProblems('2026-12-05T10:00:00-03:00', '2026-12-05T13:00:00Z')).toEqual([]);
    expect(visitTimesProblems('2026-12-05T10:00:00Z', '2026-12-05T10:00:00Z')).toEqual([]);
  });

  it('keeps a staff visitor as the account and a contractor as company, technician and report number', () => {
    expect(visitorColumns({ kind: 'staff', accountId: 'a', name: ' Ana ', company: 'ignored' })).toEqual({
      kind: 'staff',
      accountId: 'a',
      name: 'Ana',
      company: null,
      technician: null,
      reportNumber: null,
    });
    expect(
      visitorColumns({ kind: 'contractor', company: ' Soporte SA ', technician: 'Luis', reportNumber: ' ' }),
    ).toEqual({
      kind: 'contractor',
      accountId: null,
      name: null,
      company: 'Soporte SA',
      technician: 'Luis',
      reportNumber: null,
    });
  });
});
