import { Role } from '@cau/contracts';
import { startService, type RunningService } from '@cau/messaging';
import { createResolutionService } from '../../resolution/src/resolution.service.js';
import { startGateway, type GatewayFixture } from './gateway-fixture.js';

interface AuditEntry {
  action: string;
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('gateway: business calendars and holidays', () => {
  let f: GatewayFixture;
  let resolution: RunningService;
  const tokens = {} as Record<Role, string>;

  const send = <T = Record<string, any>>(method: string, path: string, body?: unknown, role: Role = Role.Admin) =>
    f.http.send<T>(method, path, { token: tokens[role], ...(body !== undefined ? { json: body } : {}) });
  const stored = async () =>
    (
      await f.db.query<{ date: string; name: string }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS date, name FROM resolution.holidays ORDER BY day`,
      )
    ).rows;
  const audited = async () =>
    (await send<{ items: AuditEntry[] }>('GET', '/api/v1/audit?targetType=holiday')).body.items;

  beforeAll(async () => {
    f = await startGateway('gwcal');
    const env = {
      ...(f.env as Record<string, string>),
      RESOLUTION_PORT: '0',
      CAU_TIME_ZONE: 'America/Argentina/Buenos_Aires',
    };
    resolution = await startService(createResolutionService({ env }), env);
    tokens[Role.Admin] = f.adminToken;
    for (const role of [Role.Supervisor, Role.Operator, Role.Requester]) {
      tokens[role] = await f.http.account(f.adminToken, { email: `${role}@calendarios.test`, role });
    }
  });

  afterAll(async () => {
    await resolution?.stop();
    await f?.stop();
  });

  it('lets the staff read the calendars of a year and only administrators change them', async () => {
    const list = await send('GET', '/api/v1/sla/calendars?year=2026', undefined, Role.Operator);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      year: 2026,
      calendars: [{ code: 'default', zone: 'America/Argentina/Buenos_Aires', holidays: [] }],
    });
    expect((await send('GET', '/api/v1/sla/calendars?year=2026', undefined, Role.Requester)).status).toBe(403);

    const holiday = { date: '2026-03-24', name: 'Día Nacional de la Memoria' };
    for (const role of [Role.Supervisor, Role.Operator]) {
      expect((await send('POST', '/api/v1/sla/calendars/default/holidays', holiday, role)).status).toBe(403);
      expect((await send('DELETE', '/api/v1/sla/calendars/default/holidays/2026-03-24', undefined, role)).status).toBe(
        403,
      );
      const csv = { year: 2026, csv: '2026-01-01,Año Nuevo' };
      expect((await send('POST', '/api/v1/sla/calendars/default/holidays/import', csv, role)).status).toBe(403);
    }
    expect(await stored()).toEqual([]);
    expect(await audited()).toEqual([]);
  });

  it('answers bad input with a 400 that names the field, storing and auditing nothing', async () => {
    const cases: Array<[string, string, unknown, string, RegExp]> = [
      ['GET', '/api/v1/sla/calendars?year=dos-mil', undefined, 'year', /entero/],
      ['GET', '/api/v1/sla/calendars', undefined, 'year', /year/],
      ['POST', '/api/v1/sla/calendars/default/holidays', { date: '2026-02-30', name: 'X' }, 'date', /2026-02-30/],
      ['POST', '/api/v1/sla/calendars/default/holidays', { date: '24/03/2026', name: 'X' }, 'date', /formato/],
      ['POST', '/api/v1/sla/calendars/default/holidays', { date: '2026-03-24', name: ' ' }, 'name', /vacío/],
      ['POST', '/api/v1/sla/calendars/default/holidays', { date: '2026-03-24' }, 'name', /obligatorio/],
      ['POST', '/api/v1/sla/calendars/Por Defecto/holidays', { date: '2026-03-24', name: 'X' }, 'code', /formato/],
      ['DELETE', '/api/v1/sla/calendars/default/holidays/ayer', undefined, 'date', /formato/],
      ['POST', '/api/v1/sla/calendars/default/holidays/import', { year: 2026 }, 'csv', /obligatorio/],
      ['POST', '/api/v1/sla/calendars/default/holidays/import', { year: 2026, csv: '\n\n' }, 'csv', /vacío/],
    ];
    for (const [method, path, body, field, message] of cases) {
      const answer = await send(method, path, body);
      expect({ path, body, status: answer.status, code: answer.body.code }).toEqual({
        path,
        body,
        status: 400,
        code: 'VALIDATION',
      });
      expect(answer.body.fields).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    const unknown = await send('POST', '/api/v1/sla/calendars/luna/holidays', { date: '2026-03-24', name: 'X' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/calendario «luna»/);
    expect(await stored()).toEqual([]);
    expect(await audited()).toEqual([]);
  });

  it('imports a CSV all or nothing, reporting each bad line by number', async () => {
    const bad = 'fecha,nombre\n2026-01-01,Año Nuevo\n2026-02-31,Carnaval\n2026-03-24\n';
    const structural = await send('POST', '/api/v1/sla/calendars/default/holidays/import', { year: 2026, csv: bad });
    expect(structural.status).toBe(400);
    expect(structural.body.fields).toEqual([
      { field: 'csv', message: 'El campo «csv», línea 4: debe tener dos columnas, fecha y nombre (fecha,nombre).' },
    ]);
    const dates = await send('POST', '/api/v1/sla/calendars/default/holidays/import', {
      year: 2026,
      csv: 'fecha,nombre\n2026-01-01,Año Nuevo\n2026-02-31,Carnaval\n2025-12-25,Navidad\n',
    });
    expect(dates.status).toBe(400);
    expect(dates.body.fields).toEqual([
      { field: 'csv', message: 'El campo «csv», línea 3: la fecha «2026-02-31» no es una fecha AAAA-MM-DD.' },
      { field: 'csv', message: 'El campo «csv», línea 4: la fecha no es del año 2026.' },
    ]);
    expect(await stored()).toEqual([]);
    expect(await audited()).toEqual([]);

    const good = 'fecha,nombre\n2026-01-01,Año Nuevo\n2026-05-25,"Revolución de Mayo, 1810"\n';
    const imported = await send('POST', '/api/v1/sla/calendars/default/holidays/import', { year: 2026, csv: good });
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ calendar: 'default', year: 2026, added: 2, updated: 0, unchanged: 0 });
    expect(await stored()).toEqual([
      { date: '2026-01-01', name: 'Año Nuevo' },
      { date: '2026-05-25', name: 'Revolución de Mayo, 1810' },
    ]);
    const [entry] = await audited();
    expect(entry).toMatchObject({
      action: 'holidays.import',
      targetId: 'default/2026',
      before: { holidays: [] },
      after: { added: 2, holidays: [{ date: '2026-01-01' }, { date: '2026-05-25' }] },
    });
  });

  it('adds and removes a holiday, each change audited with its before and after', async () => {
    const holiday = { date: '2026-03-24', name: 'Día Nacional de la Memoria' };
    const added = await send('POST', '/api/v1/sla/calendars/default/holidays', holiday);
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ calendar: 'default', holiday });
    const again = await send('POST', '/api/v1/sla/calendars/default/holidays', holiday);
    expect(again.status).toBe(400);
    expect(again.body.fields).toEqual([
      { field: 'date', message: 'El campo «date»: ya hay un feriado el 2026-03-24 en ese calendario.' },
    ]);
    const listed = await send('GET', '/api/v1/sla/calendars?year=2026', undefined, Role.Supervisor);
    expect(listed.body.calendars[0].holidays).toContainEqual(holiday);

    const removed = await send('DELETE', '/api/v1/sla/calendars/default/holidays/2026-03-24');
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ calendar: 'default', holiday });
    expect((await send('DELETE', '/api/v1/sla/calendars/default/holidays/2026-03-24')).status).toBe(404);

    const [remove, add] = await audited();
    expect(remove).toEqual(
      expect.objectContaining({
        action: 'holiday.remove',
        targetId: 'default/2026-03-24',
        before: holiday,
        after: null,
      }),
    );
    expect(add).toEqual(
      expect.objectContaining({ action: 'holiday.add', targetId: 'default/2026-03-24', before: null, after: holiday }),
    );
    expect(await stored()).not.toContainEqual(expect.objectContaining({ date: '2026-03-24' }));
  });
});
