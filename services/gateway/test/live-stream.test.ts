import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { IntakeRpc } from '@cau/contracts';
import { RpcClient, Subjects, messagingConfigFromEnv, startService, type RunningService } from '@cau/messaging';
import { waitFor } from '@cau/testing';
import { reportingService } from '../../reporting/src/reporting.service.js';
import { createGatewayService } from '../src/gateway.service.js';
import { LiveStreamService } from '../src/live/live-stream.service.js';
import { registration, startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

const PASSWORD = 'clave-de-prueba-1';

interface SseEvent {
  id?: string;
  event?: string;
  data?: unknown;
}

/**
 * A Server-Sent Events client, like EventSource but with headers of our choosing. Each connection is a
 * socket of its own (node:http without an agent), closed with the client: fetch's shared pool may open
 * a spare socket and leave it unused, and a server waits for such a socket until its headers timeout.
 */
class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  ended = false;

  private constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly errorBody: ErrorBody | null,
    private readonly request: http.ClientRequest,
  ) {}

  static open(url: string, headers: Record<string, string>): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const request = http.get(url, { headers, agent: false }, (response) => {
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (typeof value === 'string') answerHeaders.set(name, value);
        }
        const isStream = answerHeaders.get('content-type')?.startsWith('text/event-stream') ?? false;
        if (isStream) {
          const client = new SseClient(response.statusCode ?? 0, answerHeaders, null, request);
          client.read(response);
          resolve(client);
          return;
        }
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve(new SseClient(response.statusCode ?? 0, answerHeaders, JSON.parse(body) as ErrorBody, request)),
        );
      });
      request.on('error', reject);
    });
  }

  private read(response: http.IncomingMessage): void {
    let buffer = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message: SseEvent = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
          else if (line.startsWith('id: ')) message.id = line.slice(4);
          else if (line.startsWith('event: ')) message.event = line.slice(7);
          else if (line.startsWith('data: ')) message.data = JSON.parse(line.slice(6));
        }
        // Ticket events are all named `ticket`, announcements `announcement`; their type is in the data. Keep
        // the type for the assertions.
        if (message.event === 'ticket' || message.event === 'announcement')
          message.event = (message.data as { type: string }).type;
        if (message.event) this.events.push(message);
      }
    });
    response.on('close', () => (this.ended = true));
  }

  /** Ticket events only (not ready/reset). */
  get ticketEvents(): SseEvent[] {
    return this.events.filter((e) => e.event?.startsWith('ticket.'));
  }

  waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 5_000): Promise<T> {
    return waitFor(async () => probe(), { timeoutMs, intervalMs: 10, what });
  }

  close(): void {
    this.request.destroy();
  }
}

