import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { waitFor } from '@cau/testing';
import { startService, type RunningService } from '@cau/messaging';
import type { KpiReportV1, ProductivityReportV1, ReadModelRebuildV1 } from '@cau/contracts';
import { reportingService } from '../src/reporting.service.js';
import { startGateway, type GatewayFixture } from '../../gateway/test/gateway-fixture.js';

describe('gateway: reports', () => {
  let f: GatewayFixture;
  let reporting: RunningService;
  const year = 'from=2025-01-01&to=2026-01-01&granularity=month';

  beforeAll(async () => {
    f = await startGateway('gwreports');
    reporting = await startService(reportingService, { ...f.env, REPORTING_PORT: '0' });
  });

  afterAll(async () => {
    await reporting?.stop();
    await f?.stop();
  });

  const get = (path: string, token = f.adminToken) =>
    f.http.send<KpiReportV1>('GET', `/api/v1/reports/${path}`, { token });
  const download = (path: string) =>
    fetch(`${f.http.baseUrl}/api/v1/reports/${path}`, { headers: { authorization: `Bearer ${f.adminToken}` } });

  it('answers a year by month, every month present', async () => {
    const answer = await get(`kpis?${year}&dimension=area`);
    expect(answer.status).toBe(200);
    expect(answer.body.rows).toHaveLength(12);
    expect(answer.body.rows[0]).toMatchObject({ period: '2025-01-01', periodEnd: '2025-02-01', opened: 0 });
  });

  it('refuses bad periods, unknown dimensions and huge pages with 400 naming the field', async () => {
    const inverted = await f.http.send('GET', '/api/v1/reports/kpis?from=2025-02-01&to=2025-01-01&granularity=month', {
      token: f.adminToken,
    });
    expect(inverted.status).toBe(400);
    expect(inverted.body).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'to' }] });
    for (const path of [
      'kpis?from=2015-01-01&to=2025-01-01&granularity=month',
      'kpis?from=2024-01-01&to=2025-06-01&granularity=day',
      'kpis?from=2025-02-30&to=2025-03-01&granularity=day',
      `kpis?${year}&dimension=color`,
      'kpis?from=2025-01-01&to=2026-01-01&granularity=hour',
      'kpis?from=2025-01-01',
      'recurring?from=2025-01-01&to=2026-01-01&by=category&limit=100000',
      'yearly?fromYear=2010&toYear=2025',
      'kpis.csv?from=2025-02-01&to=2025-01-01&granularity=month',
    ]) {
      const answer = await f.http.send('GET', `/api/v1/reports/${path}`, { token: f.adminToken });
      expect([path, answer.status, answer.body.code]).toEqual([path, 400, 'VALIDATION']);
    }
  });

  it("is the desk's for operators, supervisors and admins, an agent's area's, a referente's jurisdiction's", async () => {
    const agent = await f.http.account(f.adminToken, { email: 'agente@cau.gob', role: 'agent', area: 'L1' });
    const own = await get(`kpis?${year}`, agent);
    expect([own.status, own.body.scope]).toEqual([200, { dimension: 'area', value: 'L1' }]);
    expect((await get(`kpis?${year}&dimension=category`, agent)).status).toBe(403);
    expect((await get('tickets.csv', agent)).status).toBe(403);
    const referente = await f.http.account(f.adminToken, {
      email: 'referente@salud.gob',
      role: 'referente',
      jurisdiction: 'SALUD',
    });
    const theirs = await get('yearly?fromYear=2025&toYear=2025', referente);
    expect([theirs.status, theirs.body.scope]).toEqual([200, { dimension: 'jurisdiction', value: 'SALUD' }]);
    const requester = await f.http.account(f.adminToken, {
      email: 'vecina@salud.gob',
      role: 'requester',
      jurisdiction: 'SALUD',
    });
    expect((await get(`kpis?${year}`, requester)).status).toBe(403);
    const operator = await f.http.account(f.adminToken, { email: 'operadora@cau.gob', role: 'operator' });
    expect((await get(`kpis?${year}`, operator)).status).toBe(200);
  });

  it('exports CSV and XLSX with one line per row', async () => {
    const csv = await download(`kpis.csv?${year}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('indicadores-2025-01-01-2026-01-01-month.csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toMatch(/^periodo_desde,periodo_hasta,dimension,abiertos,/);
    expect(lines[1]).toMatch(/^2025-01-01,2025-02-01,,0,0,0,/);

    const xlsx = await download(`kpis.xlsx?${year}`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('Indicadores')!;
    expect(sheet.rowCount).toBe(13);
    expect(sheet.getRow(2).getCell(1).value).toBe('2025-01-01');
  });

  it('rebuilds the read models for administrators, reporting progress', async () => {
    const started = await f.http.send<ReadModelRebuildV1>('POST', '/api/v1/reports/rebuild', { token: f.adminToken });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'running', error: null });
    await waitFor(
      async () => {
        const answer = await f.http.send<ReadModelRebuildV1>('GET', `/api/v1/reports/rebuild/${started.body.id}`, {
          token: f.adminToken,
        });
        return answer.body.state === 'done';
      },
      { what: 'the rebuild', timeoutMs: 60_000 },
    );
    expect((await f.http.send('GET', '/api/v1/reports/rebuild/x', { token: f.adminToken })).status).toBe(400);
    const unknown = await f.http.send('GET', `/api/v1/reports/rebuild/${randomUUID()}`, { token: f.adminToken });
    expect(unknown.status).toBe(404);
    const operator = await f.http.account(f.adminToken, { email: 'operador2@cau.gob', role: 'operator' });
    expect((await f.http.send('POST', '/api/v1/reports/rebuild', { token: operator })).status).toBe(403);
  });

  it('answers the recurring and yearly reports', async () => {
    const recurring = await f.http.send('GET', '/api/v1/reports/recurring?from=2025-01-01&to=2026-01-01&by=requester', {
      token: f.adminToken,
    });
    expect(recurring.status).toBe(200);
    expect(recurring.body).toMatchObject({ by: 'requester', minCount: 2, items: [] });
    const yearly = await f.http.send('GET', '/api/v1/reports/yearly?fromYear=2024&toYear=2025', {
      token: f.adminToken,
    });
    expect(yearly.status).toBe(200);
    expect(yearly.body).toMatchObject({
      years: [
        { year: 2024, tickets: 0 },
        { year: 2025, tickets: 0 },
      ],
    });
  });

  it('answers the productivity report, scoped by role, and its XLSX with three sheets', async () => {
    const month = 'from=2025-03-01&to=2025-04-01';
    const desk = await f.http.send<ProductivityReportV1>('GET', `/api/v1/reports/productivity?${month}`, {
      token: f.adminToken,
    });
    expect(desk.status).toBe(200);
    expect(desk.body).toMatchObject({ from: '2025-03-01', to: '2025-04-01', scope: null, technicians: [], areas: [] });
    expect(desk.body.types.map((t) => [t.type, t.opened, t.closed])).toEqual([
      ['solicitud', 0, 0],
      ['incidente', 0, 0],
      ['incidente_seguridad', 0, 0],
      ['reclamo', 0, 0],
      ['asesoramiento_compras', 0, 0],
    ]);
    const supervisor = await f.http.account(f.adminToken, { email: 'supervisora@cau.gob', role: 'supervisor' });
    const whole = await f.http.send<ProductivityReportV1>('GET', `/api/v1/reports/productivity?${month}`, {
      token: supervisor,
    });
    expect([whole.status, whole.body.scope]).toEqual([200, null]);
    const agent = await f.http.account(f.adminToken, { email: 'agente.uit@cau.gob', role: 'agent', area: 'UIT' });
    const area = await f.http.send<ProductivityReportV1>('GET', `/api/v1/reports/productivity?${month}`, {
      token: agent,
    });
    expect([area.status, area.body.scope]).toEqual([200, { dimension: 'area', value: 'UIT' }]);
    const bad = await f.http.send('GET', '/api/v1/reports/productivity?from=2025-04-01&to=2025-03-01', {
      token: f.adminToken,
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'to' }] });
    const missing = await f.http.send('GET', '/api/v1/reports/productivity?from=2025-04-01', { token: f.adminToken });
    expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION']);
    const requester = await f.http.account(f.adminToken, {
      email: 'vecino@salud.gob',
      role: 'requester',
      jurisdiction: 'SALUD',
    });
    const refused = await f.http.send('GET', `/api/v1/reports/productivity?${month}`, { token: requester });
    expect(refused.status).toBe(403);

    const xlsx = await download(`productivity.xlsx?${month}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain('productividad-2025-03-01-2025-04-01.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Técnicos', 'Áreas', 'Tipos']);
    const types = workbook.getWorksheet('Tipos')!;
    expect(types.rowCount).toBe(6);
    expect(types.getRow(1).values).toEqual([
      undefined,
      'tipo',
      'abiertos',
      'cerrados',
      'resolucion_habil_prom_min',
      'resolucion_calendario_prom_min',
    ]);
    expect(types.getRow(3).getCell(1).value).toBe('incidente');
  });
});
