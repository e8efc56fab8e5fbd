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

  it('refuses a priority named twice and a response later than the resolution', () => {
    const twice = [policies[0]!, policies[0]!, policies[2]!];
    expect(policySetProblems({ policies: twice })).toEqual([{ field: 'policies', constraint: 'arrayUnique' }]);
    const late = [{ ...policies[0]!, responseMinutes: 300 }, policies[1]!, policies[2]!];
    expect(policySetProblems({ policies: late })).toEqual([
      { field: 'policies.0.responseMinutes', constraint: 'max', params: [240] },
    ]);
  });
});
