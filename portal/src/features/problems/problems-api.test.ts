import { describe, expect, it } from 'vitest';
import { creatableAreas, mayEditProblem, parseTicketNumbers, statusesFor } from './problems-api';

describe('problem helpers', () => {
  it('reads ticket numbers separated by commas, spaces or semicolons, once each', () => {
    expect(parseTicketNumbers('12, 13 14;12')).toEqual([12, 13, 14]);
    expect(parseTicketNumbers('')).toEqual([]);
    expect(parseTicketNumbers('12, doce')).toBeNull();
    expect(parseTicketNumbers('0')).toBeNull();
  });

  it('offers closing only to supervisors and administrators, and nothing after closing', () => {
    expect(statusesFor({ role: 'agent', area: 'UIT' }, 'resuelto')).toEqual(['resuelto', 'en_analisis']);
    expect(statusesFor({ role: 'supervisor', area: null }, 'resuelto')).toEqual(['resuelto', 'en_analisis', 'cerrado']);
    expect(statusesFor({ role: 'admin', area: null }, 'cerrado')).toEqual(['cerrado']);
  });

  it('lets the area (operators for L1), supervisors and administrators edit', () => {
    expect(mayEditProblem({ role: 'agent', area: 'UIT' }, 'UIT')).toBe(true);
    expect(mayEditProblem({ role: 'agent', area: 'UPAT' }, 'UIT')).toBe(false);
    expect(mayEditProblem({ role: 'operator', area: 'L1' }, 'L1')).toBe(true);
    expect(mayEditProblem({ role: 'operator', area: 'L1' }, 'UIT')).toBe(false);
    expect(creatableAreas({ role: 'supervisor', area: null }, ['L1', 'UIT'])).toEqual(['L1', 'UIT']);
  });
});
