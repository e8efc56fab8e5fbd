import ExcelJS from 'exceljs';
import { ErrorCode, ReportLimits, ReportingRpc } from '@cau/contracts';
import { RpcClient, Subjects, messagingConfigFromEnv, startService, type RunningService } from '@cau/messaging';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { reportingService } from '../src/reporting.service.js';
import { startGateway, type GatewayFixture } from '../../gateway/test/gateway-fixture.js';
import { staff } from './support.js';

/** RFC 4180 as the export writes it: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += ch;
    } else if (ch === ',') {
      endCell();
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) throw new Error(`CSV does not end with CRLF: ${JSON.stringify(cell)}`);
  return rows;
}

describe('gateway: streamed ticket export', () => {
  let f: GatewayFixture;
  let reporting: RunningService;
  let nc: NatsConnection;
  let rpc: RpcClient;
  // More than four export pages, and not a multiple of the page size.
  const bulk = ReportLimits.exportPageSize * 4 + 37;
  const awkward = [
    'Con, coma',
    'Con "comillas" dobles',
    'Con salto\r\nde línea',
    '=HIPERVINCULO("http://malo")',
    '-2+3',
    'Ñandú, acentos y €',
  ];

  beforeAll(async () => {
    f = await startGateway('gwticketexport');
    reporting = await startService(reportingService, { ...f.env, REPORTING_PORT: '0' });
    nc = await connect({ servers: f.env.NATS_URL });
    rpc = new RpcClient(nc, new Subjects(messagingConfigFromEnv(f.env)), 5_000);
    // The view as the projection leaves it, written directly: the export reads nothing else.
    const insert = `INSERT INTO reporting.ticket_view
        (ticket_id, number, title, description, channel, type, category, impact, urgency, priority, area, status,
         jurisdiction, requester_email, requester_name, requester, registered_by, attachments, registered_at,
         updated_at)
      SELECT gen_random_uuid(), n, title, 'Descripción', 'telefono', 'incidente', 'correo', 'medio', 'alta', 'ALTA',
             'UIT', 'abierto', jurisdiction, 'ana@salud.gob', 'Ana Pérez', '{"email":"ana@salud.gob","name":"Ana"}',
             '{"accountId":"00000000-0000-4000-8000-000000000001","name":"Op","role":"operator"}', '[]',
             timestamptz '2025-03-10 12:00Z' + n * interval '1 minute', now()`;
    await f.db.query(
      `${insert} FROM (SELECT n, 'Ticket masivo ' || n AS title, 'MASIVA' AS jurisdiction
                      FROM generate_series(1, $1::int) n) s`,
      [bulk],
    );
    await f.db.query(
      `${insert} FROM (SELECT $1::int + i AS n, title, 'RARA' AS jurisdiction
                      FROM unnest($2::text[]) WITH ORDINALITY u(title, i)) s`,
      [bulk, awkward],
    );
  });

  afterAll(async () => {
    await nc?.close();
    await reporting?.stop();
    await f?.stop();
  });

  const download = (path: string, token = f.adminToken) =>
    fetch(`${f.http.baseUrl}/api/v1/reports/${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('streams every ticket of the list once, newest first, in pages across NATS', async () => {
    const answer = await download('tickets.csv');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    expect(answer.headers.get('content-disposition')).toContain('tickets.csv');
    expect(answer.headers.get('transfer-encoding')).toBe('chunked');
    const [header, ...rows] = parseCsv(await answer.text());
    expect(header).toEqual([
      'numero',
      'titulo',
      'estado',
      'con_atraso',
      'prioridad',
      'area',
      'jurisdiccion',
      'solicitante_email',
      'solicitante_nombre',
      'canal',
      'tipo',
      'categoria',
      'registrado',
      'asignado_a',
    ]);
    const numbers = rows.map((r) => Number(r[0]));
    const total = bulk + awkward.length;
    expect(numbers).toEqual(Array.from({ length: total }, (_, i) => total - i));
    expect(rows.at(-1)).toEqual([
      '1',
      'Ticket masivo 1',
      'abierto',
      'no',
      'ALTA',
      'UIT',
      'MASIVA',
      'ana@salud.gob',
      'Ana Pérez',
      'telefono',
      'incidente',
      'correo',
      '2025-03-10T12:01:00.000Z',
      '',
    ]);
  });

  it('quotes commas, quotes and line breaks, and neutralises formulas', async () => {
    const answer = await download('tickets.csv?jurisdiction=RARA');
    const text = await answer.text();
    expect(text).toContain('"Con ""comillas"" dobles"');
    const titles = parseCsv(text)
      .slice(1)
      .map((r) => r[1]);
    expect(titles).toEqual(awkward.map((t) => (/^[=+\-@]/.test(t) ? `'${t}` : t)).reverse());
  });

  it('applies the list filters, text search included', async () => {
    const rows = parseCsv(await (await download('tickets.csv?jurisdiction=RARA&text=acentos')).text());
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Ñandú, acentos y €']);
    const none = parseCsv(await (await download('tickets.csv?status=cerrado')).text());
    expect(none).toHaveLength(1);
  });

  it('writes the same tickets to an XLSX sheet', async () => {
    const answer = await download('tickets.xlsx?jurisdiction=MASIVA');
    expect(answer.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await answer.arrayBuffer());
    const sheet = workbook.getWorksheet('Tickets')!;
    expect(sheet.rowCount).toBe(bulk + 1);
    expect(sheet.getRow(1).getCell(2).value).toBe('titulo');
    expect(sheet.getRow(2).getCell(1).value).toBe(bulk);
    expect(sheet.getRow(bulk + 1).getCell(2).value).toBe('Ticket masivo 1');
  });

  it('refuses bad filters with 400 naming the field, before any byte', async () => {
    for (const [path, field] of [
      ['tickets.csv?status=pendiente', 'status'],
      ['tickets.csv?limit=100000', 'limit'],
      ['tickets.xlsx?before=10', 'before'],
      [`tickets.xlsx?area=UIT'--`, 'area'],
      ['tickets.csv?requester=ana', 'requester'],
      [`tickets.csv?text=${'a'.repeat(201)}`, 'text'],
    ] as const) {
      const answer = await f.http.send('GET', `/api/v1/reports/${path}`, { token: f.adminToken });
      expect([path, answer.status, answer.body.code, answer.body.fields?.map((x) => x.field)]).toEqual([
        path,
        400,
        'VALIDATION',
        [field],
      ]);
    }
  });

  it('is for operators, supervisors and admins only', async () => {
    const requester = await f.http.account(f.adminToken, { email: 'ana@salud.gob', role: 'requester' });
    expect((await download('tickets.csv', requester)).status).toBe(403);
  });

  it('answers pages of the fixed export size, and refuses a cursor out of range', async () => {
    const page = await rpc.request(ReportingRpc.TicketExportPage, {
      actor: staff(),
      filters: { jurisdiction: 'MASIVA' },
    });
    expect(page.items).toHaveLength(ReportLimits.exportPageSize);
    expect(page.nextBefore).toBe(bulk - ReportLimits.exportPageSize + 1);
    const refused = await rpc
      .request(ReportingRpc.TicketExportPage, { actor: staff(), filters: {}, before: 1e20 })
      .catch((error: { payload?: unknown }) => error.payload);
    expect(refused).toMatchObject({
      code: ErrorCode.Validation,
      fields: [expect.objectContaining({ field: 'before' })],
    });
  });
});