describe('gateway: the live event stream (Server-Sent Events)', () => {
  let f: GatewayFixture;
  let reporting: RunningService;
  let restarted: RunningService | null = null;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let subjects: Subjects;
  let rpc: RpcClient;
  let operator: string;
  let requester: string;
  let referente: string;
  const clients: SseClient[] = [];

  const url = (base = f.gateway.url) => `${base}/api/v1/events/stream`;
  const open = async (token: string, headers: Record<string, string> = {}, base?: string, query = '') => {
    const client = await SseClient.open(`${url(base)}${query}`, { authorization: `Bearer ${token}`, ...headers });
    clients.push(client);
    return client;
  };
  const ready = (client: SseClient) => client.waitFor(() => client.events.find((e) => e.event === 'ready'), 'ready');

  /** Registers a ticket through the API (intake's outbox publishes ticket.registered). */
  const register = async (requesterEmail: string, jurisdiction = 'SALUD') => {
    const answer = await f.http.send<{ number: number; ticketId: string }>('POST', '/api/v1/tickets', {
      token: f.adminToken,
      json: registration({ requester: { email: requesterEmail, name: 'Persona' }, jurisdiction }),
    });
    expect(answer.status).toBe(201);
    return answer.body;
  };

  /** Publishes a lifecycle event straight to the stream, as resolution's relay would. */
  const publish = async (type: string, ticket: { number: number; ticketId: string }, extra = {}) => {
    const by = { accountId: randomUUID(), name: 'Ana Agente', role: 'agent' };
    const base = { ticketId: ticket.ticketId, number: ticket.number, by, at: new Date().toISOString(), area: 'L1' };
    const data: Record<string, unknown> = {
      'ticket.taken': { ...base, status: 'en_curso', assignee: by },
      'ticket.work-logged': { ...base, status: 'en_curso', description: 'Revisé el equipo', minutes: 10 },
      'ticket.commented': {
        ...base,
        status: 'en_curso',
        commentId: randomUUID(),
        text: 'Texto',
        channel: 'portal',
        reopens: false,
      },
      'ticket.estimated': { ...base, status: 'en_curso', minutes: 30 },
    }[type] as Record<string, unknown>;
    const id = randomUUID();
    const h = natsHeaders();
    h.set('Nats-Msg-Id', id);
    const ack = await js.publish(
      subjects.event(type, 'L1'),
      JSON.stringify({
        id,
        type,
        version: 1,
        occurredAt: new Date().toISOString(),
        ticketId: ticket.ticketId,
        source: 'resolution',
        sequence: Date.now(),
        correlationId: randomUUID(),
        causationId: null,
        data: { ...data, ...extra },
      }),
      { headers: h },
    );
    return { seq: ack.seq, at: Date.now() };
  };

  /** Publishes one of inventory's field events on a ticket, as inventory's relay would (payload by `ticketNumber`). */
  const publishField = async (
    type: string,
    ticket: { number: number; ticketId: string },
    data: Record<string, unknown>,
  ) => {
    const id = randomUUID();
    const h = natsHeaders();
    h.set('Nats-Msg-Id', id);
    const ack = await js.publish(
      subjects.event(type),
      JSON.stringify({
        id,
        type,
        version: 1,
        occurredAt: new Date().toISOString(),
        ticketId: ticket.ticketId,
        source: 'inventory',
        sequence: Date.now(),
        correlationId: randomUUID(),
        causationId: null,
        data: { ticketNumber: ticket.number, ...data },
      }),
      { headers: h },
    );
    return { seq: ack.seq };
  };

  /** Publishes an announcement event to the stream, as notifications' relay would. */
  const publishAnnouncement = async (type: string, data: Record<string, unknown>) => {
    const id = randomUUID();
    const h = natsHeaders();
    h.set('Nats-Msg-Id', id);
    const ack = await js.publish(
      subjects.event(type),
      JSON.stringify({
        id,
        type,
        version: 1,
        occurredAt: new Date().toISOString(),
        ticketId: null,
        source: 'notifications',
        sequence: Date.now(),
        correlationId: randomUUID(),
        causationId: null,
        data,
      }),
      { headers: h },
    );
    return { seq: ack.seq };
  };
  const announcement = (id: string, jurisdictions: string[]) => ({
    id,
    kind: 'planned-outage',
    title: 'Corte del correo',
    body: 'El sábado no habrá correo.',
    language: 'es',
    audience: jurisdictions.length > 0 ? 'jurisdictions' : 'everyone',
    jurisdictions,
    validFrom: new Date().toISOString(),
    validUntil: null,
    sendMail: false,
  });

  const accountToken = async (email: string, role: string, extra: Record<string, string> = {}) => {
    const answer = await f.http.send('POST', '/api/v1/accounts', {
      token: f.adminToken,
      json: { email, name: `Cuenta ${role}`, password: PASSWORD, role, ...extra },
    });
    expect(answer.status).toBe(201);
    return f.http.token(email, PASSWORD);
  };

  beforeAll(async () => {
    f = await startGateway('gwlive', {
      intake: true,
      env: {
        LIVE_STREAMS_PER_ACCOUNT: '3',
        LIVE_HEARTBEAT_SECONDS: '1',
        LIVE_RECHECK_SECONDS: '1',
        LIVE_MAX_REPLAY_EVENTS: '200',
      },
    });
    reporting = await startService(reportingService, { ...f.env, REPORTING_PORT: '0' });
    nc = await connect({ servers: f.env.NATS_URL });
    js = jetstream(nc);
    subjects = new Subjects(messagingConfigFromEnv(f.env));
    rpc = new RpcClient(nc, subjects, 5_000);
    operator = await accountToken('op@cau.gob', 'operator');
    requester = await accountToken('vecina@salud.gob', 'requester');
    referente = await accountToken('ref@educacion.gob', 'referente', { jurisdiction: 'EDUCACION' });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await nc?.close();
    await restarted?.stop();
    await reporting?.stop();
    await f?.stop();
  });

  it('delivers a ticket event to an open connection within 2 s, as id, event type and a small JSON', async () => {
    const stream = await open(operator);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('content-encoding')).toBeNull();
    await ready(stream);

    const ticket = await register('alguien@salud.gob');
    const registered = await stream.waitFor(
      () => stream.events.find((e) => e.event === 'ticket.registered'),
      'ticket.registered',
      2_000,
    );
    expect(registered.data).toEqual({
      type: 'ticket.registered',
      number: ticket.number,
      at: expect.any(String),
      by: { accountId: expect.any(String), name: 'Admin Pruebas' },
    });
    const published = await publish('ticket.taken', ticket);
    const taken = await stream.waitFor(
      () => stream.events.find((e) => e.event === 'ticket.taken'),
      'ticket.taken',
      2_000,
    );
    expect(Date.now() - published.at).toBeLessThan(2_000);
    expect(taken).toEqual({
      id: String(published.seq),
      event: 'ticket.taken',
      data: {
        type: 'ticket.taken',
        number: ticket.number,
        area: 'L1',
        status: 'en_curso',
        at: expect.any(String),
        by: { accountId: expect.any(String), name: 'Ana Agente' },
      },
    });
    // The heartbeat comes every second here (LIVE_HEARTBEAT_SECONDS=1).
    await stream.waitFor(() => stream.comments.includes('heartbeat'), 'a heartbeat', 3_000);
    stream.close();
  });

  it("tells a requester about their own tickets' public steps only, and a referente about their jurisdiction's", async () => {
    const own = await register('Vecina@Salud.gob');
    const other = await register('otra@salud.gob');
    const educacion = await register('docente@educacion.gob', 'EDUCACION');
    const mine = await open(requester);
    const jurisdiction = await open(referente);
    await Promise.all([ready(mine), ready(jurisdiction)]);

    const newOwn = await register('vecina@salud.gob');
    // Intake's relay publishes the registration a moment after answering: let it reach the stream first.
    await mine.waitFor(() => mine.events.some((e) => e.event === 'ticket.registered'), 'the registration');
    await publish('ticket.taken', own);
    await publish('ticket.taken', other);
    await publish('ticket.work-logged', own);
    await publish('ticket.commented', own, { internal: true });
    await publish('ticket.taken', educacion);
    await publish('ticket.commented', own);
    const last = await publish('ticket.estimated', newOwn);
    await mine.waitFor(() => mine.events.some((e) => e.id === String(last.seq)), 'the last own event');
    expect(mine.ticketEvents.map((e) => [e.event, (e.data as { number: number }).number])).toEqual([
      ['ticket.registered', newOwn.number],
      ['ticket.taken', own.number],
      ['ticket.commented', own.number],
      ['ticket.estimated', newOwn.number],
    ]);

    const marker = await publish('ticket.estimated', educacion);
    await jurisdiction.waitFor(() => jurisdiction.events.some((e) => e.id === String(marker.seq)), 'the marker');
    expect(jurisdiction.ticketEvents.map((e) => [e.event, (e.data as { number: number }).number])).toEqual([
      ['ticket.taken', educacion.number],
      ['ticket.estimated', educacion.number],
    ]);
    mine.close();
    jurisdiction.close();
  });

  it('tells a requester of the field work on their own tickets only, as the bare fact; staff hear all of it', async () => {
    const own = await register('vecina@salud.gob');
    const other = await register('otra.persona@salud.gob');
    const mine = await open(requester);
    const staff = await open(operator);
    await Promise.all([ready(mine), ready(staff)]);

    // Whatever a field event carries (a contractor's technician, the company's report number, the work
    // done, a staff member who recorded it), a requester is sent only its type, ticket and moment.
    const privateVisit = {
      visitId: randomUUID(),
      visitorKind: 'contractor',
      plannedFor: new Date().toISOString(),
      arrivedAt: new Date().toISOString(),
      departedAt: new Date().toISOString(),
      technician: 'Luis Técnico',
      reportNumber: 'ST-7781',
      workDone: 'Nota privada del técnico',
      by: { accountId: randomUUID(), name: 'Ana Agente' },
      status: 'en_curso',
      area: 'L2',
    };
    const field = (e: SseEvent) => e.event !== 'ready' && e.event !== 'reset';
    await publishField('field-visit.planned', own, privateVisit);
    await publishField('field-visit.recorded', other, privateVisit);
    await publishField('field-visit.recorded', own, privateVisit);
    await publishField('equipment.repair-out', own, { repairId: randomUUID(), equipmentId: randomUUID() });
    await publishField('equipment.ticket-linked', other, { equipmentId: randomUUID() });
    const last = await publishField('field.signed-off', own, { conforme: true, signedAt: new Date().toISOString() });
    await mine.waitFor(() => mine.events.some((e) => e.id === String(last.seq)), 'the sign-off');
    await staff.waitFor(() => staff.events.some((e) => e.id === String(last.seq)), 'the sign-off (staff)');

    const heard = mine.events.filter(field);
    expect(heard.map((e) => [e.event, (e.data as { number: number }).number])).toEqual([
      ['field-visit.planned', own.number],
      ['field-visit.recorded', own.number],
      ['equipment.repair-out', own.number],
      ['field.signed-off', own.number],
    ]);
    for (const event of heard) {
      expect(Object.keys(event.data as object).sort()).toEqual(['at', 'number', 'type']);
    }
    const sent = JSON.stringify(heard);
    for (const secret of ['Luis', 'ST-7781', 'privada', 'Ana Agente', 'L2']) expect(sent).not.toContain(secret);

    // Staff hear every ticket's field work, whole (the workspace's field sections refresh on it).
    const staffHeard = staff.events.filter((e) => field(e) && e.event !== 'ticket.registered');
    expect(staffHeard.map((e) => [e.event, (e.data as { number: number }).number])).toEqual([
      ['field-visit.planned', own.number],
      ['field-visit.recorded', other.number],
      ['field-visit.recorded', own.number],
      ['equipment.repair-out', own.number],
      ['equipment.ticket-linked', other.number],
      ['field.signed-off', own.number],
    ]);
    expect(staffHeard[0]!.data).toMatchObject({ by: { name: 'Ana Agente' }, area: 'L2' });
    mine.close();
    staff.close();
  });

  it('tells each person of the announcements for them: everyone, or staff and the jurisdictions named', async () => {
    // The requester's jurisdiction is their latest ticket's (notifications' rule): Vecina's is SALUD, and this
    // requester's EDUCACION, asked of reporting once the first announcement for some jurisdictions comes by.
    const teacher = await accountToken('maestra@educacion.gob', 'requester');
    await register('vecina@salud.gob');
    const teachers = await register('maestra@educacion.gob', 'EDUCACION');
    await waitFor(
      async () => (await f.http.send('GET', `/api/v1/tickets/${teachers.number}`, { token: teacher })).status === 200,
      { what: 'reporting to show the teacher her ticket' },
    );
    const [vecina, maestra, ref, staff] = await Promise.all([
      open(requester),
      open(teacher),
      open(referente),
      open(operator),
    ]);
    await Promise.all([vecina, maestra, ref, staff].map(ready));

    const moved = randomUUID();
    const forAll = randomUUID();
    await publishAnnouncement('announcement.published', announcement(moved, ['EDUCACION']));
    await publishAnnouncement('announcement.published', announcement(forAll, []));
    // Moved to SALUD: EDUCACION still shows it and must hear of the change too.
    await publishAnnouncement('announcement.updated', announcement(moved, ['SALUD']));
    const last = await publishAnnouncement('announcement.withdrawn', { id: moved });

    const heard = (client: SseClient) =>
      client.events
        .filter((e) => e.event?.startsWith('announcement.'))
        .map((e) => [e.event, (e.data as { id: string }).id]);
    // Once moved, EDUCACION no longer shows it: the withdrawal is SALUD's (and staff's) news only.
    for (const client of [vecina, staff]) {
      await client.waitFor(() => client.events.some((e) => e.id === String(last.seq)), 'the withdrawal');
    }
    const [firstPublished, forAllPublished, edited, withdrawn] = [
      ['announcement.published', moved],
      ['announcement.published', forAll],
      ['announcement.updated', moved],
      ['announcement.withdrawn', moved],
    ];
    expect(heard(staff)).toEqual([firstPublished, forAllPublished, edited, withdrawn]);
    expect(heard(vecina)).toEqual([forAllPublished, edited, withdrawn]);
    // Their jurisdiction is asked of reporting first, so their streams may be behind the others': each has heard
    // all it should once it has heard the edit (its last), and the withdrawal would have followed it in order.
    for (const client of [maestra, ref]) {
      await client.waitFor(() => heard(client).some(([event]) => event === 'announcement.updated'), 'the edit');
    }
    expect(heard(maestra)).toEqual([firstPublished, forAllPublished, edited]);
    expect(heard(ref)).toEqual([firstPublished, forAllPublished, edited]);
    // A hint to read again, never the announcement itself.
    const published = staff.events.find((e) => e.event === 'announcement.published')!;
    expect(published.data).toEqual({ type: 'announcement.published', id: moved, at: expect.any(String) });

    // An announcement for EDUCACION alone now passes Vecina by; the teacher hears it.
    const educacion = randomUUID();
    const marker = await publishAnnouncement('announcement.published', announcement(educacion, ['EDUCACION']));
    await maestra.waitFor(() => maestra.events.some((e) => e.id === String(marker.seq)), 'the EDUCACION one');
    const later = randomUUID();
    const after = await publishAnnouncement('announcement.published', announcement(later, []));
    await vecina.waitFor(() => vecina.events.some((e) => e.id === String(after.seq)), 'a later one for everyone');
    expect(heard(vecina)).toEqual([forAllPublished, edited, withdrawn, ['announcement.published', later]]);
    for (const client of [vecina, maestra, ref, staff]) client.close();
  });

  it('works with the portal session cookie, without the CSRF header', async () => {
    const login = await f.http.send('POST', '/api/v1/auth/session', {
      json: { email: 'op@cau.gob', password: PASSWORD },
      headers: { 'x-cau-requested-with': 'portal', origin: f.gateway.url },
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const stream = await SseClient.open(url(), { cookie });
    clients.push(stream);
    expect(stream.status).toBe(200);
    await ready(stream);
    // Ended when the session is: the stream checks every LIVE_RECHECK_SECONDS (1 s here).
    await f.http.send('DELETE', '/api/v1/auth/session', {
      headers: { cookie, 'x-cau-requested-with': 'portal', origin: f.gateway.url },
    });
    await stream.waitFor(() => stream.ended, 'the stream to end with its session', 5_000);
  });

  it('limits open streams per account (429), and frees a slot when a client goes', async () => {
    const live = f.gateway.app.get(LiveStreamService);
    const before = live.openCount;
    const held = [await open(operator), await open(operator), await open(operator)];
    await Promise.all(held.map(ready));
    const refused = await open(operator);
    expect(refused.status).toBe(429);
    expect(refused.errorBody).toMatchObject({ code: 'TOO_MANY_STREAMS', statusCode: 429 });
    expect(refused.errorBody?.message).toContain('3');
    held[0]!.close();
    await waitFor(async () => live.openCount === before + 2, { what: 'the connection to be cleaned up' });
    const again = await open(operator);
    expect(again.status).toBe(200);
    for (const client of [...held, again]) client.close();
    await waitFor(async () => live.openCount === before, { what: 'every connection to be cleaned up' });
  });

  it('names a bad Last-Event-ID (header or query) in a 400', async () => {
    const badHeader = await open(operator, { 'last-event-id': 'abc' });
    expect(badHeader.status).toBe(400);
    expect(badHeader.errorBody?.fields?.map((p) => p.field)).toEqual(['Last-Event-ID']);
    const badQuery = await open(operator, {}, undefined, '?lastEventId=-1');
    expect(badQuery.status).toBe(400);
    expect(badQuery.errorBody?.fields?.map((p) => p.field)).toEqual(['lastEventId']);
    const unauthenticated = await SseClient.open(url(), {});
    expect(unauthenticated.status).toBe(401);
  });

  it('never uses a durable consumer: the services keep theirs, the gateway reads with ordered ones', async () => {
    const jsm = await jetstreamManager(nc);
    const durables: string[] = [];
    for await (const consumer of jsm.consumers.list(messagingConfigFromEnv(f.env).eventsStream)) {
      if (consumer.config.durable_name) durables.push(consumer.config.durable_name);
    }
    // The platform here runs intake (whose consumer follows finished tickets for monitoring alerts), reporting
    // and the gateway: every durable is one of the two services'.
    expect(durables.some((name) => name.startsWith('reporting'))).toBe(true);
    expect(durables.filter((name) => !/^(reporting|intake)\b/.test(name))).toEqual([]);
  });

  it('resumes from Last-Event-ID after a gateway restart, delivering what was missed, or asks for a refetch', async () => {
    const staffStream = await open(operator);
    const requesterStream = await open(requester);
    await Promise.all([ready(staffStream), ready(requesterStream)]);
    const own = await register('vecina@salud.gob');
    // Its registration reaches the stream through intake's outbox: on a busy machine after what the test publishes
    // next, and it would then be one more event missed.
    await staffStream.waitFor(
      () =>
        staffStream.ticketEvents.some(
          (e) => e.event === 'ticket.registered' && (e.data as { number: number }).number === own.number,
        ),
      'its registration',
    );
    const seen = await publish('ticket.taken', own);
    await staffStream.waitFor(() => staffStream.events.some((e) => e.id === String(seen.seq)), 'the first event');
    await requesterStream.waitFor(() => requesterStream.events.some((e) => e.id === String(seen.seq)), 'it too');

    await f.gateway.stop();
    await staffStream.waitFor(() => staffStream.ended, 'the stream to end with the gateway');
    // Missed while no gateway runs: a ticket of the requester registered (intake) and steps on it.
    const jsm = await jetstreamManager(nc);
    const stream = messagingConfigFromEnv(f.env).eventsStream;
    const before = (await jsm.streams.info(stream)).state.last_seq;
    const missedTicket = await rpc.request(IntakeRpc.RegisterTicket, {
      actor: { accountId: randomUUID(), role: 'operator', email: 'op@cau.gob', name: 'Operadora' },
      payload: {
        channel: 'telefono',
        requester: { email: 'vecina@salud.gob', name: 'Vecina' },
        jurisdiction: 'SALUD',
        title: 'La impresora no imprime',
        description: 'Desde esta mañana la impresora del segundo piso no imprime.',
        type: 'incidente',
        category: 'impresoras',
        impact: 'medio',
        urgency: 'alta',
      },
    });
    await waitFor(async () => (await jsm.streams.info(stream)).state.last_seq > before, { what: 'the registration' });
    const missed = [await publish('ticket.commented', own), await publish('ticket.estimated', missedTicket)];
    restarted = await startService(createGatewayService(f.env), f.env);

    const staffAgain = await open(operator, { 'last-event-id': String(seen.seq) }, restarted.url);
    const replayed = await staffAgain.waitFor(
      () => (staffAgain.events.some((e) => e.event === 'ready') ? staffAgain.ticketEvents : null),
      'the replay',
    );
    expect(replayed.map((e) => e.event)).toEqual(['ticket.registered', 'ticket.commented', 'ticket.estimated']);
    expect(replayed.slice(1).map((e) => e.id)).toEqual(missed.map((m) => String(m.seq)));
    const readyEvent = staffAgain.events.find((e) => e.event === 'ready')!;
    expect(Number(readyEvent.id)).toBeGreaterThanOrEqual(missed[1]!.seq);

    // The requester's browser reconnects the same way (here with the query form): the new gateway knows
    // none of the tickets, learns the new one from its registration and asks reporting about the older one.
    const requesterAgain = await open(requester, {}, restarted.url, `?lastEventId=${seen.seq}`);
    const theirs = await requesterAgain.waitFor(
      () => (requesterAgain.events.some((e) => e.event === 'ready') ? requesterAgain.ticketEvents : null),
      "the requester's replay",
    );
    expect(theirs.map((e) => [e.event, (e.data as { number: number }).number])).toEqual([
      ['ticket.registered', missedTicket.number],
      ['ticket.commented', own.number],
      ['ticket.estimated', missedTicket.number],
    ]);
    // Live again after the replay, on the new gateway.
    const after = await publish('ticket.taken', own);
    await requesterAgain.waitFor(() => requesterAgain.events.some((e) => e.id === String(after.seq)), 'a live event');

    // Too far behind (LIVE_MAX_REPLAY_EVENTS=200 here) or an id this stream never had: refetch everything.
    for (let i = 0; i < 201; i++) await publish('ticket.estimated', own);
    const tooOld = await open(operator, { 'last-event-id': String(seen.seq) }, restarted.url);
    const reset = await tooOld.waitFor(() => tooOld.events.find((e) => e.event === 'reset'), 'reset');
    expect(reset.data).toEqual({ reason: 'too-old', lastEventId: Number(reset.id) });
    const unknown = await open(operator, { 'last-event-id': '999999999' }, restarted.url);
    const resetUnknown = await unknown.waitFor(() => unknown.events.find((e) => e.event === 'reset'), 'reset');
    expect(resetUnknown.data).toMatchObject({ reason: 'unknown-id' });
    for (const client of [staffAgain, requesterAgain, tooOld, unknown]) client.close();
  });
});
