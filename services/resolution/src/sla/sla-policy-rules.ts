import type { FieldProblem } from '@cau/contracts';
import type { SlaPolicy } from './due-dates.js';

/**
 * Every response target no later than the resolution it precedes, in the general policies and in the
 * overrides. (Each priority, and each scope, code and priority, named once is the contract's rule.)
 */
export function policySetProblems(command: {
  policies: readonly SlaPolicy[];
  overrides?: readonly SlaPolicy[];
}): FieldProblem[] {
  return [
    ...targetOrderProblems('policies', command.policies),
    ...targetOrderProblems('overrides', command.overrides ?? []),
  ];
}

function targetOrderProblems(field: string, policies: readonly SlaPolicy[]): FieldProblem[] {
  return policies.flatMap((policy, index) =>
    policy.responseMinutes > policy.resolutionMinutes
      ? [{ field: `${field}.${index}.responseMinutes`, constraint: 'max', params: [policy.resolutionMinutes] }]
      : [],
  );
}
