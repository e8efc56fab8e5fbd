import { signOffProblem } from './field-attention.js';

const at = (iso: string) => new Date(iso);

describe('signOffProblem', () => {
  it('lets a ticket without field work close', () => {
    expect(signOffProblem(null, undefined)).toBeNull();
    expect(signOffProblem({ lastWorkAt: null, signedOffAt: null, conforme: null }, undefined)).toBeNull();
  });

  it('refuses a field ticket without a sign-off, or with one older than the last work', () => {
    const visited = { lastWorkAt: at('2026-12-01T10:00:00Z'), signedOffAt: null, conforme: null };
    expect(signOffProblem(visited, undefined)).toEqual({ code: 'ticket.sign-off-missing' });
    const stale = { ...visited, signedOffAt: at('2026-11-30T10:00:00Z'), conforme: true };
    expect(signOffProblem(stale, undefined)).toEqual({ code: 'ticket.sign-off-missing' });
  });

  it('refuses a sign-off where the user was not satisfied', () => {
    const unhappy = {
      lastWorkAt: at('2026-12-01T10:00:00Z'),
      signedOffAt: at('2026-12-01T12:00:00Z'),
      conforme: false,
    };
    expect(signOffProblem(unhappy, undefined)).toEqual({ code: 'ticket.sign-off-not-conforme' });
  });

  it('accepts the conformity signed after the work, or the supervisor’s reason for closing without it', () => {
    const signed = { lastWorkAt: at('2026-12-01T10:00:00Z'), signedOffAt: at('2026-12-01T12:00:00Z'), conforme: true };
    expect(signOffProblem(signed, undefined)).toBeNull();
    const unsigned = { lastWorkAt: at('2026-12-01T10:00:00Z'), signedOffAt: null, conforme: null };
    expect(signOffProblem(unsigned, 'El usuario se jubiló y no volvió a la oficina')).toBeNull();
    expect(signOffProblem(unsigned, '   ')).toEqual({ code: 'ticket.sign-off-missing' });
  });
});
