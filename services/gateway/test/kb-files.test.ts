import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startService, type RunningService } from '@cau/messaging';
import { knowledgeService } from '../../knowledge/src/knowledge.service.js';
import { startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

/**
 * Images and files of knowledge base articles: staff upload them, whoever may read the article may read
 * them (internal or unpublished articles' files are "not found" for requesters), limits refuse with a 4xx
 * that stores nothing, and an edit never takes a version's files away.
 */
const LIMIT = 64 * 1024;

interface ArticleFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  image: boolean;
  url: string;
  addedBy: { accountId: string; name: string };
  addedAt: string;
}

const png = (size = 1_000): Buffer =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8, 7)]);
const pdf = (size = 2_000): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 'x')]);
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

const article = (title: string, visibility: 'public' | 'internal') => ({
  title,
  problem: `Problema de prueba para archivos: ${title}`,
  solutionSteps: ['Seguir la captura'],
  category: 'archivos',
  tags: [],
  visibility,
  force: true,
});

describe('gateway: files of knowledge base articles', () => {
  let f: GatewayFixture;
  let knowledge: RunningService;
  let dir: string;
  let operator: string;
  let requester: string;

  const upload = async (
    token: string | null,
    articleId: string,
    files: Array<{ name: string; data: Buffer; type?: string }>,
    field = 'files',
  ): Promise<{ status: number; body: ArticleFile[] & ErrorBody }> => {
    const form = new FormData();
    for (const file of files) {
      form.append(field, new Blob([file.data], { type: file.type ?? 'application/octet-stream' }), file.name);
    }
    const response = await fetch(`${f.http.baseUrl}/api/v1/kb/articles/${articleId}/files`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };

  const download = (token: string | null, url: string) =>
    fetch(`${f.http.baseUrl}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  const write = async (title: string, visibility: 'public' | 'internal', publish: boolean): Promise<string> => {
    const created = await f.http.send<{ id: string }>('POST', '/api/v1/kb/articles', {
      token: operator,
      json: article(title, visibility),
    });
    expect(created.status).toBe(201);
    if (publish) {
      expect(
        (await f.http.send('POST', `/api/v1/kb/articles/${created.body.id}/publish`, { token: operator })).status,
      ).toBe(200);
    }
    return created.body.id;
  };

  const rows = async (): Promise<number> =>
    (await f.db.query('SELECT count(*)::int AS n FROM gateway.article_files')).rows[0].n;
  const storedFiles = async (): Promise<number> =>
    (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cau-kb-files-'));
    f = await startGateway('gwkbfiles', {
      env: { ATTACHMENTS_DIR: dir, ATTACHMENT_MAX_FILE_BYTES: String(LIMIT), ATTACHMENT_MAX_FILES: '3' },
    });
    knowledge = await startService(knowledgeService, { ...f.env, KNOWLEDGE_PORT: '0' });
    operator = await f.http.account(f.adminToken, { email: 'op@cau.gob', role: 'operator' });
    requester = await f.http.account(f.adminToken, { email: 'ana@salud.gob', role: 'requester' });
  });

  afterAll(async () => {
    await knowledge?.stop();
    await f?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores an image and a document; readers of a public article get them, the image inline', async () => {
    const id = await write('Captura del error de VPN', 'public', false);
    const image = png(3_000);
    const document = pdf();
    const added = await upload(operator, id, [
      { name: 'error vpn.png', data: image, type: 'image/png' },
      { name: 'manual.pdf', data: document, type: 'application/pdf' },
    ]);
    expect(added.status).toBe(201);
    expect(added.body).toEqual([
      expect.objectContaining({
        fileName: 'error vpn.png',
        contentType: 'image/png',
        image: true,
        sha256: sha256(image),
      }),
      expect.objectContaining({ fileName: 'manual.pdf', contentType: 'application/pdf', image: false }),
    ]);
    const [img, doc] = added.body;
    expect(img!.url).toBe(`/api/v1/kb/articles/${id}/files/${img!.id}`);

    // A draft's files are the staff's only, exactly like the draft.
    expect((await download(requester, img!.url)).status).toBe(404);
    await f.http.send('PATCH', `/api/v1/kb/articles/${id}`, {
      token: operator,
      json: { revision: 1, problem: `Así se ve el error:\n\n![pantalla](${img!.url})` },
    });
    await f.http.send('POST', `/api/v1/kb/articles/${id}/publish`, { token: operator });

    const shown = await download(requester, img!.url);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(shown.headers.get('x-content-type-options')).toBe('nosniff');
    expect(shown.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await shown.arrayBuffer()).equals(image)).toBe(true);
    const downloaded = await download(requester, doc!.url);
    expect(downloaded.headers.get('content-disposition')).toMatch(/^attachment;/);
    const cached = await fetch(`${f.http.baseUrl}${img!.url}`, {
      headers: { authorization: `Bearer ${requester}`, 'if-none-match': `"${sha256(image)}"` },
    });
    expect(cached.status).toBe(304);

    const listed = await f.http.send<ArticleFile[]>('GET', `/api/v1/kb/articles/${id}/files`, { token: requester });
    expect(listed.body.map((file) => file.id)).toEqual([img!.id, doc!.id]);
    // Serving files counts no reading of the article.
    const read = await f.http.send<{ counters: { views: number } }>('GET', `/api/v1/kb/articles/${id}`, {
      token: operator,
    });
    expect(read.body.counters.views).toBe(1);
  });

  it("never serves an internal article's files to requesters, nor any file without a session", async () => {
    const id = await write('Procedimiento interno con captura', 'internal', true);
    const added = await upload(operator, id, [{ name: 'consola.png', data: png(), type: 'image/png' }]);
    expect(added.status).toBe(201);
    const url = added.body[0]!.url;
    expect((await download(operator, url)).status).toBe(200);
    expect((await download(requester, url)).status).toBe(404);
    expect((await f.http.send('GET', `/api/v1/kb/articles/${id}/files`, { token: requester })).status).toBe(404);
    expect((await download(null, url)).status).toBe(401);
    // The file of one article is not found under another's address.
    const other = await write('Otro artículo público', 'public', true);
    expect((await download(requester, url.replace(id, other))).status).toBe(404);
  });

  it('keeps uploading to staff, refuses bad files naming them, and stores nothing on refusal', async () => {
    const id = await write('Artículo para rechazos', 'public', false);
    const before = { rows: await rows(), files: await storedFiles() };
    const requesterTry = await upload(requester, id, [{ name: 'a.png', data: png() }]);
    expect(requesterTry.status).toBe(403);
    expect((await upload(null, id, [{ name: 'a.png', data: png() }])).status).toBe(401);

    const tooLarge = await upload(operator, id, [
      { name: 'bien.png', data: png() },
      { name: 'enorme.png', data: png(LIMIT + 10) },
    ]);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE' });
    expect(tooLarge.body.message).toContain('enorme.png');

    const script = await upload(operator, id, [
      { name: 'foto.png', data: Buffer.from('<script>alert(1)</script>'), type: 'image/png' },
    ]);
    expect(script.status).toBe(415);
    expect(script.body).toMatchObject({ code: 'ATTACHMENT_TYPE_NOT_ALLOWED' });
    expect(script.body.message).toContain('foto.png');

    const empty = await upload(operator, id, [{ name: 'vacio.png', data: Buffer.alloc(0) }]);
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('ATTACHMENT_EMPTY');
    const wrongField = await upload(operator, id, [{ name: 'a.png', data: png() }], 'imagen');
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.fields?.[0]?.field).toBe('imagen');
    const tooMany = await upload(
      operator,
      id,
      [1, 2, 3, 4].map((n) => ({ name: `${n}.png`, data: png() })),
    );
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.code).toBe('TOO_MANY_ATTACHMENTS');
    const json = await f.http.send('POST', `/api/v1/kb/articles/${id}/files`, { token: operator, json: {} });
    expect(json.status).toBe(415);

    expect((await upload(operator, 'no-es-uuid', [{ name: 'a.png', data: png() }])).status).toBe(400);
    const missing = await upload(operator, '00000000-0000-4000-8000-000000000000', [{ name: 'a.png', data: png() }]);
    expect(missing.status).toBe(404);
    const badFile = await f.http.send('GET', `/api/v1/kb/articles/${id}/files/otro`, { token: operator });
    expect(badFile.status).toBe(400);
    expect(badFile.body.fields?.[0]?.field).toBe('fileId');

    await f.http.send('POST', `/api/v1/kb/articles/${id}/archive`, { token: operator });
    const archived = await upload(operator, id, [{ name: 'a.png', data: png() }]);
    expect(archived.status).toBe(409);

    expect({ rows: await rows(), files: await storedFiles() }).toEqual(before);
  });

  it("keeps every version's files when the text stops naming them", async () => {
    const id = await write('Artículo con versiones e imágenes', 'public', false);
    const first = (await upload(operator, id, [{ name: 'v1.png', data: png(), type: 'image/png' }])).body[0]!;
    await f.http.send('PATCH', `/api/v1/kb/articles/${id}`, {
      token: operator,
      json: { revision: 1, problem: `Versión con imagen ![v1](${first.url})` },
    });
    await f.http.send('PATCH', `/api/v1/kb/articles/${id}`, {
      token: operator,
      json: { revision: 2, problem: 'Versión sin imagen' },
    });
    const versions = await f.http.send<Array<{ revision: number; content: { problem: string } }>>(
      'GET',
      `/api/v1/kb/articles/${id}/versions`,
      { token: operator },
    );
    const withImage = versions.body.find((v) => v.revision === 2)!;
    expect(withImage.content.problem).toContain(first.url);
    expect((await download(operator, first.url)).status).toBe(200);
  });
});
