import { policySetProblems } from './sla-policy-rules.js';

describe('SLA policy set', () => {
  const policies = [
    { priority: 'ALTA' as const, responseMinutes: 30, resolutionMinutes: 240 },
    { priority: 'MEDIA' as const, responseMinutes: 120, resolutionMinutes: 960 },
    { priority: 'BAJA' as const, responseMinutes: 480, resolutionMinutes: 2400 },
  ];

  it('accepts one policy per priority', () => {
    expect(policySetProblems({ policies })).toEqual([]);
  });

  it('refuses a response later than the resolution, in the policies and in the overrides', () => {
    const late = [{ ...policies[0]!, responseMinutes: 300 }, policies[1]!, policies[2]!];
    const overrides = [
      {
        scope: 'jurisdiction' as const,
        code: 'SALUD',
        priority: 'ALTA' as const,
        responseMinutes: 15,
        resolutionMinutes: 120,
      },
      {
        scope: 'service' as const,
        code: 'turnos',
        priority: 'MEDIA' as const,
        responseMinutes: 200,
        resolutionMinutes: 100,
      },
    ];
    expect(policySetProblems({ policies: late, overrides })).toEqual([
      { field: 'policies.0.responseMinutes', constraint: 'max', params: [240] },
      { field: 'overrides.1.responseMinutes', constraint: 'max', params: [100] },
    ]);
  });
});
