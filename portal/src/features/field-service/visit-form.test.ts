import { describe, expect, it } from 'vitest';
import { departureBeforeArrival, instantOf, localOf, visitorOf } from './visit-form';

describe('visit form', () => {
  it('reads a datetime-local value as an instant and gives it back', () => {
    const instant = instantOf('2026-12-07T10:30');
    expect(instant).not.toBeNull();
    expect(localOf(instant!)).toBe('2026-12-07T10:30');
    expect(instantOf('2026-12-07')).toBeNull();
    expect(instantOf('')).toBeNull();
  });

  it('sends a staff visitor as the account, a contractor as company and technician, and names what is missing', () => {
    const draft = { kind: 'staff' as const, accountId: null, company: '', technician: '', reportNumber: '' };
    expect(visitorOf(draft)).toEqual({ missing: ['accountId'] });
    expect(visitorOf({ ...draft, accountId: 'a1' })).toEqual({ body: { kind: 'staff', accountId: 'a1' } });
    expect(visitorOf({ ...draft, kind: 'contractor', company: ' Soporte SA ' })).toEqual({ missing: ['technician'] });
    expect(
      visitorOf({ ...draft, kind: 'contractor', company: 'Soporte SA', technician: 'Luis', reportNumber: ' ' }),
    ).toEqual({ body: { kind: 'contractor', company: 'Soporte SA', technician: 'Luis' } });
  });

  it('tells a departure before the arrival', () => {
    expect(departureBeforeArrival('2026-12-07T13:00:00Z', '2026-12-07T12:59:00Z')).toBe(true);
    expect(departureBeforeArrival('2026-12-07T13:00:00Z', '2026-12-07T13:00:00Z')).toBe(false);
  });
});
