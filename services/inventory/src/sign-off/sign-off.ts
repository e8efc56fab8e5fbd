import type { Decision } from '../access/access-policy.js';

/** A sign-off closes a field attention: there must be one (a recorded visit, or equipment out for repair). */
export function signOffDecision(recordedVisits: number, repairs: number): Decision {
  return recordedVisits + repairs > 0
    ? { allowed: true }
    : {
        allowed: false,
        refusal: { code: 'inventory.sign-off-no-field-work' },
      };
}
