import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  IntakeRpc,
  ErrorCode,
  type ActorV1,
  type ContactV1,
  type RequesterPageV1,
  type RequesterSearchParamsV1,
  type RequesterV1,
  type TicketRegistrationV1,
} from '@cau/contracts';
import {
  RpcClient,
  ServiceError,
  Subjects,
  messagingConfigFromEnv,
  startService,
  type RunningService,
} from '@cau/messaging';
import { createTestInfrastructure, type TestInfrastructure } from '@cau/testing';
import { intakeService } from '../src/intake.service.js';

const operator: ActorV1 = { accountId: randomUUID(), role: 'operator', email: 'op@cau.gob', name: 'Operadora' };
const registration = (requester: ContactV1, jurisdiction = 'SALUD'): TicketRegistrationV1 => ({
  channel: 'telefono',
  requester,
  jurisdiction,
  title: 'No anda el correo',
  description: 'No puedo enviar correos desde esta mañana',
  type: 'incidente',
  category: 'correo-electronico',
  impact: 'medio',
  urgency: 'media',
});

describe('intake: requester directory', () => {
  let infra: TestInfrastructure;
  let intake: RunningService;
  let nc: NatsConnection;
  let rpc: RpcClient;

  const register = (requester: ContactV1, jurisdiction?: string) =>
    rpc.request(IntakeRpc.RegisterTicket, {
      actor: operator,
      payload: registration(requester, jurisdiction),
    });
  const search = (params: RequesterSearchParamsV1, actor = operator) =>
    rpc.request(IntakeRpc.SearchRequesters, { actor, params });
  const emails = (page: RequesterPageV1) => page.items.map((r) => r.email);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => (error instanceof ServiceError ? error.payload : error),
    );

  beforeAll(async () => {
    infra = await createTestInfrastructure('requesters');
    const env = { ...process.env, ...infra.env, INTAKE_PORT: '0' };
    intake = await startService(intakeService, env);
    nc = await connect({ servers: infra.env.NATS_URL });
    rpc = new RpcClient(nc, new Subjects(messagingConfigFromEnv(infra.env)), 5_000);
    await register({ email: 'jose.perez@salud.gob', name: 'José Pérez', phone: '+54 (2954) 41-2345' });
    await register({ email: 'maria.nunez@educacion.gob', name: 'María Núñez' }, 'EDUCACION');
    await register({ email: 'pedro@salud.gob', name: 'Pedro Josefino', phone: '2954 999 000' });
  });

  afterAll(async () => {
    await nc?.close();
    await intake?.stop();
    await infra?.cleanup();
  });

  it('finds a requester by the start of any word of the name or e-mail, accents and case ignored', async () => {
    expect(emails(await search({ search: 'PEREZ' }))).toEqual(['jose.perez@salud.gob']);
    expect(emails(await search({ search: 'núñ' }))).toEqual(['maria.nunez@educacion.gob']);
    expect(emails(await search({ search: 'maría nu' }))).toEqual(['maria.nunez@educacion.gob']);
    expect(emails(await search({ search: 'jose.per' }))).toEqual(['jose.perez@salud.gob']);
    // "jos" starts José and Josefino; "osé" starts nothing.
    expect(emails(await search({ search: 'jos' }))).toEqual(['jose.perez@salud.gob', 'pedro@salud.gob']);
    expect(emails(await search({ search: 'osé' }))).toEqual([]);
  });

  it('finds by phone: a group as written, or digits anywhere in the number', async () => {
    expect(emails(await search({ search: '2954' }))).toEqual(['jose.perez@salud.gob', 'pedro@salud.gob']);
    expect(emails(await search({ search: '412345' }))).toEqual(['jose.perez@salud.gob']);
    expect(emails(await search({ search: '(2954) 999' }))).toEqual(['pedro@salud.gob']);
  });

  it('answers id, name, e-mail, phone and the jurisdiction of the latest ticket', async () => {
    const [jose] = (await search({ search: 'jose perez' })).items as [RequesterV1];
    expect(jose).toEqual({
      id: expect.any(String),
      name: 'José Pérez',
      email: 'jose.perez@salud.gob',
      phone: '+54 (2954) 41-2345',
      jurisdiction: 'SALUD',
    });
    // A new ticket for the same person (created on the spot again, by e-mail) updates them.
    await register({ email: 'Jose.Perez@Salud.gob', name: 'José Luis Pérez' }, 'HACIENDA');
    const [updated] = (await search({ search: 'luis' })).items as [RequesterV1];
    expect(updated).toEqual({ ...jose, name: 'José Luis Pérez', jurisdiction: 'HACIENDA' });
  });

  it('pages by name with a cursor, without repeating anyone', async () => {
    for (let i = 0; i < 23; i++) {
      await register({
        email: `agente${String(i).padStart(2, '0')}@obras.gob`,
        name: `Ágata ${String(i).padStart(2, '0')}`,
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await search({ search: 'agata', limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((r) => r.name));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `Ágata ${String(i).padStart(2, '0')}`));
    const everyone = await search({ limit: 50 });
    expect(everyone.items).toHaveLength(26);
    expect(everyone.nextCursor).toBeNull();
  });

  it('answers staff only, and names the field of a bad parameter', async () => {
    expect(await refusal(search({ search: 'jose' }, { ...operator, role: 'requester' }))).toMatchObject({
      code: ErrorCode.Forbidden,
    });
    expect(await refusal(search({ cursor: 'no-es-un-cursor' }))).toMatchObject({
      code: ErrorCode.Validation,
      fields: [{ field: 'cursor', constraint: 'matches' }],
    });
    expect(await refusal(search({ limit: 0 }))).toMatchObject({
      code: ErrorCode.Validation,
      fields: [expect.objectContaining({ field: 'params.limit', constraint: 'min' })],
    });
  });
});
