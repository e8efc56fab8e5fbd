import { signOffDecision } from './sign-off.js';

describe('sign-off', () => {
  it('needs a field attention: a recorded visit or a repair', () => {
    expect(signOffDecision(1, 0).allowed).toBe(true);
    expect(signOffDecision(0, 2).allowed).toBe(true);
    expect(signOffDecision(0, 0)).toEqual({ allowed: false, refusal: { code: 'inventory.sign-off-no-field-work' } });
  });
});
