import { custodyDecision } from './custody.js';

describe('custody rules', () => {
  it('assigns, transfers, and refuses equipment out for repair or retired, or the same holder again', () => {
    expect(custodyDecision('en_stock', null, 'ana')).toEqual({ allowed: true, change: 'assigned' });
    expect(custodyDecision('en_uso', 'ana', 'beto')).toEqual({ allowed: true, change: 'transferred' });
    expect(custodyDecision('en_reparacion', 'ana', 'beto')).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('en reparación'),
    });
    expect(custodyDecision('en_reparacion', null, 'beto').allowed).toBe(false);
    expect(custodyDecision('dado_de_baja', null, 'beto').allowed).toBe(false);
    expect(custodyDecision('en_uso', 'ana', 'ana').allowed).toBe(false);
  });
});
