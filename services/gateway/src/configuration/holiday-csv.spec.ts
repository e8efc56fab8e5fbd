import { parseHolidayCsv } from './holiday-csv.js';

describe('holiday CSV', () => {
  it('reads date,name lines with their file line numbers, skipping titles and blank lines', () => {
    const csv =
      '\uFEFFfecha,nombre\r\n2026-01-01,Año Nuevo\r\n\r\n2026-05-25,"Revolución de Mayo, 1810"\n2026-07-09 , Independencia \n';
    expect(parseHolidayCsv(csv)).toEqual({
      rows: [
        { line: 2, date: '2026-01-01', name: 'Año Nuevo' },
        { line: 4, date: '2026-05-25', name: 'Revolución de Mayo, 1810' },
        { line: 5, date: '2026-07-09', name: 'Independencia' },
      ],
      problems: [],
    });
  });

  it('accepts semicolons and doubled quotes', () => {
    expect(parseHolidayCsv('2026-12-25;Navidad\n2026-12-08,"Día de la ""Inmaculada"""').rows).toEqual([
      { line: 1, date: '2026-12-25', name: 'Navidad' },
      { line: 2, date: '2026-12-08', name: 'Día de la "Inmaculada"' },
    ]);
  });

  it('names the lines that are not two fields or leave a quote open', () => {
    expect(parseHolidayCsv('2026-01-01\n2026-02-16,Carnaval,lunes\n2026-02-17,"Carnaval\n').problems).toEqual([
      { field: 'csv', constraint: 'csvLine', params: [1, 'columns', null] },
      { field: 'csv', constraint: 'csvLine', params: [2, 'columns', null] },
      { field: 'csv', constraint: 'csvLine', params: [3, 'quote', null] },
    ]);
  });
});
