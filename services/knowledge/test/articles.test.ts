import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import {
  Events,
  KnowledgeRpc,
  ProcedureEvents,
  type ActorV1,
  type ArticleV1,
  type CreateArticleBodyV1,
} from '@cau/contracts';
import { RpcClient, Subjects, messagingConfigFromEnv, startService, type RunningService } from '@cau/messaging';
import { createTestInfrastructure, waitFor, type TestInfrastructure } from '@cau/testing';
import { knowledgeService } from '../src/knowledge.service.js';

const actor = (role: ActorV1['role'], email = `${role}@cau.gob`): ActorV1 => ({
  accountId: randomUUID(),
  role,
  email,
  name: `Cuenta ${role}`,
});
const operator = actor('operator');
const requester = actor('requester', 'ana@salud.gob');
const admin = actor('admin');

const vpnArticle: CreateArticleBodyV1 = {
  title: 'Sin conexión a la VPN desde casa',
  problem: 'El cliente VPN no conecta y muestra error de certificado',
  cause: 'Certificado vencido',
  solutionSteps: ['Descargar el certificado nuevo', 'Reiniciar el cliente VPN'],
  category: 'redes',
  area: 'UIT',
  tags: ['vpn'],
  visibility: 'public',
};

describe('knowledge: articles over NATS', () => {
  let infra: TestInfrastructure;
  let service: RunningService;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let subjects: Subjects;

  beforeAll(async () => {
    infra = await createTestInfrastructure('kbarticles');
    service = await startService(knowledgeService, { ...process.env, ...infra.env, KNOWLEDGE_PORT: '0' });
    nc = await connect({ servers: infra.env.NATS_URL });
    subjects = new Subjects(messagingConfigFromEnv(infra.env));
    rpc = new RpcClient(nc, subjects, 5_000);
  });

  afterAll(async () => {
    await nc?.close();
    await service?.stop();
    await infra?.cleanup();
  });

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: { payload?: unknown }) => error.payload,
    );
  const search = (q: string, who: ActorV1 = operator) =>
    rpc.request(KnowledgeRpc.Search, { actor: who, params: { q } });
  const create = (article: CreateArticleBodyV1) =>
    rpc.request(KnowledgeRpc.CreateArticle, { actor: operator, article });

  let vpn: ArticleV1;

  it('creates a draft, edits it, publishes it and keeps every version', async () => {
    const created = await create(vpnArticle);
    if (!created.created) throw new Error('expected a new article');
    expect(created.article).toMatchObject({ status: 'draft', revision: 1, author: { accountId: operator.accountId } });
    const edited = await rpc.request(KnowledgeRpc.UpdateArticle, {
      actor: operator,
      id: created.article.id,
      changes: { revision: 1, tags: ['vpn', 'teletrabajo'] },
    });
    expect(edited).toMatchObject({ revision: 2, tags: ['vpn', 'teletrabajo'], title: vpnArticle.title });
    expect(
      await refusal(
        rpc.request(KnowledgeRpc.UpdateArticle, {
          actor: operator,
          id: edited.id,
          changes: { revision: 1, title: 'x' },
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
    vpn = await rpc.request(KnowledgeRpc.PublishArticle, { actor: operator, id: edited.id });
    expect(vpn).toMatchObject({ status: 'published', revision: 3 });
    const versions = await rpc.request(KnowledgeRpc.ArticleVersions, {
      actor: operator,
      id: vpn.id,
    });
    expect(versions.map((v) => [v.revision, v.change])).toEqual([
      [3, 'published'],
      [2, 'updated'],
      [1, 'created'],
    ]);
    expect(versions[2]!.content.tags).toEqual(['vpn']);
  });

  it('indexes published articles from their events and finds them as users type', async () => {
    const page = await waitFor(async () => {
      const found = await search('conexion vpn');
      return found.items.length > 0 ? found : null;
    });
    expect(page.items[0]).toMatchObject({ id: vpn.id, status: 'published' });
    expect(page.items[0]!.snippet).toContain('<mark>');
    const suggestions = await rpc.request(KnowledgeRpc.Suggest, {
      actor: requester,
      params: { q: 'certificado venc' },
    });
    expect(suggestions.map((s) => s.id)).toEqual([vpn.id]);
  });

  it('answers a near-duplicate with candidates unless forced', async () => {
    const again = await create({ ...vpnArticle, title: 'No hay conexión VPN desde la casa' });
    expect(again).toEqual({ created: false, candidates: [expect.objectContaining({ id: vpn.id })] });
    const forced = await create({ ...vpnArticle, title: 'No hay conexión VPN desde la casa', force: true });
    expect(forced.created).toBe(true);
  });

  it('shows requesters public published articles only', async () => {
    const internal = await create({
      ...vpnArticle,
      title: 'Contraseña del router del datacenter',
      problem: 'Cambio de la clave del router principal',
      visibility: 'internal',
      force: true,
    });
    if (!internal.created) throw new Error('expected a new article');
    await rpc.request(KnowledgeRpc.PublishArticle, { actor: operator, id: internal.article.id });
    await waitFor(async () => (await search('router')).items.length > 0);
    expect((await search('router', requester)).items).toEqual([]);
    expect(
      await refusal(rpc.request(KnowledgeRpc.GetArticle, { actor: requester, id: internal.article.id })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    const read = await rpc.request(KnowledgeRpc.GetArticle, { actor: requester, id: vpn.id });
    expect(read.counters.views).toBe(1);
    expect(
      await refusal(rpc.request(KnowledgeRpc.CreateArticle, { actor: requester, article: vpnArticle })),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives clear answers to bad queries', async () => {
    expect(await refusal(search('   '))).toMatchObject({ code: 'VALIDATION' });
    expect(await refusal(search('x'.repeat(10_000)))).toMatchObject({ code: 'VALIDATION' });
    for (const q of ['"', '*', ':', '(', "'; DROP TABLE knowledge.articles; --"]) {
      expect((await search(q)).items).toEqual(expect.any(Array));
    }
  });

  it('suggests articles for a registered ticket and drafts one from its solution', async () => {
    const ticketId = randomUUID();
    const js = jetstream(nc);
    const envelope = (type: string, data: object) => ({
      id: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      ticketId,
      source: 'test',
      sequence: 1,
      correlationId: randomUUID(),
      causationId: null,
      data,
    });
    await js.publish(
      subjects.event(Events.TicketRegistered.type),
      JSON.stringify(
        envelope(Events.TicketRegistered.type, {
          ticketId,
          number: 42,
          registeredAt: new Date().toISOString(),
          channel: 'telefono',
          requesterId: randomUUID(),
          requester: { email: 'ana@salud.gob', name: 'Ana' },
          registeredBy: { accountId: randomUUID(), name: 'Op', role: 'operator' },
          jurisdiction: 'SALUD',
          title: 'No puedo conectarme a la VPN',
          description: 'Desde casa el cliente VPN da error de certificado',
          type: 'incidente',
          category: 'redes',
          impact: 'medio',
          urgency: 'alta',
          attachments: [],
        }),
      ),
    );
    const suggested = await waitFor(async () => {
      const answer = await rpc.request(KnowledgeRpc.TicketSuggestions, {
        actor: requester,
        number: 42,
      });
      return answer.items.length > 0 ? answer : null;
    });
    expect(suggested.items[0]!.id).toBe(vpn.id);
    expect(
      await refusal(
        rpc.request(KnowledgeRpc.TicketSuggestions, { actor: actor('requester', 'otro@salud.gob'), number: 42 }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });

    expect(await refusal(rpc.request(KnowledgeRpc.DraftFromTicket, { actor: operator, number: 42 }))).toMatchObject({
      code: 'CONFLICT',
    });
    await js.publish(
      subjects.event(ProcedureEvents.TicketResolved.type, 'L1'),
      JSON.stringify(
        envelope(ProcedureEvents.TicketResolved.type, {
          ticketId,
          number: 42,
          by: { accountId: randomUUID(), name: 'Op', role: 'operator' },
          at: new Date().toISOString(),
          area: 'L1',
          status: 'resuelto',
          verifiedWithRequester: true,
          solution: 'Se instaló el certificado nuevo',
        }),
      ),
    );
    const draft = await waitFor(() =>
      rpc.request(KnowledgeRpc.DraftFromTicket, { actor: operator, number: 42 }).catch(() => null),
    );
    expect(draft).toMatchObject({
      status: 'draft',
      title: 'No puedo conectarme a la VPN',
      solutionSteps: ['Se instaló el certificado nuevo'],
      tickets: [42],
    });
  });

  it('rebuilds the index from PostgreSQL for administrators only', async () => {
    expect(await refusal(rpc.request(KnowledgeRpc.Reindex, { actor: operator }))).toMatchObject({ code: 'FORBIDDEN' });
    const result = await rpc.request(KnowledgeRpc.Reindex, { actor: admin });
    expect(result.engine).toBe('postgres');
    expect(result.articles).toBeGreaterThanOrEqual(4);
    expect((await search('conexion vpn')).items[0]?.id).toBe(vpn.id);
  });
});
