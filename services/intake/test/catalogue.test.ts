import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  IntakeRpc,
  type ActorV1,
  type CatalogueKind,
  type CategoryInputV1,
  type ServiceErrorPayload,
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
import { createTestInfrastructure, waitFor, type TestInfrastructure } from '@cau/testing';
import pg from 'pg';
import { intakeService } from '../src/intake.service.js';

const admin: ActorV1 = { accountId: randomUUID(), role: 'admin', email: 'admin@cau.gob', name: 'Admin' };
const operator: ActorV1 = { accountId: randomUUID(), role: 'operator', email: 'op@cau.gob', name: 'Operadora' };
const registration = (category: string, jurisdiction = 'SALUD'): TicketRegistrationV1 => ({
  channel: 'telefono',
  requester: { email: 'persona@salud.gob', name: 'Persona' },
  jurisdiction,
  title: 'La impresora no imprime',
  description: 'Desde esta mañana',
  type: 'incidente',
  category,
  impact: 'medio',
  urgency: 'alta',
});

describe('intake: catalogues', () => {
  let infra: TestInfrastructure;
  let intake: RunningService;
  let nc: NatsConnection;
  let rpc: RpcClient;
  let db: pg.Client;
  let subjects: Subjects;

  const register = (category: string, jurisdiction?: string) =>
    rpc.request(IntakeRpc.RegisterTicket, {
      actor: operator,
      payload: registration(category, jurisdiction),
    });
  const refusal = (promise: Promise<unknown>): Promise<ServiceErrorPayload | null> =>
    promise.then(
      () => null,
      (error: unknown) => {
        if (error instanceof ServiceError) return error.payload;
        throw error;
      },
    );
  const saveCategory = (code: string, entry: CategoryInputV1, actor = admin) =>
    rpc.request(IntakeRpc.SaveCategory, { actor, code, entry });
  const setRetired = (kind: CatalogueKind, code: string, retired: boolean, actor = admin) =>
    rpc.request(IntakeRpc.SetCatalogueEntryRetired, {
      actor,
      kind,
      code,
      retired,
    });
  const list = (full: boolean, actor = admin) => rpc.request(IntakeRpc.ListCatalogue, { actor, full });
  const ticketCount = async () =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM intake.tickets')).rows[0]!.n;

  beforeAll(async () => {
    infra = await createTestInfrastructure('catalogues');
    const env = {
      ...process.env,
      ...infra.env,
      INTAKE_PORT: '0',
      JURISDICTION_REFERENTES: 'SALUD=ref@salud.gob',
      SUPERVISOR_EMAILS: 'jefa@cau.gob',
    };
    intake = await startService(intakeService, env);
    nc = await connect({ servers: infra.env.NATS_URL });
    subjects = new Subjects(messagingConfigFromEnv(infra.env));
    rpc = new RpcClient(nc, subjects, 5_000);
    db = new pg.Client({ connectionString: infra.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await nc?.close();
    await intake?.stop();
    await infra?.cleanup();
  });

  it('starts from the default categories and the referentes of the environment, once', async () => {
    const catalogue = await list(true);
    expect(catalogue.categories.map((c) => c.code)).toContain('correo-electronico');
    expect(catalogue.categories.every((c) => c.parent === null && !c.retired)).toBe(true);
    expect(catalogue.jurisdictions).toEqual([
      {
        code: 'SALUD',
        name: 'SALUD',
        referenteEmails: ['ref@salud.gob'],
        supervisorEmails: ['jefa@cau.gob'],
        listed: false,
        retired: false,
      },
    ]);
    // A second instance starting does not seed again.
    const second = await startService(intakeService, { ...process.env, ...infra.env, INTAKE_PORT: '0' });
    await second.stop();
    const seeded = await db.query('SELECT kind FROM intake.catalogue_seeded ORDER BY kind');
    expect(seeded.rows).toEqual([{ kind: 'category' }, { kind: 'jurisdiction' }]);
  });

  it('refuses an unknown category naming the field, and stores nothing', async () => {
    const before = await ticketCount();
    expect(await refusal(register('impresora'))).toEqual({
      code: 'VALIDATION',
      fields: [{ field: 'category', constraint: 'unknownCatalogueValue', params: ['category', 'impresora'] }],
    });
    expect(await ticketCount()).toBe(before);
  });

  it('takes subcategories, and refuses a retired category while its tickets keep it', async () => {
    const created = await saveCategory('impresoras-laser', {
      label: { es: ' Impresoras láser ', en: 'Laser printers' },
      parent: 'impresoras',
    });
    expect(created).toEqual({
      before: null,
      after: {
        code: 'impresoras-laser',
        parent: 'impresoras',
        label: { es: 'Impresoras láser', en: 'Laser printers' },
        order: 0,
        retired: false,
      },
    });
    const kept = await register('impresoras');
    await register('impresoras-laser');
    const retired = await setRetired('category', 'impresoras', true);
    expect(retired.before?.retired).toBe(false);
    expect(retired.after.retired).toBe(true);
    for (const code of ['impresoras', 'impresoras-laser']) {
      expect((await refusal(register(code)))?.fields).toEqual([
        { field: 'category', constraint: 'retiredCatalogueValue', params: ['category', code] },
      ]);
    }
    const stored = await db.query('SELECT category FROM intake.tickets WHERE id = $1', [kept.ticketId]);
    expect(stored.rows).toEqual([{ category: 'impresoras' }]);
    // The public list leaves out the retired category and its subcategories; the full one keeps them.
    expect((await list(false, operator)).categories.map((c) => c.code)).not.toContain('impresoras-laser');
    expect((await list(true)).categories.find((c) => c.code === 'impresoras')?.retired).toBe(true);
    await setRetired('category', 'impresoras', false);
    await register('impresoras-laser');
  });

  it('keeps the tree two levels deep and the inbound mail category in place', async () => {
    expect(
      (await refusal(saveCategory('toner', { label: { es: 'Tóner', en: 'Toner' }, parent: 'impresoras-laser' })))
        ?.fields,
    ).toEqual([{ field: 'parent', constraint: 'parentNotTopLevel', params: ['impresoras-laser'] }]);
    expect(
      (await refusal(saveCategory('impresoras', { label: { es: 'I', en: 'P' }, parent: 'equipos' })))?.fields,
    ).toEqual([{ field: 'parent', constraint: 'hasSubcategories', params: ['impresoras'] }]);
    expect((await refusal(setRetired('category', 'correo-electronico', true)))?.fields).toEqual([
      { field: 'retired', constraint: 'inboundMailCategory', params: ['correo-electronico'] },
    ]);
    expect((await refusal(setRetired('category', 'no-existe', true)))?.code).toBe('NOT_FOUND');
    const codes = (await list(true)).categories.map((c) => c.code);
    expect(codes).not.toContain('toner');
    // Subcategories follow their category.
    expect(codes.indexOf('impresoras-laser')).toBe(codes.indexOf('impresoras') + 1);
  });

  it('lets only administrators change the catalogue or read it whole', async () => {
    expect((await refusal(saveCategory('nueva', { label: { es: 'N', en: 'N' } }, operator)))?.code).toBe('FORBIDDEN');
    expect((await refusal(setRetired('category', 'otros', true, operator)))?.code).toBe('FORBIDDEN');
    expect((await refusal(list(true, operator)))?.code).toBe('FORBIDDEN');
    const services = await rpc
      .request(IntakeRpc.SaveService, {
        actor: operator,
        code: 'correo-institucional',
        entry: { label: { es: 'Correo', en: 'Mail' } },
      })
      .catch((error: ServiceError) => error.payload.code);
    expect(services).toBe('FORBIDDEN');
    const rows = await db.query(`SELECT code FROM intake.categories WHERE code = 'nueva'`);
    expect(rows.rows).toEqual([]);
  });

  it('checks jurisdictions only once an administrator has listed one', async () => {
    await register('otros', 'CUALQUIERA');
    const saved = await rpc.request(IntakeRpc.SaveJurisdiction, {
      actor: admin,
      code: 'SALUD',
      entry: { name: 'Ministerio de Salud', referenteEmails: ['Ref@Salud.gob '], supervisorEmails: [] },
    });
    expect(saved.before?.listed).toBe(false);
    expect(saved.after).toEqual({
      code: 'SALUD',
      name: 'Ministerio de Salud',
      referenteEmails: ['ref@salud.gob'],
      supervisorEmails: [],
      listed: true,
      retired: false,
    });
    await register('otros', 'SALUD');
    expect((await refusal(register('otros', 'CUALQUIERA')))?.fields).toEqual([
      { field: 'jurisdiction', constraint: 'unknownCatalogueValue', params: ['jurisdiction', 'CUALQUIERA'] },
    ]);
    await setRetired('jurisdiction', 'SALUD', true);
    expect((await refusal(register('otros', 'SALUD')))?.fields).toEqual([
      { field: 'jurisdiction', constraint: 'retiredCatalogueValue', params: ['jurisdiction', 'SALUD'] },
    ]);
    await setRetired('jurisdiction', 'SALUD', false);
  });

  it('publishes catalogue.changed for every change', async () => {
    const jsm = await jetstreamManager(nc);
    const config = messagingConfigFromEnv(infra.env);
    const subject = subjects.event('catalogue.changed');
    // Six changes above: a subcategory created, impresoras retired and restored, SALUD saved, retired, restored.
    await waitFor(
      async () => {
        const info = await jsm.streams.info(config.eventsStream, { subjects_filter: subject });
        return (info.state.subjects?.[subject] ?? 0) === 6;
      },
      { what: 'six catalogue.changed events' },
    );
  });

  it('takes an active service on the ticket and in its event, and refuses an unknown or retired one', async () => {
    await rpc.request(IntakeRpc.SaveService, {
      actor: admin,
      code: 'sistema-de-turnos',
      entry: { label: { es: 'Sistema de turnos', en: 'Appointments system' } },
    });
    const withService = (service: string) =>
      rpc.request(IntakeRpc.RegisterTicket, {
        actor: operator,
        payload: { ...registration('otros'), service },
      });
    const taken = await withService('sistema-de-turnos');
    const stored = await db.query('SELECT service FROM intake.tickets WHERE id = $1', [taken.ticketId]);
    expect(stored.rows).toEqual([{ service: 'sistema-de-turnos' }]);
    // The last ticket.registered in the stream is this one: the refusals below publish nothing.
    const jsm = await jetstreamManager(nc);
    const config = messagingConfigFromEnv(infra.env);
    await waitFor(
      async () => {
        const last = await jsm.streams
          .getMessage(config.eventsStream, { last_by_subj: subjects.event('ticket.registered') })
          .catch(() => null);
        return last?.json<{ data: { ticketId: string } }>().data.ticketId === taken.ticketId ? last : null;
      },
      { what: 'the ticket.registered event of the ticket with a service' },
    ).then((last) => expect(last.json<{ data: { service?: string } }>().data.service).toBe('sistema-de-turnos'));
    const before = await ticketCount();
    expect((await refusal(withService('turnos')))?.fields).toEqual([
      { field: 'service', constraint: 'unknownCatalogueValue', params: ['service', 'turnos'] },
    ]);
    await setRetired('service', 'sistema-de-turnos', true);
    expect((await refusal(withService('sistema-de-turnos')))?.fields).toEqual([
      { field: 'service', constraint: 'retiredCatalogueValue', params: ['service', 'sistema-de-turnos'] },
    ]);
    expect(await ticketCount()).toBe(before);
    await setRetired('service', 'sistema-de-turnos', false);
  });
});
