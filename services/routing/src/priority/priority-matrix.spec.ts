import { IMPACTS, URGENCIES } from '@cau/contracts';
import { DEFAULT_PRIORITY_MATRIX, parsePriorityMatrix, priorityFor } from './priority-matrix.js';

describe('priority from impact × urgency', () => {
  it.each([
    ['alto', 'alta', 'ALTA'],
    ['alto', 'media', 'ALTA'],
    ['alto', 'baja', 'MEDIA'],
    ['medio', 'alta', 'ALTA'],
    ['medio', 'media', 'MEDIA'],
    ['medio', 'baja', 'BAJA'],
    ['bajo', 'alta', 'MEDIA'],
    ['bajo', 'media', 'BAJA'],
    ['bajo', 'baja', 'BAJA'],
  ] as const)('impact %s, urgency %s → %s', (impact, urgency, expected) => {
    expect(priorityFor(DEFAULT_PRIORITY_MATRIX, impact, urgency)).toBe(expected);
  });

  it('never lowers priority when impact or urgency rises', () => {
    const rank = { BAJA: 0, MEDIA: 1, ALTA: 2 } as const;
    const impacts = [...IMPACTS].reverse(); // bajo → alto
    const urgencies = [...URGENCIES].reverse(); // baja → alta
    for (let i = 0; i < impacts.length; i++) {
      for (let u = 0; u < urgencies.length; u++) {
        const here = rank[priorityFor(DEFAULT_PRIORITY_MATRIX, impacts[i]!, urgencies[u]!)];
        if (i > 0)
          expect(here).toBeGreaterThanOrEqual(
            rank[priorityFor(DEFAULT_PRIORITY_MATRIX, impacts[i - 1]!, urgencies[u]!)],
          );
        if (u > 0)
          expect(here).toBeGreaterThanOrEqual(
            rank[priorityFor(DEFAULT_PRIORITY_MATRIX, impacts[i]!, urgencies[u - 1]!)],
          );
      }
    }
  });

  it('accepts a complete custom matrix', () => {
    const allHigh = Object.fromEntries(IMPACTS.map((i) => [i, Object.fromEntries(URGENCIES.map((u) => [u, 'ALTA']))]));
    expect(priorityFor(parsePriorityMatrix(allHigh), 'bajo', 'baja')).toBe('ALTA');
  });

  it('refuses a matrix with a missing cell, an unknown level or an invalid priority', () => {
    const missing = JSON.parse(JSON.stringify(DEFAULT_PRIORITY_MATRIX));
    delete missing.medio.baja;
    expect(() => parsePriorityMatrix(missing)).toThrow('medio/baja');
    expect(() => parsePriorityMatrix({ ...DEFAULT_PRIORITY_MATRIX, critico: {} })).toThrow('critico');
    expect(() =>
      parsePriorityMatrix({ ...DEFAULT_PRIORITY_MATRIX, bajo: { ...DEFAULT_PRIORITY_MATRIX.bajo, alta: 'URGENTE' } }),
    ).toThrow('bajo/alta');
    expect(() => parsePriorityMatrix(null)).toThrow();
  });
});
