import { connect, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { IntakeRpc, InventoryRpc, ReportingRpc } from '@cau/contracts';
import { CORRELATION_HEADER, Subjects, messagingConfigFromEnv } from '@cau/messaging';
import { registration, startGateway, type GatewayFixture } from './gateway-fixture.js';

const TIMEOUT_MS = 1_000;

/** Answers like a Nest @MessagePattern handler would, so the gateway's RpcClient reads it as usual. */
function reply(msg: Msg, answer: { response?: unknown; err?: unknown }): void {
  const { id } = msg.json<{ id: string }>();
  msg.respond(JSON.stringify({ id, isDisposed: true, ...answer }));
}

describe('gateway: answers of the services behind it', () => {
  let f: GatewayFixture;
  let nc: NatsConnection;
  let subjects: Subjects;
  const subscriptions: Subscription[] = [];
  /** Answers `name` from the test; resolved once the server has the subscription (before, a request finds no one). */
  const respondWith = async (name: string, handle: (msg: Msg) => void): Promise<void> => {
    subscriptions.push(nc.subscribe(subjects.command(name), { callback: (_error, msg) => handle(msg) }));
    await nc.flush();
  };

  beforeAll(async () => {
    f = await startGateway('gwanswers', { intake: true, env: { NATS_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } });
    nc = await connect({ servers: f.infra.env.NATS_URL });
    subjects = new Subjects(messagingConfigFromEnv(f.infra.env));
  });

  afterEach(() => {
    for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
  });

  afterAll(async () => {
    await nc?.close();
    await f?.stop();
  });

  it('sends the verified actor and the correlation id with a query, and returns the answer', async () => {
    let received: { data: unknown; correlationId: string | undefined } | undefined;
    await respondWith(ReportingRpc.TicketByNumber.subject, (msg) => {
      received = { data: msg.json<{ data: unknown }>().data, correlationId: msg.headers?.get(CORRELATION_HEADER) };
      reply(msg, { response: { number: 7, title: 'Impresora' } });
    });
    const answer = await f.http.send<{ number: number }>('GET', '/api/v1/tickets/7', {
      token: f.adminToken,
      headers: { 'x-correlation-id': 'portal-req-7' },
    });
    expect(answer.status).toBe(200);
    // No resolution answers here: the ticket still shows, without its targets.
    expect(answer.body).toEqual({ number: 7, title: 'Impresora', serviceLevel: null });
    expect(received).toEqual({
      correlationId: 'portal-req-7',
      data: {
        number: 7,
        actor: { accountId: expect.any(String), role: 'admin', email: 'admin@cau.test', name: 'Admin Pruebas' },
      },
    });
  });

  it('waits longer for a rendered document than for a lookup', async () => {
    const pdf = Buffer.from('%PDF-1.7 resguardo');
    await respondWith(InventoryRpc.CustodyDocument.subject, (msg) => {
      setTimeout(
        () => reply(msg, { response: { filename: 'resguardo.pdf', base64: pdf.toString('base64') } }),
        TIMEOUT_MS * 2,
      );
    });
    const answer = await fetch(
      `${f.http.baseUrl}/api/v1/inventory/equipment/6f1c2f44-3c1b-4a8e-9d3e-2a7f5b9c0d11/custody/0b7e4a52-8f3d-4c6a-b1e2-9a4d7c3f5e20/document`,
      { headers: { authorization: `Bearer ${f.adminToken}` } },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(pdf);
  });

  it('sends list filters converted to their types', async () => {
    let filters: unknown;
    await respondWith(ReportingRpc.TicketList.subject, (msg) => {
      filters = msg.json<{ data: { filters: unknown } }>().data.filters;
      reply(msg, { response: { items: [], nextCursor: null, nextBefore: null } });
    });
    const answer = await f.http.send('GET', '/api/v1/tickets?status=abierto&limit=20&before=100&text=impresora', {
      token: f.adminToken,
    });
    expect(answer.status).toBe(200);
    expect(filters).toEqual({ status: ['abierto'], limit: 20, before: 100, text: 'impresora' });

    const queue = await f.http.send(
      'GET',
      '/api/v1/tickets?status=abierto,en_curso&status=resuelto&assignee=me&overdue=true&waitingOnRequester=false' +
        '&dueWithinHours=4&sort=due&cursor=abc',
      { token: f.adminToken },
    );
    expect(queue.status).toBe(200);
    // `me` travels as is: reporting resolves it from the actor of the query.
    expect(filters).toEqual({
      status: ['abierto', 'en_curso', 'resuelto'],
      assignee: 'me',
      overdue: true,
      waitingOnRequester: false,
      dueWithinHours: 4,
      sort: 'due',
      cursor: 'abc',
    });
  });

  it('turns a service refusal into its HTTP status, with the message in the caller language', async () => {
    await respondWith(ReportingRpc.TicketByNumber.subject, (msg) =>
      reply(msg, { err: { code: 'NOT_FOUND', params: { resource: 'ticket', id: '9' } } }),
    );
    const spanish = await f.http.send('GET', '/api/v1/tickets/9', { token: f.adminToken });
    expect(spanish.status).toBe(404);
    expect(spanish.body).toMatchObject({ code: 'NOT_FOUND', message: 'No existe el ticket «9».' });
    const english = await f.http.send('GET', '/api/v1/tickets/9', {
      token: f.adminToken,
      headers: { 'accept-language': 'en' },
    });
    expect(english.body.message).toBe('Ticket "9" does not exist.');
  });

  it('names the fields of a service validation error as the client sent them', async () => {
    await respondWith(ReportingRpc.TicketList.subject, (msg) =>
      reply(msg, {
        err: { code: 'VALIDATION', fields: [{ field: 'filters.text', constraint: 'maxLength', params: [200] }] },
      }),
    );
    const answer = await f.http.send('GET', '/api/v1/tickets?text=x', { token: f.adminToken });
    expect(answer.status).toBe(400);
    expect(answer.body.fields).toEqual([
      { field: 'text', message: 'El campo «text» admite como máximo 200 caracteres.' },
    ]);
  });

  it('answers 500 INTERNAL when a service fails in a way it does not describe', async () => {
    await respondWith(ReportingRpc.TicketByNumber.subject, (msg) =>
      reply(msg, { err: { message: 'boom', stack: 'secret' } }),
    );
    const answer = await f.http.send('GET', '/api/v1/tickets/3', { token: f.adminToken });
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: expect.stringMatching(/^Error interno: la operación no se completó/),
      correlationId: expect.any(String),
    });
  });

  describe('with intake stopped', () => {
    beforeAll(async () => {
      expect((await f.http.send('POST', '/api/v1/tickets', { token: f.adminToken, json: registration() })).status).toBe(
        201,
      );
      await f.intake!.stop();
    });

    it('answers 503 at once when nobody listens', async () => {
      const started = Date.now();
      const answer = await f.http.send('POST', '/api/v1/tickets', { token: f.adminToken, json: registration() });
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        message: 'El servicio intake no respondió a tiempo; intente de nuevo en unos segundos.',
      });
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
    });

    it('answers 503 after the timeout when the service does not reply', async () => {
      await respondWith(IntakeRpc.RegisterTicket.subject, () => undefined);
      const started = Date.now();
      const answer = await f.http.send('POST', '/api/v1/tickets', {
        token: f.adminToken,
        json: registration(),
        headers: { 'accept-language': 'en' },
      });
      const elapsed = Date.now() - started;
      expect(answer.status).toBe(503);
      expect(answer.body.message).toBe('Service intake did not answer in time; try again in a few seconds.');
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 2_000);
    });

    it('strips the command prefix from the fields intake names', async () => {
      await respondWith(IntakeRpc.RegisterTicket.subject, (msg) =>
        reply(msg, {
          err: { code: 'VALIDATION', fields: [{ field: 'payload.requester.email', constraint: 'isEmail' }] },
        }),
      );
      const answer = await f.http.send('POST', '/api/v1/tickets', { token: f.adminToken, json: registration() });
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual([
        {
          field: 'requester.email',
          message: 'El campo «requester.email» debe ser una dirección de correo electrónico válida.',
        },
      ]);
    });
  });
});
