import { custodyDecision, stateAfterCustody } from './custody.js';

describe('custody rules', () => {
  it('assigns, transfers, and refuses equipment out for repair or retired, or the same holder again', () => {
    expect(custodyDecision('en_stock', null, 'ana')).toEqual({ allowed: true, change: 'assigned' });
    expect(custodyDecision('en_uso', 'ana', 'beto')).toEqual({ allowed: true, change: 'transferred' });
    expect(custodyDecision('en_reparacion', 'ana', 'beto')).toMatchObject({
      allowed: false,
      refusal: { code: 'inventory.in-repair-no-custody', params: { held: 'yes' } },
    });
    expect(custodyDecision('en_reparacion', null, 'beto').allowed).toBe(false);
    expect(custodyDecision('dado_de_baja', null, 'beto').allowed).toBe(false);
    expect(custodyDecision('en_uso', 'ana', 'ana').allowed).toBe(false);
  });
});

describe('stateAfterCustody', () => {
  it('puts equipment in stock in use when a person receives it, and back in stock when it is returned', () => {
    expect(stateAfterCustody('en_stock', 'assigned')).toBe('en_uso');
    expect(stateAfterCustody('en_uso', 'transferred')).toBe('en_uso');
    expect(stateAfterCustody('en_uso', 'returned')).toBe('en_stock');
  });

  it('leaves the states custody does not own as they are', () => {
    expect(stateAfterCustody('en_reparacion', 'returned')).toBe('en_reparacion');
    expect(stateAfterCustody('dado_de_baja', 'returned')).toBe('dado_de_baja');
    expect(stateAfterCustody('en_stock', 'returned')).toBe('en_stock');
  });
});
