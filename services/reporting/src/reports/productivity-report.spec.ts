import { meanOf, productivityFigures } from './productivity-report.use-case.js';

const none = { n: 0, business: 0, calendar: 0 };

describe('productivity figures', () => {
  it('means are sums over counts rounded to one decimal, null when nothing was measured', () => {
    expect(meanOf({ n: 3, business: 100 + 360 + 600, calendar: 200 + 1440 + 5000 })).toEqual({
      business: 353.3,
      calendar: 2213.3,
    });
    expect(meanOf(none)).toEqual({ business: null, calendar: null });
  });

  it('sorts technicians by solved, then taken, then name; areas by resolved then code; lists every type', () => {
    const at = new Date(0);
    const person = (accountId: string, name: string, solved: number, taken: number) => ({
      accountId,
      name,
      at,
      taken,
      solved,
      minutesLogged: 0,
      resolution: none,
    });
    const figures = productivityFigures({
      technicians: [
        person('a', 'Zoe', 1, 1),
        person('b', 'Ana', 1, 1),
        person('c', 'Beto', 2, 0),
        person('d', 'Ceci', 1, 4),
      ],
      areas: [
        { area: 'UIT', resolved: 1, minutesLogged: 0, resolution: none },
        { area: 'ADT', resolved: 1, minutesLogged: 0, resolution: none },
        { area: 'L1', resolved: 3, minutesLogged: 0, resolution: { n: 2, business: 30, calendar: 45 } },
      ],
      types: [{ type: 'reclamo', opened: 2, closed: 1, resolution: { n: 1, business: 10, calendar: 20 } }],
    });
    expect(figures.technicians.map((t) => t.name)).toEqual(['Beto', 'Ceci', 'Ana', 'Zoe']);
    expect(figures.areas.map((a) => [a.area, a.resolution.business])).toEqual([
      ['L1', 15],
      ['ADT', null],
      ['UIT', null],
    ]);
    expect(figures.types.map((t) => [t.type, t.opened, t.closed, t.resolution.calendar])).toEqual([
      ['solicitud', 0, 0, null],
      ['incidente', 0, 0, null],
      ['incidente_seguridad', 0, 0, null],
      ['reclamo', 2, 1, 20],
      ['asesoramiento_compras', 0, 0, null],
    ]);
  });
});
