import { parse } from 'csv-parse/sync';
import { startService, type RunningService } from '@cau/messaging';
import { pdfText, waitFor } from '@cau/testing';
import { inventoryService } from '../../inventory/src/inventory.service.js';
import { reportingService } from '../../reporting/src/reporting.service.js';
import { registration, startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

jest.setTimeout(120_000);

interface LogPage {
  items: Array<{ kind: string; ticketNumber: number; equipment: { inventoryNumber: string }; by: { name: string } }>;
  nextCursor: string | null;
}

describe('gateway: the service log (F02) and the F01', () => {
  let f: GatewayFixture;
  let inventory: RunningService;
  let reporting: RunningService;
  let operator: string;
  let requester: string;
  let stranger: string;
  let ticket: number;

  const download = (path: string, token: string) =>
    fetch(`${f.gateway.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    f = await startGateway('gwservicelog', { intake: true });
    inventory = await startService(inventoryService, { ...f.env, INVENTORY_PORT: '0' });
    reporting = await startService(reportingService, { ...f.env, REPORTING_PORT: '0' });
    operator = await f.http.account(f.adminToken, { email: 'op@cau.gob', role: 'operator' });
    requester = await f.http.account(f.adminToken, { email: 'ana@salud.gob', role: 'requester' });
    stranger = await f.http.account(f.adminToken, { email: 'otra@salud.gob', role: 'requester' });
    const registered = await f.http.send<{ number: number }>('POST', '/api/v1/tickets', {
      token: operator,
      json: registration({
        requester: { email: 'ana@salud.gob', name: 'Ana Pérez', phone: '+54 2954 111222' },
        title: 'La PC no enciende',
        description: 'Al presionar el botón de encendido no pasa nada.',
      }),
    });
    expect(registered.status).toBe(201);
    ticket = registered.body.number;
    await waitFor(
      async () => (await f.http.send('GET', `/api/v1/tickets/${ticket}`, { token: operator })).status === 200,
      { what: 'reporting to know the ticket' },
    );
    const pc = await f.http.send<{ id: string }>('POST', '/api/v1/inventory/equipment', {
      token: operator,
      json: { inventoryNumber: 'PC-0200', type: 'pc', brand: 'Dell', model: 'Optiplex', state: 'en_uso' },
    });
    await f.http.send('POST', `/api/v1/tickets/${ticket}/equipment`, {
      token: operator,
      json: { equipmentId: pc.body.id },
    });
    const visitor = {
      kind: 'contractor',
      company: 'Soporte Técnico SA',
      technician: 'Luis Gómez',
      reportNumber: 'UTIC-4410',
    };
    const planned = await f.http.send<{ id: string }>('POST', `/api/v1/tickets/${ticket}/visits`, {
      token: operator,
      json: { plannedFor: '2026-12-01T10:00:00-03:00', visitor },
    });
    const recorded = await f.http.send('POST', `/api/v1/tickets/${ticket}/visits/${planned.body.id}/record`, {
      token: operator,
      json: {
        visitor,
        arrivedAt: '2026-12-01T10:20:00-03:00',
        departedAt: '2026-12-01T12:00:00-03:00',
        workDone: 'Cambio de fuente; el equipo enciende.',
      },
    });
    expect(recorded.status).toBe(200);
    const signed = await f.http.send('POST', `/api/v1/tickets/${ticket}/sign-off`, {
      token: operator,
      json: {
        conforme: true,
        user: { name: 'Ana Pérez' },
        head: { name: 'Jefa Díaz' },
        repairStaff: { name: 'Luis Gómez' },
      },
    });
    expect(signed.status).toBe(201);
  });

  afterAll(async () => {
    await reporting?.stop();
    await inventory?.stop();
    await f?.stop();
  });

  it('lists the log of a machine and exports it as CSV and as the F02 PDF', async () => {
    const page = await f.http.send<LogPage>('GET', '/api/v1/inventory/service-log?inventoryNumber=PC-0200&limit=1', {
      token: operator,
    });
    expect(page.status).toBe(200);
    expect(page.body.items.map((e) => [e.kind, e.ticketNumber])).toEqual([['visita', ticket]]);
    const next = await f.http.send<LogPage>(
      'GET',
      `/api/v1/inventory/service-log?inventoryNumber=PC-0200&cursor=${page.body.nextCursor!}`,
      { token: operator },
    );
    expect(next.body.items.map((e) => e.kind)).toEqual(['conformidad']);

    const csv = await download('/api/v1/inventory/service-log.csv?from=2026-12-01&to=2026-12-02', operator);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const records = parse<Record<string, string>>(await csv.text(), { columns: true });
    expect(records).toEqual([
      expect.objectContaining({
        fecha: '2026-12-01T13:20:00.000Z',
        ticket: String(ticket),
        numero_inventario: 'PC-0200',
        tipo: 'PC',
        atencion: 'Visita',
        detalle: 'Cambio de fuente; el equipo enciende.',
        realizo: 'Soporte Técnico SA — Luis Gómez',
        numero_reporte: 'UTIC-4410',
        conformidad: 'Conforme',
      }),
    ]);

    const pdf = await download('/api/v1/inventory/service-log.pdf?inventoryNumber=PC-0200', operator);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="F02-bitacora-PC-0200.pdf"');
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('Bitácora de Atención a Usuarios de la Unidad');
    expect(text).toContain('Cambio de fuente; el equipo enciende.');
  });

  it('refuses bad filters naming the field, and requesters', async () => {
    const field = async (query: string) => {
      const refused = await f.http.send<ErrorBody>('GET', `/api/v1/inventory/service-log${query}`, { token: operator });
      expect(refused.status).toBe(400);
      return refused.body.fields?.map((problem) => problem.field);
    };
    expect(await field('?from=2026-02-30')).toEqual(['from']);
    expect(await field('?to=ayer')).toEqual(['to']);
    expect(await field('?from=2026-03-02&to=2026-03-01')).toEqual(['to']);
    expect(await field('?inventoryNumber=NO-EXISTE')).toEqual(['inventoryNumber']);
    expect(await field('?holderId=ana')).toEqual(['holderId']);
    expect(await field('?limit=0')).toEqual(['limit']);
    expect(await field('?cursor=abc')).toEqual(['cursor']);
    const csv = await download('/api/v1/inventory/service-log.csv?inventoryNumber=NO-EXISTE', operator);
    expect(csv.status).toBe(400);
    const pdf = await download('/api/v1/inventory/service-log.pdf?from=2026-13-01', operator);
    expect(pdf.status).toBe(400);
    for (const path of ['', '.csv', '.pdf']) {
      expect((await f.http.send('GET', `/api/v1/inventory/service-log${path}`, { token: requester })).status).toBe(403);
    }
  });

  it("prints a ticket's F01 for staff and its requester; another person's ticket is refused", async () => {
    const pdf = await download(`/api/v1/tickets/${ticket}/f01.pdf`, requester);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="F01-ticket-${ticket}.pdf"`);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    for (const expected of [
      'Atención a Usuarios de la Unidad',
      `N.º ${ticket}`,
      'Ana Pérez',
      'SALUD',
      'ana@salud.gob — +54 2954 111222',
      'PC-0200',
      'La PC no enciende',
      'Al presionar el botón de encendido no pasa nada.',
      'Cambio de fuente; el equipo enciende.',
      'UTIC-4410',
      'Conforme',
      'Jefa Díaz',
    ]) {
      expect(text).toContain(expected);
    }
    expect((await download(`/api/v1/tickets/${ticket}/f01.pdf`, operator)).status).toBe(200);
    expect((await download(`/api/v1/tickets/${ticket}/f01.pdf`, stranger)).status).toBe(403);
    expect((await download('/api/v1/tickets/999999/f01.pdf', operator)).status).toBe(404);
    expect((await download('/api/v1/tickets/abc/f01.pdf', operator)).status).toBe(400);
  });
});
