import type { FieldProblem } from '@cau/contracts';
import type { SlaPolicy } from './due-dates.js';

/** Each priority named at most once, with a response target no later than the resolution it precedes. */
export function policySetProblems(command: { policies: readonly SlaPolicy[] }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (new Set(command.policies.map((p) => p.priority)).size !== command.policies.length) {
    problems.push({ field: 'policies', constraint: 'arrayUnique' });
  }
  command.policies.forEach((policy, index) => {
    if (policy.responseMinutes > policy.resolutionMinutes) {
      problems.push({
        field: `policies.${index}.responseMinutes`,
        constraint: 'max',
        params: [policy.resolutionMinutes],
      });
    }
  });
  return problems;
}
