import { randomUUID } from 'node:crypto';
import type { ArticleDocumentV1 } from '@cau/contracts';
import { keywordTerms, parseQuery } from '../src/search/query-text.js';
import { MAX_RANKED, type EngineHit, type EngineQuery, type SearchEngine } from '../src/search/search-engine.js';

const doc = (overrides: Partial<ArticleDocumentV1>): ArticleDocumentV1 => ({
  id: randomUUID(),
  revision: 1,
  title: 'Artículo',
  problem: 'Problema',
  body: '',
  category: 'general',
  area: null,
  service: null,
  tags: [],
  visibility: 'public',
  status: 'published',
  updatedAt: '2025-03-10T12:00:00.000Z',
  ...overrides,
});

/**
 * What every search engine must do, run against each engine (PostgreSQL always, OpenSearch when
 * OPENSEARCH_URL is set). `start` returns a fresh, empty engine.
 */
export function searchEngineContract(start: () => Promise<{ engine: SearchEngine; stop(): Promise<void> }>): void {
  let engine: SearchEngine;
  let started: { engine: SearchEngine; stop(): Promise<void> } | undefined;
  const vpn = doc({
    title: 'Sin conexión a la VPN',
    problem: 'El cliente VPN no conecta desde la casa del agente',
    body: 'Reinstalar el certificado del cliente',
    category: 'redes',
    area: 'UIT',
    tags: ['vpn', 'teletrabajo'],
  });
  const printer = doc({
    title: 'La impresora no imprime',
    problem: 'Las impresoras del segundo piso quedan con trabajos en cola',
    body: 'Reiniciar la cola de impresión en el servidor',
    category: 'impresoras',
  });
  const mail = doc({
    title: 'Correo rechazado por tamaño',
    problem: 'Un mensaje con adjuntos grandes vuelve rechazado; la conexión con el servidor es correcta',
    body: 'Compartir el archivo con un enlace',
    category: 'correo',
    visibility: 'internal',
  });
  const draft = doc({ title: 'Borrador sobre la impresora', problem: 'Sin terminar', status: 'draft' });

  const query = (q: string, overrides: Partial<EngineQuery> = {}): EngineQuery => ({
    terms: parseQuery(q),
    match: 'all',
    statuses: ['published'],
    visibilities: ['internal', 'public'],
    offset: 0,
    limit: 10,
    snippets: false,
    ...overrides,
  });
  const ids = async (q: string, overrides: Partial<EngineQuery> = {}) =>
    (await engine.search(query(q, overrides))).map((h) => h.id);

  beforeAll(async () => {
    started = await start();
    engine = started.engine;
    await engine.index([vpn, printer, mail, draft]);
  });

  afterAll(async () => {
    await started?.stop();
  });

  it('finds words without their accents', async () => {
    expect(await ids('conexion vpn')).toEqual([vpn.id]);
    expect(await ids('IMPRESIÓN')).toEqual([printer.id]);
  });

  it('finds other forms of a word (stemming)', async () => {
    expect(await ids('impresoras')).toEqual([printer.id]);
  });

  it('forgives one wrong letter in words of five letters or more', async () => {
    expect(await ids('imprezora')).toEqual([printer.id]);
    expect(await ids('conexlon vpn')).toEqual([vpn.id]);
  });

  it('matches phrases and prefixes', async () => {
    expect(await ids('"segundo piso"')).toEqual([printer.id]);
    expect(await ids('"piso segundo"')).toEqual([]);
    expect(await ids('telet*')).toEqual([vpn.id]);
  });

  it('ranks a title match above a match in the text', async () => {
    expect(await ids('conexion', { match: 'any' })).toEqual([vpn.id, mail.id]);
  });

  it('ranks a title match first even among more text matches than a search ranks', async () => {
    const inText = Array.from({ length: MAX_RANKED + 50 }, (_, n) =>
      doc({ title: `Consulta ${n}`, problem: 'Sin novedades', body: 'Revisar el ventilador del equipo' }),
    );
    const inTitle = doc({ title: 'El ventilador hace ruido', problem: 'Ruido constante' });
    await engine.index([...inText, inTitle]);
    expect((await ids('ventilador'))[0]).toBe(inTitle.id);
  });

  it('ranks every match when any word may match (a ticket, a duplicate check)', async () => {
    const oneWord = Array.from({ length: MAX_RANKED + 50 }, (_, n) =>
      doc({ title: `Monitor ${n} en préstamo`, problem: 'Pedido de equipo' }),
    );
    const allWords = doc({ title: 'El monitor parpadea y zumba', problem: 'Parpadeo y zumbido del monitor' });
    await engine.index([...oneWord, allWords]);
    const found = await ids('monitor parpadea zumba', { match: 'any', limit: 1 });
    expect(found).toEqual([allWords.id]);
  });

  it('answers several "any word" searches at once as it answers each alone', async () => {
    const terms = [
      keywordTerms('El monitor parpadea y zumba desde ayer'),
      keywordTerms('No hay conexión a la VPN desde casa'),
      parseQuery('imprezora "segundo piso" telet*'),
      keywordTerms(''),
      keywordTerms('nada de esto aparece'),
      keywordTerms('conexion correo'),
    ];
    for (const filter of [
      { statuses: ['published'], visibilities: ['internal', 'public'], limit: 5 },
      { statuses: ['draft', 'published'], visibilities: ['public'], limit: 2 },
    ] as const) {
      const alone: EngineHit[][] = [];
      for (const searchTerms of terms) {
        alone.push(await engine.search({ terms: searchTerms, match: 'any', ...filter, offset: 0, snippets: false }));
      }
      expect(await engine.searchAny(terms, filter)).toEqual(alone);
    }
    expect((await engine.searchAny(terms, { statuses: ['published'], visibilities: ['public'], limit: 1 }))[1]).toEqual(
      [expect.objectContaining({ id: vpn.id })],
    );
    expect(await engine.searchAny([], { statuses: ['published'], visibilities: ['public'], limit: 1 })).toEqual([]);
  });

  it('filters by status, visibility, category, area and tag', async () => {
    expect(await ids('impresora')).toEqual([printer.id]);
    expect(await ids('impresora', { statuses: ['draft'] })).toEqual([draft.id]);
    expect(await ids('correo', { visibilities: ['public'] })).toEqual([]);
    expect(await ids('conexion', { category: 'correo' })).toEqual([mail.id]);
    expect(await ids('conexion', { area: 'UIT' })).toEqual([vpn.id]);
    expect(await ids('conexion', { tag: 'vpn' })).toEqual([vpn.id]);
  });

  it('highlights the matched words and escapes the rest', async () => {
    await engine.index([
      doc({ id: mail.id, revision: 2, title: mail.title, problem: 'Adjuntos <b>grandes</b>', body: '' }),
    ]);
    const [hit] = await engine.search(query('adjuntos', { snippets: true }));
    expect(hit?.snippet).toContain('<mark>Adjuntos</mark>');
    expect(hit?.snippet).not.toContain('<b>');
  });

  it('never lets an older revision replace a newer one', async () => {
    await engine.index([{ ...printer, revision: 3, title: 'La impresora láser no imprime' }]);
    await engine.index([{ ...printer, revision: 2, title: 'Texto viejo' }]);
    expect((await engine.search(query('laser')))[0]?.title).toBe('La impresora láser no imprime');
  });

  it('answers queries made of syntax or SQL without failing', async () => {
    for (const q of ['"', '*', ':', '(', ')', '&|!', "'; DROP TABLE articles; --", 'a:b (c', 'x'.repeat(200)]) {
      await expect(engine.search(query(q))).resolves.toEqual(expect.any(Array));
    }
  });

  it('pages with offset and limit', async () => {
    const all = await ids('conexion', { match: 'any' });
    expect(await ids('conexion', { match: 'any', offset: 1, limit: 1 })).toEqual(all.slice(1, 2));
  });

  it('rebuilds the whole index', async () => {
    async function* batches() {
      yield [vpn];
    }
    expect(await engine.rebuild(batches())).toBe(1);
    expect(await ids('impresora')).toEqual([]);
    expect(await ids('vpn')).toEqual([vpn.id]);
  });
}
