import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ApiClient, startTestPlatform, waitFor, type ServiceProcess, type TestPlatform } from '@cau/testing';

/**
 * Attachments on the real platform (every service but knowledge and notifications as its own process,
 * from dist/): staged uploads bound at registration and comment, downloads, visibility, limits and
 * refusals that store nothing, aborted uploads, links, and memory use while streaming a large file.
 */
const MiB = 1024 * 1024;
const LARGE_LIMIT = 48 * MiB;
const TIGHT = { file: 64 * 1024, ticket: 100 * 1024 };

interface Staged {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  expiresAt: string;
}
interface Listed {
  id: string | null;
  kind: 'file' | 'link';
  fileName: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  downloadUrl: string | null;
  url: string | null;
  title: string | null;
  addedBy: { accountId: string; name: string; role: string };
  addedAt: string;
  source: 'upload' | 'registration' | 'mail';
  senderEmail: string | null;
}
interface ErrorBody {
  code: string;
  message: string;
  fields?: Array<{ field: string; message: string }>;
}
interface FileSpec {
  name: string;
  data: Buffer;
  type?: string;
}

const pdf = (size = 2_000, seed = 'x'): Buffer => {
  const head = Buffer.from(`%PDF-1.7\n% ${seed}\n`);
  const body = Buffer.alloc(Math.max(size - head.length, 0), seed);
  return Buffer.concat([head, body]);
};
const png = (size = 1_000): Buffer =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8, 7)]);
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('gateway: attachments', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let tight: ServiceProcess;
  let db: pg.Client;
  let dir: string;
  let admin: string;
  let operator: string;
  let ana: string;
  let beto: string;

  const anaRegistration = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    channel: 'portal',
    requester: { email: 'ana@salud.gob', name: 'Ana Pérez' },
    jurisdiction: 'SALUD',
    title: 'La impresora no imprime',
    description: 'Adjunto el informe de error que muestra la impresora.',
    type: 'incidente',
    category: 'impresoras',
    impact: 'medio',
    urgency: 'alta',
    ...overrides,
  });

  async function upload(
    token: string,
    files: FileSpec[],
    options: { path?: string; baseUrl?: string; field?: string } = {},
  ): Promise<{ status: number; body: unknown }> {
    const form = new FormData();
    for (const file of files) {
      form.append(options.field ?? 'files', new Blob([file.data], { type: file.type ?? 'application/pdf' }), file.name);
    }
    const response = await fetch(`${options.baseUrl ?? platform.gatewayUrl}${options.path ?? '/api/v1/attachments'}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  const stage = async (token: string, files: FileSpec[]): Promise<Staged[]> => {
    const answer = await upload(token, files);
    if (answer.status !== 201) throw new Error(`stage: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as Staged[];
  };

  const register = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    api.request<{ number: number } & ErrorBody>('POST', '/api/v1/tickets', { token, body, headers });

  const visible = (token: string, number: number) =>
    waitFor(async () => (await api.request('GET', `/api/v1/tickets/${number}`, { token })).status === 200, {
      what: `ticket ${number} in reporting`,
    });

  const rows = async (): Promise<number> =>
    (await db.query('SELECT count(*)::int AS n FROM gateway.attachments')).rows[0].n;

  /** Every file under the store's directory, partial files included. */
  async function storedFiles(): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  }

  const ticketCount = async (): Promise<number> =>
    (await db.query('SELECT count(*)::int AS n FROM intake.tickets')).rows[0].n;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cau-attachments-'));
    platform = await startTestPlatform('attach', {
      instances: { knowledge: 0, notifications: 0 },
      env: {
        ATTACHMENTS_DIR: dir,
        ATTACHMENT_MAX_FILE_BYTES: String(LARGE_LIMIT),
        ATTACHMENT_MAX_TICKET_BYTES: String(56 * MiB),
        ATTACHMENT_MAX_FILES: '3',
        // A small young generation: the streamed chunks are collected as they go rather than piling up
        // to V8's default semi-space, which the memory test below would count (measured: 14-16 → 10-11 MiB).
        NODE_OPTIONS: '--max-semi-space-size=4',
        ATTACHMENT_PURGE_INTERVAL_SECONDS: '1',
      },
    });
    // A second gateway on the same database and store, with small limits for the limit tests.
    tight = await platform.spawn('gateway', {
      ATTACHMENT_MAX_FILE_BYTES: String(TIGHT.file),
      ATTACHMENT_MAX_TICKET_BYTES: String(TIGHT.ticket),
    });
    api = new ApiClient(platform.gatewayUrl);
    admin = await api.token(platform.admin.email, platform.admin.password);
    const account = (email: string, role: string) =>
      api.createAccount(admin, { email, name: email.split('@')[0]!, role, password: 'clave-de-prueba-1' });
    operator = await account('operadora@cau.test', 'operator');
    ana = await account('ana@salud.gob', 'requester');
    beto = await account('beto@salud.gob', 'requester');
    db = new pg.Client({ connectionString: platform.infra.database.url });
    await db.connect();
  }, 240_000);

  afterAll(async () => {
    if (process.env.SHOW_GATEWAY_OUTPUT) {
      for (const p of platform?.processes ?? []) if (p.name === 'gateway') console.log(p.output());
    }
    await db?.end();
    await platform?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('a requester reports a problem with a staged PDF', () => {
    const content = pdf(50_000, 'informe');
    let staged: Staged;
    let number: number;
    const idempotencyKey = randomUUID();

    it('stages the upload: 201 with its id, sanitised name, detected type, size and SHA-256', async () => {
      [staged] = (await stage(ana, [
        { name: 'informe del error – año 2025.pdf', data: content, type: 'text/html' },
      ])) as [Staged];
      expect(staged).toEqual({
        id: expect.any(String),
        fileName: 'informe del error – año 2025.pdf',
        contentType: 'application/pdf',
        sizeBytes: content.length,
        sha256: sha256(content),
        expiresAt: expect.any(String),
      });
      const hours = (Date.parse(staged.expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(23.9);
      const row = await db.query('SELECT ticket_number, owner_account_id FROM gateway.attachments WHERE id = $1', [
        staged.id,
      ]);
      expect(row.rows[0]).toMatchObject({ ticket_number: null });
    });

    it('registers the ticket with attachmentIds (and a link) and binds the file right away', async () => {
      const answer = await register(
        ana,
        anaRegistration({
          attachmentIds: [staged.id],
          attachments: [{ url: 'https://docs.salud.gob/manual', name: 'Manual' }],
        }),
        { 'idempotency-key': idempotencyKey },
      );
      expect(answer.status).toBe(201);
      number = answer.body.number;
      // Bound before reporting has even seen the ticket: the binding does not depend on the read model.
      const row = await db.query('SELECT ticket_number, expires_at FROM gateway.attachments WHERE id = $1', [
        staged.id,
      ]);
      expect(row.rows[0]).toEqual({ ticket_number: number, expires_at: null });
    });

    it('a retry with the same Idempotency-Key binds nothing twice (200)', async () => {
      const retry = await register(
        ana,
        anaRegistration({
          attachmentIds: [staged.id],
          attachments: [{ url: 'https://docs.salud.gob/manual', name: 'Manual' }],
        }),
        {
          'idempotency-key': idempotencyKey,
        },
      );
      expect(retry.status).toBe(200);
      expect(retry.body.number).toBe(number);
      const bound = await db.query('SELECT count(*)::int AS n FROM gateway.attachments WHERE ticket_number = $1', [
        number,
      ]);
      expect(bound.rows[0].n).toBe(1);
    });

    it('a file already on a ticket cannot be named in another registration', async () => {
      const before = await ticketCount();
      const reused = await register(ana, anaRegistration({ title: 'Otro problema', attachmentIds: [staged.id] }));
      expect(reused.status).toBe(400);
      expect(reused.body).toMatchObject({ code: 'STAGED_ATTACHMENT_UNKNOWN' });
      expect(await ticketCount()).toBe(before);
    });

    it('lists the file and the registration link with who added them and when', async () => {
      await visible(ana, number);
      const list = await api.request<Listed[]>('GET', `/api/v1/tickets/${number}/attachments`, { token: ana });
      expect(list.status).toBe(200);
      expect(list.body).toEqual([
        expect.objectContaining({
          id: null,
          kind: 'link',
          url: 'https://docs.salud.gob/manual',
          title: 'Manual',
          source: 'registration',
        }),
        {
          id: staged.id,
          kind: 'file',
          fileName: staged.fileName,
          contentType: 'application/pdf',
          sizeBytes: content.length,
          sha256: staged.sha256,
          downloadUrl: `/api/v1/tickets/${number}/attachments/${staged.id}`,
          url: null,
          title: null,
          addedBy: { accountId: expect.any(String), name: 'ana', role: 'requester' },
          addedAt: expect.any(String),
          source: 'upload',
          senderEmail: null,
        },
      ]);
    });

    it('downloads it byte-identical, as an attachment, with type, nosniff, length and ETag', async () => {
      const response = await fetch(`${platform.gatewayUrl}/api/v1/tickets/${number}/attachments/${staged.id}`, {
        headers: { authorization: `Bearer ${ana}` },
      });
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(content)).toBe(true);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-length')).toBe(String(content.length));
      expect(response.headers.get('etag')).toBe(`"${sha256(content)}"`);
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="informe del error _ a_o 2025.pdf"; filename*=UTF-8''informe%20del%20error%20%E2%80%93%20a%C3%B1o%202025.pdf`,
      );
      const again = await fetch(`${platform.gatewayUrl}/api/v1/tickets/${number}/attachments/${staged.id}`, {
        headers: { authorization: `Bearer ${ana}`, 'if-none-match': `"${sha256(content)}"` },
      });
      expect(again.status).toBe(304);
      // Staff see every ticket.
      const staff = await fetch(`${platform.gatewayUrl}/api/v1/tickets/${number}/attachments/${staged.id}`, {
        headers: { authorization: `Bearer ${operator}` },
      });
      expect(staff.status).toBe(200);
      await staff.arrayBuffer();
    });

    it("another requester can neither list nor download the ticket's attachments", async () => {
      const list = await api.request<ErrorBody>('GET', `/api/v1/tickets/${number}/attachments`, { token: beto });
      expect([403, 404]).toContain(list.status);
      const download = await api.request<ErrorBody>('GET', `/api/v1/tickets/${number}/attachments/${staged.id}`, {
        token: beto,
      });
      expect([403, 404]).toContain(download.status);
      expect(download.status).toBe(list.status);
      const added = await upload(beto, [{ name: 'x.pdf', data: pdf() }], {
        path: `/api/v1/tickets/${number}/attachments`,
      });
      expect(added.status).toBe(list.status);
    });

    it('an attachment of another ticket is not found through this one', async () => {
      const other = await register(operator, anaRegistration({ channel: 'telefono', title: 'Otro' }));
      expect(other.status).toBe(201);
      await visible(operator, other.body.number);
      const wrong = await api.request<ErrorBody>(
        'GET',
        `/api/v1/tickets/${other.body.number}/attachments/${staged.id}`,
        { token: operator },
      );
      expect(wrong.status).toBe(404);
      expect(wrong.body.code).toBe('NOT_FOUND');
    });

    it('a reply with attachmentIds binds the staged files once the comment is taken', async () => {
      const [shot] = (await stage(ana, [{ name: 'captura.png', data: png(), type: 'image/png' }])) as [Staged];
      const commentId = randomUUID();
      const comment = () =>
        api.request<ErrorBody>('POST', `/api/v1/tickets/${number}/comments`, {
          token: ana,
          body: { text: 'Adjunto una captura', commentId, attachmentIds: [shot.id] },
        });
      // Resolution learns of the ticket from its event; a moment after registration it may not know it yet.
      await waitFor(async () => (await comment()).status === 200, { what: 'comment accepted' });
      const list = await api.request<Listed[]>('GET', `/api/v1/tickets/${number}/attachments`, { token: operator });
      expect(list.body.map((a) => a.fileName)).toContain('captura.png');
      expect((await comment()).status).toBe(200);
    });

    it('links: http(s) only, listed with the files', async () => {
      for (const url of ['javascript:alert(1)', 'ftp://archivos.gob/x', 'data:text/html,hola', 'no es una url']) {
        const refused = await api.request<ErrorBody>('POST', `/api/v1/tickets/${number}/links`, {
          token: ana,
          body: { url, title: 'x' },
        });
        expect(refused.status).toBe(400);
        expect(refused.body.fields).toEqual([expect.objectContaining({ field: 'url' })]);
      }
      const added = await api.request<Listed>('POST', `/api/v1/tickets/${number}/links`, {
        token: ana,
        body: { url: 'https://drive.salud.gob/video-del-error', title: 'Video' },
      });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({
        kind: 'link',
        url: 'https://drive.salud.gob/video-del-error',
        title: 'Video',
      });
      const list = await api.request<Listed[]>('GET', `/api/v1/tickets/${number}/attachments`, { token: ana });
      expect(list.body.at(-1)).toMatchObject({ id: added.body.id, kind: 'link' });
    });
  });

  describe('refusals store nothing', () => {
    let rowsBefore: number;
    let filesBefore: string[];
    let ticketsBefore: number;
    beforeAll(async () => {
      rowsBefore = await rows();
      filesBefore = await storedFiles();
      ticketsBefore = await ticketCount();
    });
    afterAll(async () => {
      expect(await rows()).toBe(rowsBefore);
      expect(await storedFiles()).toEqual(filesBefore);
      expect(await ticketCount()).toBe(ticketsBefore);
    });

    it('too large → 413 naming the limit', async () => {
      const answer = await upload(ana, [{ name: 'grande.pdf', data: pdf(TIGHT.file + 1) }], { baseUrl: tight.url });
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({
        code: 'ATTACHMENT_TOO_LARGE',
        message: 'El archivo «grande.pdf» supera el máximo de 65536 bytes (64 KiB) por archivo.',
      });
    });

    it.each([
      ['an .exe', 'programa.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(5_000)]), 'application/x-msdownload'],
      [
        'an .exe renamed .pdf',
        'factura.pdf',
        Buffer.concat([Buffer.from('MZ'), Buffer.alloc(5_000)]),
        'application/x-msdownload',
      ],
      ['HTML renamed .pdf', 'factura.pdf', Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), 'text/html'],
    ])('%s → 415 naming what it is', async (_label, name, data, detected) => {
      const answer = await upload(ana, [{ name, data, type: 'application/pdf' }]);
      expect(answer.status).toBe(415);
      expect(answer.body).toMatchObject({ code: 'ATTACHMENT_TYPE_NOT_ALLOWED' });
      expect((answer.body as ErrorBody).message).toContain(detected);
    });

    it('in English when asked', async () => {
      const form = new FormData();
      form.append('files', new Blob([Buffer.from('MZ')]), 'a.pdf');
      const response = await fetch(`${platform.gatewayUrl}/api/v1/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ana}`, 'accept-language': 'en' },
        body: form,
      });
      expect(response.status).toBe(415);
      expect(((await response.json()) as ErrorBody).message).toMatch(
        /^The content of file "a.pdf" is not an accepted type/,
      );
    });

    it('empty → 400', async () => {
      const answer = await upload(ana, [{ name: 'vacio.pdf', data: Buffer.alloc(0) }]);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'ATTACHMENT_EMPTY', message: 'El archivo «vacio.pdf» está vacío.' });
    });

    it.each(['..', '../..', '..\\..', ' . '])('a name with nothing usable (%j) → 400', async (name) => {
      const answer = await upload(ana, [{ name, data: pdf() }]);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'ATTACHMENT_NAME_INVALID' });
    });

    it('all or nothing: a good file with a bad one stores neither', async () => {
      const answer = await upload(ana, [
        { name: 'bueno.pdf', data: pdf() },
        { name: 'malo.pdf', data: Buffer.from('<html>') },
      ]);
      expect(answer.status).toBe(415);
    });

    it('more files than ATTACHMENT_MAX_FILES → 413', async () => {
      const file = { name: 'a.pdf', data: pdf() };
      const answer = await upload(ana, [file, file, file, file]);
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({ code: 'TOO_MANY_ATTACHMENTS' });
    });

    it('other fields, or no file at all → 400; JSON on the upload route, multipart elsewhere → 415', async () => {
      expect((await upload(ana, [{ name: 'a.pdf', data: pdf() }], { field: 'archivo' })).status).toBe(400);
      const json = await api.request<ErrorBody>('POST', '/api/v1/attachments', { token: ana, body: { files: [] } });
      expect(json.status).toBe(415);
      expect(json.body.message).toBe('El cuerpo debe enviarse como multipart/form-data.');
      const form = await upload(ana, [{ name: 'a.pdf', data: pdf() }], { path: '/api/v1/tickets' });
      expect(form.status).toBe(415);
      // Multipart without the boundary that splits it (the parser threw: a 500, found by the fuzz test).
      const unsplittable = await api.request<ErrorBody>('POST', '/api/v1/attachments', {
        token: ana,
        rawBody: 'algo',
        headers: { 'content-type': 'multipart/form-data' },
      });
      expect(unsplittable.status).toBe(415);
      expect(unsplittable.body.message).toBe('El cuerpo debe enviarse como multipart/form-data; boundary=….');
    });

    it("unknown or someone else's staged id → 400 and no ticket", async () => {
      const unknown = randomUUID();
      const answer = await register(ana, anaRegistration({ attachmentIds: [unknown] }));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'STAGED_ATTACHMENT_UNKNOWN' });
      expect(answer.body.message).toContain(unknown);

      const [betos] = (await stage(beto, [{ name: 'de-beto.pdf', data: pdf() }])) as [Staged];
      const stolen = await register(ana, anaRegistration({ attachmentIds: [betos.id] }));
      expect(stolen.status).toBe(400);
      expect(stolen.body).toMatchObject({ code: 'STAGED_ATTACHMENT_UNKNOWN' });
      const [first] = (await db.query('SELECT number FROM intake.tickets ORDER BY number LIMIT 1')).rows as [
        { number: number },
      ];
      const comment = await api.request<ErrorBody>('POST', `/api/v1/tickets/${first.number}/comments`, {
        token: operator,
        body: { text: 'con un adjunto ajeno', attachmentIds: [betos.id] },
      });
      expect(comment.status).toBe(400);
      expect(comment.body).toMatchObject({ code: 'STAGED_ATTACHMENT_UNKNOWN' });
      // Beto's staged file is untouched, and leaves with the others' cleanup below.
      await db.query('DELETE FROM gateway.attachments WHERE id = $1 RETURNING storage_key', [betos.id]);
      const files = await storedFiles();
      const leftover = files.filter((f) => !filesBefore.includes(f));
      for (const file of leftover) await rm(file);
    });

    it('a malformed attachmentIds is a validation error naming the field', async () => {
      const answer = await register(ana, anaRegistration({ attachmentIds: ['../x'] }));
      expect(answer.status).toBe(400);
      expect(answer.body.fields?.[0]?.field).toBe('attachmentIds');
    });
  });

  describe('the per-ticket limit', () => {
    it('refuses a direct upload past ATTACHMENT_MAX_TICKET_BYTES, and staged files that would pass it', async () => {
      const created = await register(operator, anaRegistration({ channel: 'telefono', title: 'Límite' }));
      const number = created.body.number;
      await visible(operator, number);
      const path = `/api/v1/tickets/${number}/attachments`;
      const first = await upload(operator, [{ name: 'a.pdf', data: pdf(60 * 1024, 'a') }], {
        path,
        baseUrl: tight.url,
      });
      expect(first.status).toBe(201);
      const rowsBefore = await rows();
      const filesBefore = await storedFiles();
      const second = await upload(operator, [{ name: 'b.pdf', data: pdf(60 * 1024, 'b') }], {
        path,
        baseUrl: tight.url,
      });
      expect(second.status).toBe(413);
      expect(second.body).toMatchObject({
        code: 'TICKET_ATTACHMENTS_FULL',
        message: 'Los adjuntos del ticket superarían el máximo de 102400 bytes (100 KiB) por ticket.',
      });
      expect(await rows()).toBe(rowsBefore);
      expect(await storedFiles()).toEqual(filesBefore);

      const tightApi = new ApiClient(tight.url);
      const staged = await upload(operator, [{ name: 'c.pdf', data: pdf(50 * 1024, 'c') }], { baseUrl: tight.url });
      expect(staged.status).toBe(201);
      const [c] = staged.body as [Staged];
      const comment = await tightApi.request<ErrorBody>('POST', `/api/v1/tickets/${number}/comments`, {
        token: operator,
        body: { text: 'no entra', attachmentIds: [c.id] },
      });
      expect(comment.status).toBe(413);
      expect(comment.body.code).toBe('TICKET_ATTACHMENTS_FULL');
    });
  });

  describe('aborted and large uploads', () => {
    it('a client that goes away mid-body leaves no file and no row', async () => {
      const rowsBefore = await rows();
      const filesBefore = await storedFiles();
      const boundary = 'cau-test-boundary';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="cortado.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      );
      const url = new URL(`${platform.gatewayUrl}/api/v1/attachments`);
      const request = http.request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${ana}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + 8 * MiB),
        },
      });
      request.on('error', () => undefined);
      request.write(head);
      request.write(pdf(2 * MiB));
      // Wait until the gateway has started writing the file, then cut the connection.
      await waitFor(async () => (await storedFiles()).some((f) => f.includes('.incoming')), {
        what: 'partial file',
      });
      request.destroy();
      await waitFor(async () => (await storedFiles()).length === filesBefore.length, { what: 'partial file removed' });
      expect(await storedFiles()).toEqual(filesBefore);
      expect(await rows()).toBe(rowsBefore);
    });

    it('streams a file close to the limit without holding it in memory', async () => {
      const gateway = platform.processes.find((p) => p.name === 'gateway')!;
      const peak = async (): Promise<number> => {
        const status = await readFile(`/proc/${gateway.child.pid}/status`, 'utf8');
        return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
      };
      const size = LARGE_LIMIT - 1024;
      const boundary = 'cau-large-boundary';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="grande.pdf"\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const hash = createHash('sha256');
      const before = await peak();
      const url = new URL(`${platform.gatewayUrl}/api/v1/attachments`);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: {
              authorization: `Bearer ${ana}`,
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': String(head.length + size + tail.length),
            },
          },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
          },
        );
        request.on('error', reject);
        // Written in 256 KiB pieces, each after the previous drained: the client holds no more either.
        void (async () => {
          request.write(head);
          const first = pdf(256 * 1024, 'g');
          for (let sent = 0; sent < size;) {
            const piece = sent === 0 ? first : Buffer.alloc(Math.min(256 * 1024, size - sent), sent % 251);
            const chunk = piece.subarray(0, Math.min(piece.length, size - sent));
            hash.update(chunk);
            sent += chunk.length;
            if (!request.write(chunk)) await new Promise((r) => request.once('drain', r));
          }
          request.end(tail);
        })();
      });
      expect(answer.status).toBe(201);
      const [stored] = JSON.parse(answer.body) as [Staged];
      expect(stored).toMatchObject({ sizeBytes: size, sha256: hash.digest('hex'), contentType: 'application/pdf' });
      const growth = (await peak()) - before;
      // The peak resident size grows by far less than the file (chunks and the 64 KiB head only). A 48 MiB file:
      // holding it would show, the ~10 MiB the first large upload costs anyway stays well under the bound.
      expect(growth).toBeLessThan(size / 2);
      // Staged and never attached: the purge below takes it.
      await db.query(`UPDATE gateway.attachments SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        stored.id,
      ]);
      await waitFor(
        async () => (await db.query('SELECT 1 FROM gateway.attachments WHERE id = $1', [stored.id])).rowCount === 0,
        { what: 'expired staged file purged', timeoutMs: 10_000 },
      );
      // The row goes first, then the bytes: every file left has its row.
      const fileKeys = async (): Promise<string[]> =>
        (await db.query(`SELECT storage_key FROM gateway.attachments WHERE kind = 'file'`)).rows.map(
          (r: { storage_key: string }) => path.join(dir, ...r.storage_key.split('/')),
        );
      await waitFor(async () => (await storedFiles()).length === (await fileKeys()).length, {
        what: 'expired bytes deleted',
      });
      expect((await storedFiles()).sort()).toEqual((await fileKeys()).sort());
    }, 120_000);
  });
});
