import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import pg from 'pg';
import { ApiClient, allocatePort, startTestPlatform, waitFor, type TestPlatform } from '@cau/testing';

/**
 * Files that came attached to a mail, on the real platform (every service as its own process, from
 * dist/): notifications puts them in the attachment store the gateway serves from, and the gateway
 * lists and streams them as the ticket's files, after the same visibility check as uploads.
 */
interface Listed {
  id: string | null;
  kind: 'file' | 'link';
  fileName: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  downloadUrl: string | null;
  addedBy: { accountId: string; name: string; role: string };
  addedAt: string;
  source: 'upload' | 'registration' | 'mail';
  senderEmail: string | null;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n% informe\n'), Buffer.alloc(20_000, 'informe')]);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2_000, 0x90)]);

describe('gateway: attachments that came by mail', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let db: pg.Client;
  let dir: string;
  let smtpPort: number;
  let operator: string;
  let ana: string;
  let beto: string;
  let number: number;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cau-inbound-attachments-'));
    smtpPort = allocatePort();
    platform = await startTestPlatform('inbattach', {
      instances: { knowledge: 0 },
      env: { ATTACHMENTS_DIR: dir, INBOUND_SMTP_PORT: String(smtpPort), INBOUND_JURISDICTIONS: 'salud.gob=SALUD' },
    });
    api = new ApiClient(platform.gatewayUrl);
    const admin = await api.token(platform.admin.email, platform.admin.password);
    const account = (email: string, role: string) =>
      api.createAccount(admin, { email, name: email.split('@')[0]!, role, password: 'clave-de-prueba-1' });
    operator = await account('operadora@cau.test', 'operator');
    ana = await account('ana@salud.gob', 'requester');
    beto = await account('beto@salud.gob', 'requester');
    db = new pg.Client({ connectionString: platform.infra.database.url });
    await db.connect();
  }, 240_000);

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const list = (token: string, n: number) =>
    api.request<Listed[]>('GET', `/api/v1/tickets/${n}/attachments`, { token });

  it('lists a PDF that came with a mail as the ticket’s file, added by the mail’s sender, and leaves out a refused one', async () => {
    const transport = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({
        from: 'Ana Pérez <ana@salud.gob>',
        to: 'mesa@cau.test',
        subject: 'La impresora no imprime',
        text: 'Adjunto el informe de error.',
        attachments: [
          { filename: 'informe.pdf', content: pdf, contentType: 'application/pdf' },
          { filename: 'arreglo.exe', content: exe },
        ],
      });
    } finally {
      transport.close();
    }
    number = await waitFor(
      async () => {
        const rows = await db.query(
          `SELECT ticket_number FROM notifications.inbound_messages WHERE status = 'processed' AND sender = 'ana@salud.gob'`,
        );
        return rows.rows[0] ? Number(rows.rows[0].ticket_number) : undefined;
      },
      { what: 'the mail to become a ticket' },
    );
    const listed = await waitFor(
      async () => {
        const answer = await list(operator, number);
        return answer.status === 200 ? answer.body : undefined;
      },
      { what: `ticket ${number} in reporting` },
    );
    expect(listed).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        kind: 'file',
        fileName: 'informe.pdf',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: sha256(pdf),
        downloadUrl: `/api/v1/tickets/${number}/attachments/${listed[0]!.id}`,
        url: null,
        title: null,
        addedBy: { accountId: expect.any(String), name: 'Ana Pérez', role: 'requester' },
        addedAt: expect.any(String),
        source: 'mail',
        senderEmail: 'ana@salud.gob',
      },
    ]);
    const refused = await db.query(
      `SELECT id, stored, reason FROM notifications.inbound_attachments WHERE filename = 'arreglo.exe'`,
    );
    expect(refused.rows).toEqual([
      { id: expect.any(String), stored: false, reason: expect.stringMatching(/type not allowed/) },
    ]);
    // The sender, as the ticket's requester, sees the same list.
    expect((await list(ana, number)).body).toEqual(listed);
  });

  it('downloads the same bytes, as an attachment, to whoever may see the ticket', async () => {
    const [file] = (await list(ana, number)).body;
    for (const token of [operator, ana]) {
      const response = await fetch(`${platform.gatewayUrl}${file!.downloadUrl}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="informe\.pdf"/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('etag')).toBe(`"${sha256(pdf)}"`);
      expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(sha256(pdf));
    }
  });

  it('refuses someone who may not see the ticket as for uploads, and answers 404 for a refused file and on another ticket', async () => {
    const [file] = (await list(ana, number)).body;
    // Reporting's refusal, as for the gateway's own files: 403 with the reason for another requester.
    expect((await list(beto, number)).status).toBe(403);
    const forBeto = await api.request('GET', file!.downloadUrl!, { token: beto });
    expect(forBeto.status).toBe(403);
    const refused = await db.query(`SELECT id FROM notifications.inbound_attachments WHERE filename = 'arreglo.exe'`);
    const refusedDownload = await api.request('GET', `/api/v1/tickets/${number}/attachments/${refused.rows[0].id}`, {
      token: operator,
    });
    expect(refusedDownload.status).toBe(404);
    // A ticket of Beto's own does not open Ana's mail file.
    const own = await api.request<{ number: number }>('POST', '/api/v1/tickets', {
      token: operator,
      body: {
        channel: 'telefono',
        requester: { email: 'beto@salud.gob', name: 'Beto' },
        jurisdiction: 'SALUD',
        title: 'Sin red',
        description: 'No conecta.',
        type: 'incidente',
        category: 'impresoras',
        impact: 'medio',
        urgency: 'media',
      },
    });
    expect(own.status).toBe(201);
    await waitFor(async () => (await list(beto, own.body.number)).status === 200, {
      what: 'Beto’s ticket in reporting',
    });
    const elsewhere = await api.request('GET', `/api/v1/tickets/${own.body.number}/attachments/${file!.id}`, {
      token: beto,
    });
    expect(elsewhere.status).toBe(404);
  });
});
