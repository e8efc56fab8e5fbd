import pg from 'pg';
import type { TicketPageV1, TicketServiceLevelV1, TicketViewV1 } from '@cau/contracts';
import { ApiClient, startTestPlatform, waitFor, type TestPlatform } from '@cau/testing';

/**
 * The registration path as users meet it: every service in its own process, driven only through the
 * gateway's HTTP API, with mail caught by a real SMTP server.
 */
type TicketDetail = TicketViewV1 & { serviceLevel: TicketServiceLevelV1 | null };

describe('end to end: registering tickets', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let operator: string;
  let requester: string;
  let referente: string;
  let db: pg.Client;

  const ticket = (overrides: Record<string, unknown> = {}) => ({
    channel: 'telefono',
    requester: { email: 'ana.perez@salud.gob.ar', name: 'Ana Pérez', phone: '+54 2954 123456' },
    jurisdiction: 'SALUD',
    title: 'No funciona la impresión en el piso 2',
    description: 'Desde esta mañana la impresora de red del piso 2 no imprime ningún documento.',
    type: 'incidente',
    category: 'impresoras',
    impact: 'medio',
    urgency: 'alta',
    attachments: [{ url: 'https://archivos.salud.gob.ar/captura.png', name: 'captura.png', mediaType: 'image/png' }],
    ...overrides,
  });

  beforeAll(async () => {
    platform = await startTestPlatform('e2e', { instances: { intake: 2 } });
    api = new ApiClient(platform.gatewayUrl);
    const admin = await api.token(platform.admin.email, platform.admin.password);
    operator = await api.createAccount(admin, {
      email: 'operadora@cau.test',
      name: 'Operadora L1',
      role: 'operator',
      password: 'clave-operadora',
    });
    requester = await api.createAccount(admin, {
      email: 'ana.perez@salud.gob.ar',
      name: 'Ana Pérez',
      role: 'requester',
      password: 'clave-solicitante',
    });
    referente = await api.createAccount(admin, {
      email: 'referente@educacion.gob.ar',
      name: 'Referente Educación',
      role: 'referente',
      password: 'clave-referente',
      jurisdiction: 'EDUCACION',
    });
    db = new pg.Client({ connectionString: platform.infra.database.url });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  }, 60_000);

  it('registers a ticket, mails the requester its number, and lists it with priority and area L1', async () => {
    const created = await api.request<{ number: number; ticketId: string }>('POST', '/api/v1/tickets', {
      token: operator,
      body: ticket(),
    });
    expect(created.status).toBe(201);
    const { number } = created.body;
    expect(number).toBeGreaterThan(0);
    expect(created.headers.get('location')).toBe(`/api/v1/tickets/${number}`);

    const mail = await waitFor(
      async () => platform.smtp.mails.find((m) => m.parsed.subject?.includes(`[CAU #${number}]`)),
      { what: `the registration mail of #${number}` },
    );
    expect(mail.envelopeTo).toEqual(['ana.perez@salud.gob.ar']);
    expect(mail.parsed.text).toContain(String(number));
    expect(mail.parsed.messageId).toBeTruthy();

    const listed = await waitFor(
      async () => {
        const page = await api.request<TicketPageV1>('GET', '/api/v1/tickets?limit=5', { token: operator });
        const item = page.body.items?.find((t) => t.number === number);
        return item?.priority ? item : undefined;
      },
      { what: 'the ticket in the list, routed' },
    );
    expect(listed).toMatchObject({ number, priority: 'ALTA', area: 'L1', status: 'abierto', jurisdiction: 'SALUD' });

    const detail = await api.request<TicketViewV1>('GET', `/api/v1/tickets/${number}`, { token: operator });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      number,
      channel: 'telefono',
      requester: { email: 'ana.perez@salud.gob.ar', name: 'Ana Pérez' },
      attachments: [{ url: 'https://archivos.salud.gob.ar/captura.png' }],
    });

    // Resolution's targets reach the list (ticket.service-level-changed): the same as the ticket's serviceLevel,
    // and the ticket is in L1's queue of open, unassigned tickets by due date.
    const level = await waitFor(
      async () => {
        const answer = await api.request<TicketDetail>('GET', `/api/v1/tickets/${number}`, { token: operator });
        return answer.body.serviceLevel?.resolutionDueAt ? answer.body.serviceLevel : undefined;
      },
      { what: 'the service level of the ticket' },
    );
    const queued = await waitFor(
      async () => {
        const page = await api.request<TicketPageV1>(
          'GET',
          '/api/v1/tickets?area=L1&status=abierto,en_curso&assignee=none&sort=due&limit=100',
          { token: operator },
        );
        return page.body.items?.find((t) => t.number === number && t.resolutionDueAt !== null);
      },
      { what: 'the ticket in L1’s queue with its due dates' },
    );
    expect(queued).toMatchObject({ responseDueAt: level.responseDueAt, resolutionDueAt: level.resolutionDueAt });

    // Exactly one mail for that ticket, even after everything settled.
    await new Promise((r) => setTimeout(r, 500));
    expect(platform.smtp.mails.filter((m) => m.parsed.subject?.includes(`[CAU #${number}]`))).toHaveLength(1);
  });

  it('lets requesters read only their own tickets and referentes only their jurisdiction', async () => {
    const own = await api.request<{ number: number }>('POST', '/api/v1/tickets', {
      token: requester,
      body: ticket({ channel: 'portal', title: 'Mi correo no sincroniza' }),
    });
    expect(own.status).toBe(201);
    const foreign = await api.request<{ number: number }>('POST', '/api/v1/tickets', {
      token: operator,
      body: ticket({ requester: { email: 'otro@educacion.gob.ar', name: 'Otro' }, jurisdiction: 'EDUCACION' }),
    });
    await waitFor(
      async () =>
        (await api.request('GET', `/api/v1/tickets/${foreign.body.number}`, { token: operator })).status === 200,
      {
        what: 'the foreign ticket in the view',
      },
    );
    await waitFor(
      async () => (await api.request('GET', `/api/v1/tickets/${own.body.number}`, { token: requester })).status === 200,
      {
        what: 'the own ticket in the view',
      },
    );
    expect((await api.request('GET', `/api/v1/tickets/${foreign.body.number}`, { token: requester })).status).toBe(403);
    const mine = await api.request<TicketPageV1>('GET', '/api/v1/tickets', { token: requester });
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((t) => t.requesterEmail === 'ana.perez@salud.gob.ar')).toBe(true);

    expect((await api.request('GET', `/api/v1/tickets/${foreign.body.number}`, { token: referente })).status).toBe(200);
    expect((await api.request('GET', `/api/v1/tickets/${own.body.number}`, { token: referente })).status).toBe(403);
    const theirs = await api.request<TicketPageV1>('GET', '/api/v1/tickets', { token: referente });
    expect(theirs.body.items.map((t) => t.jurisdiction)).toEqual(theirs.body.items.map(() => 'EDUCACION'));
  });

  it('gives 2,000 concurrent registrations through two intake instances 2,000 distinct consecutive numbers', async () => {
    const before = Number((await db.query('SELECT last_number FROM intake.ticket_number')).rows[0].last_number);
    const concurrency = 32;
    const numbers: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < 2_000) {
          const i = next++;
          const response = await api.request<{ number: number }>('POST', '/api/v1/tickets', {
            token: operator,
            body: ticket({
              title: `Carga ${i}`,
              requester: { email: `persona${i % 50}@salud.gob.ar`, name: `Persona ${i % 50}` },
            }),
          });
          if (response.status !== 201)
            throw new Error(`request ${i}: ${response.status} ${JSON.stringify(response.body)}`);
          numbers.push(response.body.number);
        }
      }),
    );
    numbers.sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 2_000 }, (_, i) => before + 1 + i));
    // Both intake instances took part (queue group load sharing).
    const intakes = platform.processes.filter((p) => p.name === 'intake');
    expect(intakes).toHaveLength(2);
    // 2,000 registrations take ~40 s on a quiet 2-core machine; room for one shared with the portal's suite.
  }, 600_000);

  it('refuses bad input with a clear 4xx and stores nothing', async () => {
    const count = async () => Number((await db.query('SELECT count(*) FROM intake.tickets')).rows[0].count);
    const before = await count();
    const cases: Array<{
      name: string;
      status: number;
      field?: string;
      send: () => Promise<{ status: number; body: any }>;
    }> = [
      {
        name: 'missing field',
        status: 400,
        field: 'title',
        send: () =>
          api.request('POST', '/api/v1/tickets', { token: operator, body: { ...ticket(), title: undefined } }),
      },
      {
        name: 'wrong type',
        status: 400,
        field: 'urgency',
        send: () => api.request('POST', '/api/v1/tickets', { token: operator, body: ticket({ urgency: 3 }) }),
      },
      {
        name: 'unknown field',
        status: 400,
        field: 'colour',
        send: () => api.request('POST', '/api/v1/tickets', { token: operator, body: ticket({ colour: 'red' }) }),
      },
      {
        name: 'oversized text',
        status: 400,
        field: 'description',
        send: () =>
          api.request('POST', '/api/v1/tickets', {
            token: operator,
            body: ticket({ description: 'x'.repeat(10_001) }),
          }),
      },
      {
        name: 'bad e-mail',
        status: 400,
        field: 'requester.email',
        send: () =>
          api.request('POST', '/api/v1/tickets', {
            token: operator,
            body: ticket({ requester: { email: 'no-es-correo', name: 'X' } }),
          }),
      },
      {
        name: 'malformed JSON',
        status: 400,
        send: () => api.request('POST', '/api/v1/tickets', { token: operator, rawBody: '{"title": "x",' }),
      },
      { name: 'no token', status: 401, send: () => api.request('POST', '/api/v1/tickets', { body: ticket() }) },
      {
        name: 'wrong token',
        status: 401,
        send: () => api.request('POST', '/api/v1/tickets', { token: 'not.a.jwt', body: ticket() }),
      },
      {
        name: 'wrong role',
        status: 403,
        send: () =>
          api.request('POST', '/api/v1/accounts', {
            token: operator,
            body: { email: 'x@y.z', name: 'X', role: 'admin', password: 'clave-larga-123' },
          }),
      },
      {
        name: 'requester filing for someone else',
        status: 403,
        send: () =>
          api.request('POST', '/api/v1/tickets', {
            token: requester,
            body: ticket({ channel: 'portal', requester: { email: 'otra@salud.gob.ar', name: 'Otra' } }),
          }),
      },
    ];
    for (const c of cases) {
      const response = await c.send();
      expect({ case: c.name, status: response.status }).toEqual({ case: c.name, status: c.status });
      expect(typeof response.body.message).toBe('string');
      if (c.field) {
        expect({ case: c.name, fields: response.body.fields.map((f: { field: string }) => f.field) }).toEqual({
          case: c.name,
          fields: expect.arrayContaining([c.field]),
        });
        const problem = response.body.fields.find((f: { field: string }) => f.field === c.field);
        expect(problem.message).toContain(c.field); // Spanish by default, naming the field
      }
    }
    const english = await api.request<{ message: string; fields: Array<{ message: string }> }>(
      'POST',
      '/api/v1/tickets',
      {
        token: operator,
        body: ticket({ impact: 'enorme' }),
        headers: { 'accept-language': 'en-GB,en;q=0.9' },
      },
    );
    expect(english.body.fields[0]!.message).toBe("Field 'impact' must be one of: alto, medio, bajo.");
    expect(await count()).toBe(before);
  });
});
