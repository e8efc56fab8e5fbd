import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { EventEnvelope } from '@cau/contracts';
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

  it('names near-duplicates of an article being written without creating anything', async () => {
    const before = await f.http.send<{ items: unknown[] }>('GET', '/api/v1/kb/articles?category=impresoras', {
      token: operator,
    });
    const check = await f.http.send<Array<{ id: string; title: string; similarity: number }>>(
      'POST',
      '/api/v1/kb/duplicates',
      { token: operator, json: { title: 'La impresora no imprime nada', problem: article.problem } },
    );
    expect(check.status).toBe(200);
    expect(check.body.map((c) => c.title)).toContain(article.title);
    expect(check.body[0]!.similarity).toBeGreaterThan(0);
    const itself = await f.http.send<Array<{ id: string }>>('POST', '/api/v1/kb/duplicates', {
      token: operator,
      json: { title: article.title, problem: article.problem, exceptId: check.body[0]!.id },
    });
    expect(itself.body.map((c) => c.id)).not.toContain(check.body[0]!.id);
    const after = await f.http.send<{ items: unknown[] }>('GET', '/api/v1/kb/articles?category=impresoras', {
      token: operator,
    });
    expect(after.body.items).toHaveLength(before.body.items.length);

    const unrelated = await f.http.send<unknown[]>('POST', '/api/v1/kb/duplicates', {
      token: operator,
      json: { title: 'Cambio de contraseña del correo', problem: 'No recuerda la clave del webmail' },
    });
    expect(unrelated.body).toEqual([]);
    const missing = await f.http.send('POST', '/api/v1/kb/duplicates', {
      token: operator,
      json: { title: '   ', problem: article.problem },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.fields?.[0]?.field).toBe('title');
    const forbidden = await f.http.send('POST', '/api/v1/kb/duplicates', {
      token: requester,
      json: { title: article.title, problem: article.problem },
    });
    expect(forbidden.status).toBe(403);
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
    // A revision past PostgreSQL's integers is the author's mistake (400), not the database's (500).
    const created = await f.http.send<{ id: string }>('POST', '/api/v1/kb/articles', {
      token: operator,
      json: { ...article, title: 'Revisión enorme', problem: 'Un número de revisión que no cabe', force: true },
    });
    const huge = await f.http.send<{ fields?: Array<{ field: string }> }>(
      'PATCH',
      `/api/v1/kb/articles/${created.body.id}`,
      { token: operator, json: { revision: 1e308, title: 'Otro título' } },
    );
    expect(huge.status).toBe(400);
    expect(huge.body.fields?.[0]?.field).toBe('revision');
    expect(await field('ordenar=titulo')).toBe('ordenar');
  });

  describe('self-service from the portal', () => {
    type Counters = { views: number; helpful: number; notHelpful: number; selfSolved: number };
    type SelfSolved = { articleId: string; recorded: boolean; recordedAt: string; counters: Counters };
    let publicId: string;
    let internalId: string;
    let draftId: string;

    const write = async (title: string, visibility: 'public' | 'internal', publish: boolean) => {
      const created = await f.http.send<{ id: string }>('POST', '/api/v1/kb/articles', {
        token: operator,
        json: {
          ...article,
          title,
          problem: `Autoservicio: ${title}`,
          category: 'autoservicio',
          tags: ['autoservicio'],
          visibility,
          force: true,
        },
      });
      expect(created.status).toBe(201);
      if (publish) {
        expect(
          (await f.http.send('POST', `/api/v1/kb/articles/${created.body.id}/publish`, { token: operator })).status,
        ).toBe(200);
      }
      return created.body.id;
    };

    beforeAll(async () => {
      publicId = await write('Cómo liberar espacio en la casilla de correo', 'public', true);
      internalId = await write('Cómo ampliar la casilla de correo desde la consola', 'internal', true);
      draftId = await write('Casilla de correo llena: borrador', 'public', false);
    });

    /** Every `article.self-solved` event in the test's stream. */
    const selfSolvedEvents = async () => {
      const nc = await connect({ servers: f.env.NATS_URL });
      try {
        const jsm = await jetstreamManager(nc);
        const stream = f.infra.messaging.eventsStream;
        const { state } = await jsm.streams.info(stream);
        const found: Array<EventEnvelope<Record<string, unknown>>> = [];
        for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
          const msg = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
          const envelope = msg?.json<EventEnvelope<Record<string, unknown>>>();
          if (envelope?.type === 'article.self-solved') found.push(envelope);
        }
        return found;
      } finally {
        await nc.close();
      }
    };

    it('shows requesters only published public articles when reading, searching and suggesting', async () => {
      // Staff find all three once indexed, so the requester's answers below are not just "not indexed yet".
      await waitFor(async () => {
        const answer = await f.http.send<{ items: Array<{ id: string }> }>(
          'GET',
          '/api/v1/kb/search?q=casilla&category=autoservicio&limit=10',
          { token: operator },
        );
        return answer.body.items.length === 2 ? answer : null;
      });
      const drafts = await waitFor(async () => {
        const answer = await f.http.send<{ items: Array<{ id: string }> }>(
          'GET',
          '/api/v1/kb/search?q=casilla&status=draft',
          { token: operator },
        );
        return answer.body.items.some((a) => a.id === draftId) ? answer : null;
      });
      expect(drafts.status).toBe(200);

      const search = await f.http.send<{ items: Array<{ id: string; status: string; visibility: string }> }>(
        'GET',
        '/api/v1/kb/search?q=casilla&limit=10',
        { token: requester },
      );
      expect(search.body.items.map((a) => a.id)).toEqual([publicId]);
      const suggest = await f.http.send<Array<{ id: string }>>('GET', '/api/v1/kb/suggest?q=casilla%20de%20corr', {
        token: requester,
      });
      expect(suggest.body.map((a) => a.id)).toEqual([publicId]);
      expect((await f.http.send('GET', '/api/v1/kb/search?q=casilla&status=draft', { token: requester })).status).toBe(
        403,
      );

      expect((await f.http.send('GET', `/api/v1/kb/articles/${publicId}`, { token: requester })).status).toBe(200);
      for (const hidden of [internalId, draftId]) {
        const answer = await f.http.send('GET', `/api/v1/kb/articles/${hidden}`, { token: requester });
        expect(answer.status).toBe(404);
        expect(answer.body.code).toBe('NOT_FOUND');
      }
    });

    it('records "esto resolvió mi problema" once per account within the window, with its event', async () => {
      const path = `/api/v1/kb/articles/${publicId}/self-solved`;
      const first = await f.http.send<SelfSolved>('POST', path, {
        token: requester,
        json: { query: 'no me llegan correos, casilla llena' },
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ articleId: publicId, recorded: true, counters: { selfSolved: 1 } });

      // A double click: the same answer, nothing new recorded.
      const again = await f.http.send<SelfSolved>('POST', path, { token: requester, json: {} });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({
        recorded: false,
        recordedAt: first.body.recordedAt,
        counters: { selfSolved: 1 },
      });

      // Another account counts again; the body may be left out.
      const referente = await f.http.account(f.adminToken, {
        email: 'ref@salud.gob',
        role: 'referente',
        jurisdiction: 'SALUD',
      });
      const third = await f.http.send<SelfSolved>('POST', path, { token: referente });
      expect(third.body).toMatchObject({ recorded: true, counters: { selfSolved: 2 } });

      const read = await f.http.send<{ counters: Counters }>('GET', `/api/v1/kb/articles/${publicId}`, {
        token: requester,
      });
      expect(read.body.counters.selfSolved).toBe(2);
      // The list carries the counts per article too (the portal shows them to staff).
      const listed = await f.http.send<{ items: Array<{ id: string; uses: number; selfSolved: number }> }>(
        'GET',
        '/api/v1/kb/articles?category=autoservicio',
        { token: operator },
      );
      expect(listed.body.items.find((a) => a.id === publicId)).toMatchObject({ uses: 0, selfSolved: 2 });

      const events = await waitFor(
        async () => {
          const found = await selfSolvedEvents();
          return found.length >= 2 ? found : null;
        },
        { what: 'two article.self-solved events' },
      );
      expect(events).toHaveLength(2);
      expect(events[0]!.data).toMatchObject({
        articleId: publicId,
        category: 'autoservicio',
        role: 'requester',
        query: 'no me llegan correos, casilla llena',
      });
      expect(events[1]!.data).toMatchObject({
        articleId: publicId,
        role: 'referente',
        jurisdiction: 'SALUD',
        query: null,
      });
      const rows = await f.db.query(
        'SELECT count(*)::int AS n FROM knowledge.article_self_solved WHERE article_id = $1',
        [publicId],
      );
      expect(rows.rows[0]).toEqual({ n: 2 });
    });

    it('refuses self-service on internal or draft articles as if they did not exist, and bad input with 400', async () => {
      for (const hidden of [internalId, draftId]) {
        const answer = await f.http.send('POST', `/api/v1/kb/articles/${hidden}/self-solved`, {
          token: requester,
          json: {},
        });
        expect(answer.status).toBe(404);
        expect(answer.body.code).toBe('NOT_FOUND');
      }
      // Staff read drafts, but a draft solved nothing yet.
      const staffDraft = await f.http.send('POST', `/api/v1/kb/articles/${draftId}/self-solved`, { token: operator });
      expect(staffDraft.status).toBe(409);

      const long = await f.http.send('POST', `/api/v1/kb/articles/${publicId}/self-solved`, {
        token: requester,
        json: { query: 'x'.repeat(201) },
      });
      expect(long.status).toBe(400);
      expect(long.body.fields?.[0]?.field).toBe('query');
      const unknown = await f.http.send('POST', `/api/v1/kb/articles/${publicId}/self-solved`, {
        token: requester,
        json: { ticket: 5 },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.fields?.[0]?.field).toBe('ticket');
      expect(
        (await f.http.send('POST', '/api/v1/kb/articles/no-es-uuid/self-solved', { token: requester, json: {} }))
          .status,
      ).toBe(400);
    });

    it('takes "no me sirvió" as a vote on articles the account may read', async () => {
      const path = `/api/v1/kb/articles/${publicId}/feedback`;
      const vote = await f.http.send<{ counters: Counters }>('POST', path, {
        token: requester,
        json: { helpful: false },
      });
      expect(vote.status).toBe(200);
      expect(vote.body.counters).toMatchObject({ notHelpful: 1, helpful: 0 });
      const changed = await f.http.send<{ counters: Counters }>('POST', path, {
        token: requester,
        json: { helpful: true },
      });
      expect(changed.body.counters).toMatchObject({ notHelpful: 0, helpful: 1 });
      expect(
        (
          await f.http.send('POST', `/api/v1/kb/articles/${internalId}/feedback`, {
            token: requester,
            json: { helpful: false },
          })
        ).status,
      ).toBe(404);
      const bad = await f.http.send('POST', path, { token: requester, json: { helpful: 'no' } });
      expect(bad.status).toBe(400);
      expect(bad.body.fields?.[0]?.field).toBe('helpful');
    });
  });

  describe('catalogue for the report form', () => {
    type Entry = { code: string; label: { es: string; en: string } };

    // The categories are intake's catalogue, tested with intake in catalogue.test.ts.
    it('lists the registration options to every role', async () => {
      const options = await f.http.send<Record<string, Entry[]>>('GET', '/api/v1/catalogue/options', {
        token: operator,
      });
      expect(options.body.types!.map((t) => t.code)).toEqual([
        'solicitud',
        'incidente',
        'incidente_seguridad',
        'reclamo',
        'asesoramiento_compras',
      ]);
      expect(options.body.impacts!.map((t) => t.code)).toEqual(['alto', 'medio', 'bajo']);
      expect(options.body.urgencies!.map((t) => t.code)).toEqual(['alta', 'media', 'baja']);
      expect(options.body.channels!.map((t) => t.code)).toContain('portal');
      expect((await f.http.send('GET', '/api/v1/catalogue/options')).status).toBe(401);
    });
  });

  describe('OpenAPI document', () => {
    type Schema = {
      $ref?: string;
      type?: string;
      items?: Schema;
      properties?: Record<string, Schema>;
      required?: string[];
      allOf?: Schema[];
    };
    type Doc = {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
      >;
      components: { schemas: Record<string, Schema> };
    };
    let doc: Doc;
    const answer = (path: string, method: string, status: string): Schema =>
      doc.paths[path]![method]!.responses[status]!.content!['application/json']!.schema;

    beforeAll(async () => {
      doc = (await (await fetch(`${f.gateway.url}/api/docs-json`)).json()) as Doc;
    });

    it('documents every knowledge answer with a schema', () => {
      const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
      expect(answer('/api/v1/kb/search', 'get', '200')).toEqual(ref('KbSearchPageV1'));
      expect(answer('/api/v1/kb/suggest', 'get', '200')).toEqual({ type: 'array', items: ref('KbSuggestionV1') });
      expect(answer('/api/v1/kb/articles', 'get', '200')).toEqual(ref('KbArticlePageV1'));
      expect(answer('/api/v1/kb/articles', 'post', '201')).toEqual(ref('ArticleV1'));
      expect(answer('/api/v1/kb/articles', 'post', '409')).toEqual(ref('KbDuplicatesConflictResponse'));
      expect(answer('/api/v1/kb/articles/{id}', 'get', '200')).toEqual(ref('ArticleV1'));
      expect(answer('/api/v1/kb/articles/{id}', 'patch', '200')).toEqual(ref('ArticleV1'));
      expect(answer('/api/v1/kb/articles/{id}/versions', 'get', '200')).toEqual({
        type: 'array',
        items: ref('ArticleVersionV1'),
      });
      expect(answer('/api/v1/kb/articles/{id}/publish', 'post', '200')).toEqual(ref('ArticleV1'));
      expect(answer('/api/v1/kb/articles/{id}/archive', 'post', '200')).toEqual(ref('ArticleV1'));
      expect(answer('/api/v1/kb/articles/{id}/self-solved', 'post', '200')).toEqual(ref('SelfSolvedResultV1'));
      expect(answer('/api/v1/kb/articles/{id}/feedback', 'post', '200')).toEqual(ref('ArticleV1'));
      expect(answer('/api/v1/tickets/{number}/kb-suggestions', 'get', '200')).toEqual(ref('TicketKbSuggestionsV1'));
      expect(answer('/api/v1/catalogue/categories', 'get', '200')).toEqual({
        type: 'array',
        items: ref('CategoryTreeEntryV1'),
      });
      expect(answer('/api/v1/catalogue/options', 'get', '200')).toEqual(ref('CatalogueOptionsV1'));

      const schemas = doc.components.schemas;
      expect(schemas.KbSearchPageV1!.properties!.items).toEqual({ type: 'array', items: ref('KbHitV1') });
      expect(Object.keys(schemas.KbHitV1!.properties!)).toEqual(
        expect.arrayContaining(['id', 'title', 'snippet', 'score', 'visibility', 'status']),
      );
      expect(schemas.ArticleV1!.required).toEqual(expect.arrayContaining(['id', 'revision', 'counters']));
      expect(Object.keys(schemas.ArticleCountersV1!.properties!)).toEqual([
        'views',
        'uses',
        'helpful',
        'notHelpful',
        'selfSolved',
      ]);
      expect(schemas.ArticleVersionV1!.properties!.content!.allOf![0]).toEqual(ref('ArticleRevisionContentV1'));
      expect(schemas.ArticleRevisionContentV1).toBeDefined();
      expect(schemas.CatalogueEntryV1!.properties!.label).toMatchObject({
        allOf: [ref('LocalizedTextV1')],
      });
    });
  });
});
