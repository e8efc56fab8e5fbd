import { describe, expect, it } from 'vitest';
import { addOverride, invalidMinutes, overridesBody, sortOverrides, type OverrideRow } from './sla-overrides';

const general = [
  { priority: 'ALTA' as const, responseMinutes: 30, resolutionMinutes: 240 },
  { priority: 'MEDIA' as const, responseMinutes: 120, resolutionMinutes: 960 },
];

describe('SLA overrides in the form', () => {
  it('starts a new override from the general targets of its priority, in the order the rule reads', () => {
    const one = addOverride([], { scope: 'jurisdiction', code: 'SALUD', priority: 'MEDIA' }, general)!;
    const two = addOverride(one, { scope: 'service', code: 'sistema-de-turnos', priority: 'ALTA' }, general)!;
    expect(two).toEqual([
      { scope: 'service', code: 'sistema-de-turnos', priority: 'ALTA', responseMinutes: 30, resolutionMinutes: 240 },
      { scope: 'jurisdiction', code: 'SALUD', priority: 'MEDIA', responseMinutes: 120, resolutionMinutes: 960 },
    ]);
  });

  it('refuses a second override of the same scope, code and priority', () => {
    const one = addOverride([], { scope: 'jurisdiction', code: 'SALUD', priority: 'ALTA' }, general)!;
    expect(addOverride(one, { scope: 'jurisdiction', code: 'SALUD', priority: 'ALTA' }, general)).toBeNull();
    expect(addOverride(one, { scope: 'service', code: 'SALUD', priority: 'ALTA' }, general)).toHaveLength(2);
  });

  it('sorts by scope, code and priority rank, not alphabetically by priority', () => {
    const rows = sortOverrides([
      { scope: 'jurisdiction', code: 'SALUD', priority: 'BAJA' },
      { scope: 'jurisdiction', code: 'SALUD', priority: 'ALTA' },
      { scope: 'jurisdiction', code: 'EDUCACION', priority: 'MEDIA' },
    ] as const);
    expect(rows.map((r) => `${r.code}:${r.priority}`)).toEqual(['EDUCACION:MEDIA', 'SALUD:ALTA', 'SALUD:BAJA']);
  });

  it('sends whole numbers and tells an invalid entry', () => {
    const row: OverrideRow = {
      scope: 'service',
      code: 'x',
      priority: 'ALTA',
      responseMinutes: 15,
      resolutionMinutes: 90,
    };
    expect(overridesBody([row])).toEqual([
      { scope: 'service', code: 'x', priority: 'ALTA', responseMinutes: 15, resolutionMinutes: 90 },
    ]);
    expect([15, '', 0, 1.5, 600_000].map(invalidMinutes)).toEqual([false, true, true, true, true]);
  });
});
