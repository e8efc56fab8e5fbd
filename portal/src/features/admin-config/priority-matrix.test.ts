import { describe, expect, it } from 'vitest';
import { changedCells, type MatrixCell } from './priority-matrix';

const stored: MatrixCell[] = [
  { impact: 'alto', urgency: 'alta', priority: 'ALTA' },
  { impact: 'bajo', urgency: 'baja', priority: 'BAJA' },
];

describe('changedCells', () => {
  it('names only the cells whose priority differs from the stored matrix', () => {
    expect(changedCells(stored, stored)).toEqual(new Set());
    const edited = stored.map((cell) => (cell.impact === 'bajo' ? { ...cell, priority: 'MEDIA' as const } : cell));
    expect(changedCells(stored, edited)).toEqual(new Set(['bajo/baja']));
  });

  it('does not count a cell changed and changed back', () => {
    const there = stored.map((cell) => ({ ...cell, priority: 'MEDIA' as const }));
    const back = there.map((cell, i) => ({ ...cell, priority: stored[i]!.priority }));
    expect(changedCells(stored, back)).toEqual(new Set());
  });
});
