import { holidaysToImport, importProblems, isCalendarDate } from './holiday-rules.js';

describe('holiday rules', () => {
  it('accepts only real days written YYYY-MM-DD', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('24/03/2026')).toBe(false);
    expect(isCalendarDate('2026-3-24')).toBe(false);
  });

  it('names every bad line of an import and why', () => {
    const rows = [
      { line: 2, date: '2026-03-24', name: 'Día de la Memoria' },
      { line: 3, date: '2026-02-30', name: 'Inexistente' },
      { line: 4, date: '2027-01-01', name: 'Año Nuevo' },
      { line: 5, date: ' 2026-03-24 ', name: 'Otra vez' },
      { line: 6, date: '2026-05-25', name: '   ' },
      { line: 7, date: '2026-07-09', name: 'x'.repeat(121) },
    ];
    expect(importProblems(2026, rows)).toEqual([
      { field: 'csv', constraint: 'csvLine', params: [3, 'date', '2026-02-30'] },
      { field: 'csv', constraint: 'csvLine', params: [4, 'year', 2026] },
      { field: 'csv', constraint: 'csvLine', params: [5, 'duplicate', 2] },
      { field: 'csv', constraint: 'csvLine', params: [6, 'name', null] },
      { field: 'csv', constraint: 'csvLine', params: [7, 'nameLength', 120] },
    ]);
  });

  it('finds nothing wrong with a clean year and stores it trimmed', () => {
    const rows = [
      { line: 1, date: '2026-01-01', name: ' Año Nuevo ' },
      { line: 2, date: '2026-12-25 ', name: 'Navidad' },
    ];
    expect(importProblems(2026, rows)).toEqual([]);
    expect(holidaysToImport(rows)).toEqual([
      { date: '2026-01-01', name: 'Año Nuevo' },
      { date: '2026-12-25', name: 'Navidad' },
    ]);
  });
});
