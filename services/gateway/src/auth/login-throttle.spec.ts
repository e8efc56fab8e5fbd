import { loginAttemptTracker } from './login-throttle.js';

describe('loginAttemptTracker', () => {
  it('keys by address and the e-mail as the login normalizes it', () => {
    expect(loginAttemptTracker('10.0.0.7', { email: ' Ana@Salud.gob ', password: 'x' })).toBe(
      loginAttemptTracker('10.0.0.7', { email: 'ana@salud.gob' }),
    );
  });

  it('gives another e-mail, or another address, a budget of its own', () => {
    const tracker = loginAttemptTracker('10.0.0.7', { email: 'ana@salud.gob' });
    expect(loginAttemptTracker('10.0.0.7', { email: 'juan@salud.gob' })).not.toBe(tracker);
    expect(loginAttemptTracker('10.0.0.8', { email: 'ana@salud.gob' })).not.toBe(tracker);
  });

  it('keeps one budget for bodies without a usable e-mail, per address', () => {
    expect(loginAttemptTracker('10.0.0.7', null)).toBe(loginAttemptTracker('10.0.0.7', { email: 42 }));
  });
});
