import pg from 'pg';
import { ApiClient, startTestPlatform, type TestPlatform } from '@cau/testing';

/**
 * A ticket reaches routing, resolution and reporting through the event stream, a moment after intake answered
 * its registration. An action or a read right after it must not be told the ticket does not exist. Here the
 * moment is made long on purpose: a test transaction holds routing's (or reporting's) table against writes, so
 * that service cannot apply the registration until the test lets it, while reads go on.
 */
describe('end to end: a ticket just registered is not "not found"', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let operator: string;
  let requester: string;
  let db: pg.Client;

  const registration = (title: string) => ({
    channel: 'telefono',
    requester: { email: 'ana.perez@salud.gob.ar', name: 'Ana Pérez' },
    jurisdiction: 'SALUD',
    title,
    description: 'La impresora de red del piso 2 no imprime ningún documento desde esta mañana.',
    type: 'incidente',
    category: 'impresoras',
    impact: 'medio',
    urgency: 'media',
  });

  /** Holds `table` against writes (reads go on) until the returned function is called. */
  async function holdWrites(table: string): Promise<() => Promise<void>> {
    const holder = new pg.Client({ connectionString: platform.infra.database.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
    return async () => {
      await holder.query('COMMIT');
      await holder.end();
    };
  }

  /** The request's answer, and whether it had come when `check` is called. */
  function track<T>(promise: Promise<T>) {
    const state: { settled: boolean } = { settled: false };
    void promise.finally(() => (state.settled = true));
    return { promise, state };
  }

  beforeAll(async () => {
    platform = await startTestPlatform('fresh');
    api = new ApiClient(platform.gatewayUrl);
    const admin = await api.token(platform.admin.email, platform.admin.password);
    operator = await api.createAccount(admin, {
      email: 'operadora@cau.test',
      name: 'Operadora L1',
      role: 'operator',
      password: 'clave-operadora',
    });
    requester = await api.createAccount(admin, {
      email: 'otra.persona@salud.gob.ar',
      name: 'Otra Persona',
      role: 'requester',
      password: 'clave-solicitante',
    });
    db = new pg.Client({ connectionString: platform.infra.database.url });
    await db.connect();
  }, 240_000);

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  }, 60_000);

  it('takes a ticket routing has not applied yet, and reads its path and suggestion, once routing has, instead of answering 404', async () => {
    const release = await holdWrites('routing.tickets');
    let released = false;
    try {
      const created = await api.request<{ number: number }>('POST', '/api/v1/tickets', {
        token: operator,
        body: registration('Take antes de que routing lo conozca'),
      });
      expect(created.status).toBe(201);
      const { number } = created.body;
      const take = track(api.request('POST', `/api/v1/tickets/${number}/take`, { token: operator }));
      // The workspace's reads of routing's side wait as well.
      const path = track(api.request('GET', `/api/v1/tickets/${number}/path`, { token: operator }));
      const suggestion = track(api.request('GET', `/api/v1/tickets/${number}/suggestion`, { token: operator }));

      // A number nobody registered is still answered 404 at once, while the take waits.
      const started = Date.now();
      const unknown = await api.request('POST', `/api/v1/tickets/${number + 1000}/take`, { token: operator });
      expect(unknown.status).toBe(404);
      expect(Date.now() - started).toBeLessThan(2_000);

      const known = await db.query('SELECT count(*)::int AS n FROM routing.tickets WHERE number = $1', [number]);
      expect(known.rows[0].n).toBe(0);
      expect(take.state.settled).toBe(false);
      expect(path.state.settled).toBe(false);
      expect(suggestion.state.settled).toBe(false);

      await release();
      released = true;
      const taken = await take.promise;
      expect(taken.status).toBe(200);
      expect(taken.body).toMatchObject({ number, status: 'en_curso' });
      expect((await path.promise).status).toBe(200);
      expect((await suggestion.promise).status).toBe(200);
    } finally {
      if (!released) await release();
    }
  });

  it("shows a ticket reporting has not applied yet, its attachments and its equipment, once it has; someone else's is 404 at once", async () => {
    const release = await holdWrites('reporting.ticket_view');
    let released = false;
    try {
      const created = await api.request<{ number: number }>('POST', '/api/v1/tickets', {
        token: operator,
        body: registration('Lectura antes de que reporting lo conozca'),
      });
      expect(created.status).toBe(201);
      const { number } = created.body;
      const read = track(api.request('GET', `/api/v1/tickets/${number}`, { token: operator }));
      // The workspace's other reads that check the ticket with reporting wait as well.
      const attachments = track(api.request('GET', `/api/v1/tickets/${number}/attachments`, { token: operator }));
      const equipment = track(api.request('GET', `/api/v1/tickets/${number}/equipment`, { token: operator }));

      // The requester of this ticket is someone else: waiting would tell them it exists.
      const started = Date.now();
      const other = await api.request('GET', `/api/v1/tickets/${number}`, { token: requester });
      expect(other.status).toBe(404);
      expect(Date.now() - started).toBeLessThan(2_000);
      const known = await db.query('SELECT count(*)::int AS n FROM reporting.ticket_view WHERE number = $1', [number]);
      expect(known.rows[0].n).toBe(0);
      expect(read.state.settled).toBe(false);
      expect(attachments.state.settled).toBe(false);
      expect(equipment.state.settled).toBe(false);

      await release();
      released = true;
      const shown = await read.promise;
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ number, title: 'Lectura antes de que reporting lo conozca' });
      expect(await attachments.promise).toMatchObject({ status: 200, body: [] });
      expect(await equipment.promise).toMatchObject({ status: 200, body: [] });
    } finally {
      if (!released) await release();
    }
  });
});
