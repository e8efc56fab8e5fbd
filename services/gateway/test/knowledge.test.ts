import { startService, type RunningService } from '@cau/messaging';
import { waitFor } from '@cau/testing';
import { knowledgeService } from '../../knowledge/src/knowledge.service.js';
import { startGateway, type GatewayFixture } from './gateway-fixture.js';

const article = {
  title: 'La impresora no imprime',
  problem: 'Las impresoras del segundo piso dejan los trabajos en cola',
  solutionSteps: ['Reiniciar la cola de impresión'],
  category: 'impresoras',
  tags: ['impresion'],
  visibility: 'public',
};

describe('gateway: knowledge base', () => {
  let f: GatewayFixture;
  let knowledge: RunningService;
  let operator: string;
  let requester: string;

  beforeAll(async () => {
    f = await startGateway('gwknowledge');
    knowledge = await startService(knowledgeService, { ...f.env, KNOWLEDGE_PORT: '0' });
    operator = await f.http.account(f.adminToken, { email: 'op@cau.gob', role: 'operator' });
    requester = await f.http.account(f.adminToken, { email: 'ana@salud.gob', role: 'requester' });
  });

  afterAll(async () => {
    await knowledge?.stop();
    await f?.stop();
  });

  it('creates, edits, publishes and searches articles; 409 with candidates for a near-duplicate', async () => {
    const created = await f.http.send<{ id: string; revision: number }>('POST', '/api/v1/kb/articles', {
      token: operator,
      json: article,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/kb/articles/${created.body.id}`);
    const id = created.body.id;
    const edited = await f.http.send('PATCH', `/api/v1/kb/articles/${id}`, {
      token: operator,
      json: { revision: 1, tags: ['impresion', 'cola'] },
    });
    expect(edited.status).toBe(200);
    expect((await f.http.send('POST', `/api/v1/kb/articles/${id}/publish`, { token: operator })).status).toBe(200);
    const versions = await f.http.send<unknown[]>('GET', `/api/v1/kb/articles/${id}/versions`, { token: operator });
    expect(versions.body).toHaveLength(3);

    const found = await waitFor(async () => {
      const answer = await f.http.send<{ items: Array<{ id: string; snippet: string }> }>(
        'GET',
        `/api/v1/kb/search?q=${encodeURIComponent('impresion')}&limit=5`,
        { token: requester },
      );
      return answer.body.items.length > 0 ? answer : null;
    });
    expect(found.body.items[0]!.id).toBe(id);
    const suggest = await f.http.send<Array<{ id: string }>>('GET', '/api/v1/kb/suggest?q=impreso', {
      token: requester,
    });
    expect(suggest.body.map((s) => s.id)).toEqual([id]);

    const duplicate = await f.http.send<{ code: string; message: string; candidates: Array<{ id: string }> }>(
      'POST',
      '/api/v1/kb/articles',
      { token: operator, json: { ...article, title: 'Impresoras que no imprimen' } },
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.candidates.map((c) => c.id)).toEqual([id]);
    expect(duplicate.body.message).toContain('force');
  });

  it('keeps writing to staff and answers bad queries with 400, never 500', async () => {
    expect((await f.http.send('POST', '/api/v1/kb/articles', { token: requester, json: article })).status).toBe(403);
    expect((await f.http.send('GET', '/api/v1/kb/search?q=', { token: operator })).status).toBe(400);
    const long = await f.http.send('GET', `/api/v1/kb/search?q=${'a'.repeat(10_000)}`, { token: operator });
    expect(long.status).toBe(400);
    expect(long.body.fields?.[0]?.field).toBe('q');
    for (const q of ['"', '*', ':', '(', "'; DROP TABLE x; --"]) {
      const answer = await f.http.send('GET', `/api/v1/kb/search?q=${encodeURIComponent(q)}`, { token: operator });
      expect(answer.status).toBe(200);
    }
    expect((await f.http.send('GET', '/api/v1/kb/articles/no-es-uuid', { token: operator })).status).toBe(400);
    expect((await f.http.send('GET', '/api/v1/tickets/99/kb-suggestions', { token: operator })).status).toBe(404);
  });

  it('lists articles newest first with filters and a cursor; requesters see published public ones only', async () => {
    const write = async (title: string, visibility: 'public' | 'internal', publish: boolean) => {
      const created = await f.http.send<{ id: string }>('POST', '/api/v1/kb/articles', {
        token: operator,
        json: { ...article, title, problem: `Listado: ${title}`, category: 'listados', visibility, force: true },
      });
      expect(created.status).toBe(201);
      if (publish) await f.http.send('POST', `/api/v1/kb/articles/${created.body.id}/publish`, { token: operator });
      return created.body.id;
    };
    const draft = await write('Borrador del listado', 'public', false);
    const internal = await write('Interno del listado', 'internal', true);
    const publicOne = await write('Público del listado', 'public', true);
    const publicTwo = await write('Otro público del listado', 'public', true);

    type Page = { items: Array<{ id: string; status: string }>; nextCursor: string | null };
    const list = (query: string, token = operator) =>
      f.http.send<Page>('GET', `/api/v1/kb/articles?category=listados&${query}`, { token });
    const first = await list('limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((a) => a.id)).toEqual([publicTwo, publicOne]);
    const second = await list(`limit=2&cursor=${first.body.nextCursor!}`);
    expect(second.body.items.map((a) => a.id)).toEqual([internal, draft]);
    expect(second.body.nextCursor).toBeNull();
    expect((await list('status=draft')).body.items.map((a) => a.id)).toEqual([draft]);

    const forRequester = await list('limit=50', requester);
    expect(forRequester.body.items.map((a) => a.id)).toEqual([publicTwo, publicOne]);
    expect((await list('status=draft', requester)).status).toBe(403);
    expect((await list('visibility=internal', requester)).status).toBe(403);
  });

  it('answers a bad article list request with 400 naming the field', async () => {
    const field = async (query: string) => {
      const answer = await f.http.send<{ fields?: Array<{ field: string }> }>('GET', `/api/v1/kb/articles?${query}`, {
        token: operator,
      });
      expect(answer.status).toBe(400);
      return answer.body.fields?.[0]?.field;
    };
    expect(await field('limit=100000')).toBe('limit');
    expect(await field('limit=abc')).toBe('limit');
    expect(await field('status=borrado')).toBe('status');
    expect(await field('visibility=todos')).toBe('visibility');
    expect(await field(`cursor=${encodeURIComponent("1' OR 1=1 --")}`)).toBe('cursor');
    expect(await field('ordenar=titulo')).toBe('ordenar');
  });
});
