import { repairOutDecision, repairOutProblems, repairReturnProblems, stateAfterRepair } from './repair.js';

describe('equipment out for repair', () => {
  it('lets equipment in use or in stock leave, not equipment already out or retired', () => {
    expect(repairOutDecision('en_uso').allowed).toBe(true);
    expect(repairOutDecision('en_stock').allowed).toBe(true);
    expect(repairOutDecision('en_reparacion')).toEqual({ allowed: false, refusal: { code: 'inventory.in-repair' } });
    expect(repairOutDecision('dado_de_baja').allowed).toBe(false);
  });

  it('puts it back in use with a holder, in stock without', () => {
    expect(stateAfterRepair(true)).toBe('en_uso');
    expect(stateAfterRepair(false)).toBe('en_stock');
  });

  it('refuses dates that are not days or come before the departure', () => {
    expect(repairOutProblems('2026-12-10', '2026-12-05')).toEqual([]);
    expect(repairOutProblems('2026-12-05', '2026-12-05')).toEqual([]);
    expect(repairOutProblems('2026-12-04', '2026-12-05')).toEqual([
      { field: 'expectedReturn', constraint: 'dateRange', params: ['leftAt'] },
    ]);
    expect(repairOutProblems('2026-02-30', '2026-01-05')[0]!.constraint).toBe('notADate');
    expect(repairReturnProblems('2026-12-04', '2026-12-05')[0]!.field).toBe('returnedOn');
    expect(repairReturnProblems('2026-12-05', '2026-12-05')).toEqual([]);
  });
});
