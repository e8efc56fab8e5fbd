import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { ROLES, ResolutionRpc, Role, RoutingRpc, forArea, type AreaRpcDefinition } from '@cau/contracts';
import { messagingConfigFromEnv } from '@cau/messaging';
import { startGateway, type Answer, type GatewayFixture } from './gateway-fixture.js';

const TIMEOUT_MS = 1_000;
const { Requester, Referente, Operator, Agent, Supervisor, Admin } = Role;
const STAFF = [Operator, Agent, Supervisor, Admin];

/** Where the fake routing says each ticket is; other numbers do not exist. Nobody serves ADT here. */
const AREA_OF_TICKET: Record<number, string> = { 7: 'UIT', 12: 'L1', 30: 'ADT' };
const SERVED_SUBJECTS = ['routing.>', 'resolution.UIT.>', 'resolution.L1.>', 'resolution.ticket.>', 'resolution.sla.>'];

interface Endpoint {
  method: 'GET' | 'POST' | 'PUT';
  /** As documented in OpenAPI; requests use ticket 7 (in UIT) and area UIT. */
  path: string;
  roles: Role[];
  body?: Record<string, unknown>;
  status: number;
  /** The commands the gateway must send, in order, each without its actor. */
  sends: Array<[string, Record<string, unknown>]>;
  /** Answers of commands whose reply the gateway reads before its last one (what an audit row keeps as "before"). */
  answers?: Record<string, unknown>;
}

const locate: [string, Record<string, unknown>] = [RoutingRpc.Locate.subject, { number: 7 }];

/** A resolution action: routing is asked where ticket 7 is (UIT), then UIT's instances get the command. */
function action(
  path: string,
  command: AreaRpcDefinition<object, unknown>,
  roles: Role[],
  body?: Record<string, unknown>,
): Endpoint {
  return {
    method: 'POST',
    path: `/api/v1/tickets/{number}/${path}`,
    roles,
    ...(body ? { body } : {}),
    status: 200,
    sends: [locate, [forArea(command, 'UIT').subject, body ? { number: 7, body } : { number: 7 }]],
  };
}

const graph = {
  edges: [
    { from: 'L1', to: 'UIT', kind: 'escalate' },
    { from: 'UIT', to: 'L1', kind: 'return' },
  ],
  areas: [
    { code: 'L1', name: 'Mesa de Servicios' },
    { code: 'UIT', name: 'Infraestructura' },
  ],
};
const policies = [
  { priority: 'ALTA', responseMinutes: 30, resolutionMinutes: 240 },
  { priority: 'BAJA', responseMinutes: 480, resolutionMinutes: 4_800 },
];
const derivation = { to: 'UPAT', reason: 'Requiere un cambio en el sistema de expedientes', kind: 'escalate' };
const reclassification = { type: 'incidente_seguridad', impact: 'alto', reason: 'Phishing dirigido' };

/** Every procedure endpoint with the roles the brief allows, written out rather than read from the code. */
const ENDPOINTS: Endpoint[] = [
  action('take', ResolutionRpc.Take, [Operator, Agent, Supervisor, Admin]),
  action('assign', ResolutionRpc.Assign, [Operator, Agent, Supervisor, Admin], {
    assigneeId: '7d1f3c1e-2a8b-4c4d-9e0f-1a2b3c4d5e6f',
    assigneeName: 'Ana Agente',
  }),
  action('estimates', ResolutionRpc.Estimate, [Agent, Operator, Supervisor, Admin], {
    minutes: 90,
    note: 'Cambio de fuente',
  }),
  action('worklogs', ResolutionRpc.LogWork, [Agent, Operator, Supervisor, Admin], {
    description: 'Se reemplazó la fuente',
    minutes: 45,
  }),
  action('solution', ResolutionRpc.RegisterSolution, [Agent, Operator, Supervisor, Admin], {
    solution: 'Fuente de alimentación reemplazada',
    elements: 'Impresora del segundo piso',
    downtimeMinutes: 120,
  }),
  action('submit', ResolutionRpc.Submit, [Operator, Supervisor, Admin], {
    verifiedWithRequester: true,
    articleRef: 'KB-12',
  }),
  action('review', ResolutionRpc.Review, [Supervisor, Admin], {
    decision: 'reject',
    observations: 'Falta el número de serie',
  }),
  action('reopen', ResolutionRpc.Reopen, [Requester, Referente, Operator, Supervisor, Admin], {
    reason: 'Sigue sin imprimir',
  }),
  action('wait', ResolutionRpc.WaitRequester, [Operator, Agent, Supervisor, Admin], {
    reason: 'Se pidió el número de serie',
  }),
  action('resume', ResolutionRpc.Resume, [Operator, Agent, Supervisor, Admin]),
  action('survey', ResolutionRpc.Survey, [Requester], {
    satisfaction: 'satisfecho',
    score: 5,
    comment: 'Rápido y claro',
  }),
  action('comments', ResolutionRpc.Comment, [Requester, Referente, Operator, Agent, Supervisor, Admin], {
    text: 'Sigue sin imprimir',
  }),
  action('acceptance', ResolutionRpc.Accept, [Requester, Referente], { comment: 'Ya imprime' }),
  {
    method: 'POST',
    path: '/api/v1/tickets/{number}/derivations',
    roles: [Operator, Agent, Supervisor, Admin],
    body: derivation,
    status: 201,
    sends: [[RoutingRpc.Derive.subject, { number: 7, body: derivation }]],
  },
  {
    method: 'POST',
    path: '/api/v1/tickets/{number}/classification',
    roles: [Operator, Agent, Supervisor, Admin],
    body: reclassification,
    status: 200,
    sends: [[RoutingRpc.Reclassify.subject, { number: 7, body: reclassification }]],
  },
  {
    method: 'GET',
    path: '/api/v1/tickets/{number}/path',
    roles: STAFF,
    status: 200,
    sends: [[RoutingRpc.Path.subject, { number: 7 }]],
  },
  {
    method: 'GET',
    path: '/api/v1/tickets/{number}/suggestion',
    roles: [Operator, Supervisor, Admin],
    status: 200,
    sends: [[RoutingRpc.Suggest.subject, { number: 7 }]],
  },
  {
    method: 'GET',
    path: '/api/v1/tickets/{number}/closure-report',
    roles: [...ROLES],
    status: 200,
    sends: [[ResolutionRpc.ClosureReport.subject, { number: 7 }]],
  },
  { method: 'GET', path: '/api/v1/areas', roles: STAFF, status: 200, sends: [[RoutingRpc.ListAreas.subject, {}]] },
  {
    method: 'PUT',
    path: '/api/v1/areas/{code}',
    roles: [Admin],
    body: { name: 'Infraestructura y Redes' },
    status: 200,
    // The area as it was is read first, for the audit log.
    answers: { [RoutingRpc.ListAreas.subject]: [{ code: 'UIT', name: 'Infraestructura' }] },
    sends: [
      [RoutingRpc.ListAreas.subject, {}],
      [RoutingRpc.RenameArea.subject, { code: 'UIT', name: 'Infraestructura y Redes' }],
    ],
  },
  {
    method: 'GET',
    path: '/api/v1/routing/graph',
    roles: STAFF,
    status: 200,
    sends: [[RoutingRpc.GetGraph.subject, {}]],
  },
  {
    method: 'PUT',
    path: '/api/v1/routing/graph',
    roles: [Admin],
    body: graph,
    status: 200,
    sends: [
      [RoutingRpc.GetGraph.subject, {}],
      [RoutingRpc.ReplaceGraph.subject, graph],
    ],
  },
  {
    method: 'GET',
    path: '/api/v1/sla/policies',
    roles: STAFF,
    status: 200,
    sends: [[ResolutionRpc.SlaPolicies.subject, {}]],
  },
  {
    method: 'PUT',
    path: '/api/v1/sla/policies',
    roles: [Admin],
    body: { policies },
    status: 200,
    sends: [
      [ResolutionRpc.SlaPolicies.subject, {}],
      [ResolutionRpc.ReplaceSlaPolicies.subject, { policies }],
    ],
  },
];

const urlOf = (path: string, number: number | string = 7): string =>
  path.replace('{number}', String(number)).replace('{code}', 'UIT');

interface Sent {
  name: string;
  data: Record<string, unknown>;
}
interface Reply {
  response?: unknown;
  err?: unknown;
}

describe('gateway: procedure endpoints', () => {
  let f: GatewayFixture;
  let nc: NatsConnection;
  const tokens = {} as Record<Role, string>;
  const sent: Sent[] = [];
  /**
   * Per-test answers by command name (null: no reply at all); otherwise Locate answers from
   * AREA_OF_TICKET and every other command echoes its name.
   */
  const overrides = new Map<string, (data: Record<string, unknown>) => Reply | null>();

  const answer = (name: string, data: Record<string, unknown>): Reply | null => {
    const override = overrides.get(name);
    if (override) return override(data);
    if (name !== RoutingRpc.Locate.subject) return { response: { answeredBy: name } };
    const number = data.number as number;
    const area = AREA_OF_TICKET[number];
    return area
      ? { response: { ticketId: '0b6f2f7a-4a59-4f4e-9a3c-5d1e8f0a9b2c', number, area, priority: 'MEDIA' } }
      : { err: { code: 'NOT_FOUND', params: { resource: 'ticket', id: String(number) } } };
  };

  const request = (
    method: string,
    path: string,
    role: Role,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> =>
    f.http.send(method, path, { token: tokens[role], headers, ...(body !== undefined ? { json: body } : {}) });

  beforeAll(async () => {
    f = await startGateway('gwprocedures', { env: { NATS_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } });
    nc = await connect({ servers: f.infra.env.NATS_URL });
    const prefix = messagingConfigFromEnv(f.infra.env).subjectPrefix;
    // Answers like a Nest @MessagePattern handler would, so the gateway's RpcClient reads it as usual.
    const serve = (_error: unknown, msg: Msg): void => {
      const { id, data } = msg.json<{ id: string; data: Record<string, unknown> }>();
      const name = msg.subject.slice(prefix.length + 1);
      sent.push({ name, data });
      const reply = answer(name, data);
      if (reply) msg.respond(JSON.stringify({ id, isDisposed: true, ...reply }));
    };
    for (const subject of SERVED_SUBJECTS) nc.subscribe(`${prefix}.${subject}`, { callback: serve });
    await nc.flush();
    tokens[Admin] = f.adminToken;
    const accounts: Array<{ role: Role; jurisdiction?: string; area?: string }> = [
      { role: Requester },
      { role: Referente, jurisdiction: 'SALUD' },
      { role: Operator },
      { role: Agent, area: 'UIT' },
      { role: Supervisor },
    ];
    for (const account of accounts) {
      tokens[account.role] = await f.http.account(f.adminToken, { email: `${account.role}@cau.test`, ...account });
    }
  });

  beforeEach(() => {
    sent.length = 0;
    overrides.clear();
  });

  afterAll(async () => {
    await nc?.close();
    await f?.stop();
  });

  describe('what each endpoint sends', () => {
    it.each(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e] as const))(
      '%s sends its commands with the actor and answers as the service did',
      async (_name, endpoint) => {
        const role = endpoint.roles.includes(Admin) ? Admin : endpoint.roles[0]!;
        for (const [name, response] of Object.entries(endpoint.answers ?? {}))
          overrides.set(name, () => ({ response }));
        const answer = await request(endpoint.method, urlOf(endpoint.path), role, endpoint.body);
        expect(answer.status).toBe(endpoint.status);
        const last = endpoint.sends[endpoint.sends.length - 1]![0];
        expect(answer.body).toEqual({ answeredBy: last });
        const actor = expect.objectContaining({ role, email: role === Admin ? 'admin@cau.test' : `${role}@cau.test` });
        expect(sent).toEqual(endpoint.sends.map(([name, data]) => ({ name, data: { actor, ...data } })));
      },
    );

    it('sends a resolution command to the area routing says the ticket is in', async () => {
      const answer = await request('POST', '/api/v1/tickets/12/take', Agent);
      expect(answer.status).toBe(200);
      expect(sent.map((s) => s.name)).toEqual([RoutingRpc.Locate.subject, 'resolution.L1.ticket.take.v1']);
      expect(sent[1]!.data).toEqual({
        actor: expect.objectContaining({ role: Agent, area: 'UIT', name: 'Cuenta agent' }),
        number: 12,
      });
    });

    it("passes the resolution service's answer through unchanged", async () => {
      const state = {
        number: 7,
        status: 'en_curso',
        area: 'UIT',
        assignee: { accountId: '7d1f3c1e-2a8b-4c4d-9e0f-1a2b3c4d5e6f', name: 'Cuenta agent' },
        overdue: false,
        waitingOnRequester: false,
      };
      overrides.set(forArea(ResolutionRpc.Take, 'UIT').subject, () => ({ response: state }));
      const answer = await request('POST', '/api/v1/tickets/7/take', Agent);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(state);
    });

    it('answers the suggestion as routing gives it, null included', async () => {
      overrides.set(RoutingRpc.Suggest.subject, () => ({ response: { suggestion: null } }));
      const answer = await request('GET', '/api/v1/tickets/7/suggestion', Operator);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ suggestion: null });
    });
  });

  describe('roles', () => {
    it.each(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e] as const))(
      '%s: refused with 403 to every other role, before anything is sent',
      async (_name, endpoint) => {
        for (const [name, response] of Object.entries(endpoint.answers ?? {}))
          overrides.set(name, () => ({ response }));
        for (const role of ROLES) {
          sent.length = 0;
          const answer = await request(endpoint.method, urlOf(endpoint.path), role, endpoint.body);
          if (endpoint.roles.includes(role)) {
            expect([role, answer.status]).toEqual([role, endpoint.status]);
          } else {
            expect([role, answer.status, answer.body.code]).toEqual([role, 403, 'FORBIDDEN']);
            expect(sent).toEqual([]);
          }
        }
      },
    );

    it.each([
      [Operator, 'review', { decision: 'approve' }, 'se requiere uno de los roles supervisor, admin'],
      [Agent, 'survey', { satisfaction: 'regular' }, 'se requiere el rol requester'],
      [Requester, 'take', undefined, 'se requiere uno de los roles operator, agent, supervisor, admin'],
    ] as const)('%s → %s is 403 naming the roles required', async (role, path, body, reason) => {
      const answer = await request('POST', `/api/v1/tickets/7/${path}`, role, body);
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe(`No tiene permiso para esta operación: ${reason}.`);
    });
  });

  describe('validation, before anything is sent', () => {
    afterEach(() => {
      expect(sent).toEqual([]);
    });

    it.each([
      [
        'a missing reason',
        Admin,
        'POST /api/v1/tickets/7/reopen',
        {},
        'reason',
        'El campo «reason» es obligatorio.',
        "Field 'reason' is required.",
      ],
      [
        'an unknown field',
        Admin,
        'POST /api/v1/tickets/7/wait',
        { reason: 'Sin respuesta', urgente: true },
        'urgente',
        'El campo «urgente» no está permitido.',
        "Field 'urgente' is not allowed.",
      ],
      [
        'satisfaction "feliz"',
        Requester,
        'POST /api/v1/tickets/7/survey',
        { satisfaction: 'feliz' },
        'satisfaction',
        'El campo «satisfaction» debe ser uno de: satisfecho, regular, insatisfecho.',
        "Field 'satisfaction' must be one of: satisfecho, regular, insatisfecho.",
      ],
      [
        'score 6',
        Requester,
        'POST /api/v1/tickets/7/survey',
        { satisfaction: 'regular', score: 6 },
        'score',
        'El campo «score» debe ser menor o igual que 5.',
        "Field 'score' must be at most 5.",
      ],
      [
        'an estimate of 0 minutes',
        Agent,
        'POST /api/v1/tickets/7/estimates',
        { minutes: 0 },
        'minutes',
        'El campo «minutes» debe ser mayor o igual que 1.',
        "Field 'minutes' must be at least 1.",
      ],
      [
        'work of 0 minutes',
        Agent,
        'POST /api/v1/tickets/7/worklogs',
        { description: 'Revisión', minutes: 0 },
        'minutes',
        'El campo «minutes» debe ser mayor o igual que 1.',
        "Field 'minutes' must be at least 1.",
      ],
      [
        'an unknown review decision',
        Supervisor,
        'POST /api/v1/tickets/7/review',
        { decision: 'quizas' },
        'decision',
        'El campo «decision» debe ser uno de: approve, reject.',
        "Field 'decision' must be one of: approve, reject.",
      ],
      [
        'an assignee that is not a UUID',
        Operator,
        'POST /api/v1/tickets/7/assign',
        { assigneeId: '42', assigneeName: 'Ana' },
        'assigneeId',
        'El campo «assigneeId» debe ser un UUID.',
        "Field 'assigneeId' must be a UUID.",
      ],
      [
        'a lower-case area code',
        Operator,
        'POST /api/v1/tickets/7/derivations',
        { to: 'uit', reason: 'Caída del servidor' },
        'to',
        'El campo «to» no tiene el formato esperado.',
        "Field 'to' does not have the expected format.",
      ],
      [
        'a ticket number that is not a number',
        Admin,
        'POST /api/v1/tickets/abc/take',
        undefined,
        'number',
        'El campo «number» debe ser un número entero.',
        "Field 'number' must be an integer.",
      ],
      [
        'ticket number 0',
        Admin,
        'GET /api/v1/tickets/0/path',
        undefined,
        'number',
        'El campo «number» debe ser mayor o igual que 1.',
        "Field 'number' must be at least 1.",
      ],
      [
        'a reclassification without a reason',
        Agent,
        'POST /api/v1/tickets/7/classification',
        { impact: 'alto' },
        'reason',
        'El campo «reason» es obligatorio.',
        "Field 'reason' is required.",
      ],
      [
        'an unknown impact',
        Operator,
        'POST /api/v1/tickets/7/classification',
        { impact: 'altisimo', reason: 'Es grave' },
        'impact',
        'El campo «impact» debe ser uno de: alto, medio, bajo.',
        "Field 'impact' must be one of: alto, medio, bajo.",
      ],
      [
        'a blank category',
        Operator,
        'POST /api/v1/tickets/7/classification',
        { category: '  ', reason: 'Es otra' },
        'category',
        'El campo «category» no puede estar vacío.',
        "Field 'category' must not be empty.",
      ],
      [
        'an internal flag that is not a boolean',
        Operator,
        'POST /api/v1/tickets/7/comments',
        { text: 'Nota', internal: 'si' },
        'internal',
        'El campo «internal» debe ser verdadero o falso.',
        "Field 'internal' must be true or false.",
      ],
      [
        'an area code that cannot be one',
        Admin,
        'PUT /api/v1/areas/uit',
        { name: 'Infraestructura' },
        'code',
        'El campo «code» no tiene el formato esperado.',
        "Field 'code' does not have the expected format.",
      ],
      [
        'an area name of spaces',
        Admin,
        'PUT /api/v1/areas/UIT',
        { name: '   ' },
        'name',
        'El campo «name» no tiene el formato esperado.',
        "Field 'name' does not have the expected format.",
      ],
      [
        'an edge of an unknown kind',
        Admin,
        'PUT /api/v1/routing/graph',
        { edges: [{ from: 'L1', to: 'UIT', kind: 'salto' }] },
        'edges.0.kind',
        'El campo «edges.0.kind» debe ser uno de: escalate, coordinate, return.',
        "Field 'edges.0.kind' must be one of: escalate, coordinate, return.",
      ],
      [
        'more than 100 edges',
        Admin,
        'PUT /api/v1/routing/graph',
        { edges: Array.from({ length: 101 }, () => ({ from: 'L1', to: 'UIT', kind: 'escalate' })) },
        'edges',
        'El campo «edges» admite como máximo 100 elementos.',
        "Field 'edges' accepts at most 100 items.",
      ],
      [
        'a graph area with a bad code',
        Admin,
        'PUT /api/v1/routing/graph',
        { edges: [], areas: [{ code: 'l1', name: 'Mesa' }] },
        'areas.0.code',
        'El campo «areas.0.code» no tiene el formato esperado.',
        "Field 'areas.0.code' does not have the expected format.",
      ],
      [
        'a priority given twice',
        Admin,
        'PUT /api/v1/sla/policies',
        { policies: [policies[0], { ...policies[0], resolutionMinutes: 300 }] },
        'policies',
        'El campo «policies» no es válido.',
        "Field 'policies' is not valid.",
      ],
      [
        'an override of an unknown scope',
        Admin,
        'PUT /api/v1/sla/policies',
        {
          policies: [policies[0]],
          overrides: [{ ...policies[0], scope: 'area', code: 'UIT' }],
        },
        'overrides.0.scope',
        'El campo «overrides.0.scope» debe ser uno de: jurisdiction, service.',
        "Field 'overrides.0.scope' must be one of: jurisdiction, service.",
      ],
      [
        'a response target of 0 minutes',
        Admin,
        'PUT /api/v1/sla/policies',
        { policies: [{ ...policies[0], responseMinutes: 0 }] },
        'policies.0.responseMinutes',
        'El campo «policies.0.responseMinutes» debe ser mayor o igual que 1.',
        "Field 'policies.0.responseMinutes' must be at least 1.",
      ],
      [
        'an unknown priority',
        Admin,
        'PUT /api/v1/sla/policies',
        { policies: [{ ...policies[0], priority: 'URGENTE' }] },
        'policies.0.priority',
        'El campo «policies.0.priority» debe ser uno de: ALTA, MEDIA, BAJA.',
        "Field 'policies.0.priority' must be one of: ALTA, MEDIA, BAJA.",
      ],
    ] as const)('%s → 400 naming the field in Spanish and English', async (_case, role, route, body, field, es, en) => {
      const [method, path] = route.split(' ') as [string, string];
      const spanish = await request(method, path, role, body);
      expect(spanish.status).toBe(400);
      expect(spanish.body).toMatchObject({ code: 'VALIDATION', fields: [{ field, message: es }] });
      const english = await request(method, path, role, body, { 'accept-language': 'en' });
      expect(english.body.fields).toEqual([{ field, message: en }]);
    });
  });

  describe('answers of the services', () => {
    it('answers 404 when routing does not know the ticket, and sends nothing to resolution', async () => {
      const answer = await request('POST', '/api/v1/tickets/404/reopen', Requester, { reason: 'Sigue igual' });
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'NOT_FOUND', message: 'No existe el ticket «404».' });
      expect(sent.map((s) => s.name)).toEqual([RoutingRpc.Locate.subject]);
    });

    it('answers 503 at once, naming resolution, when no instance serves the ticket area', async () => {
      const started = Date.now();
      const answer = await request('POST', '/api/v1/tickets/30/take', Operator);
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        message: 'El servicio resolution no respondió a tiempo; intente de nuevo en unos segundos.',
      });
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
    });

    it('answers 503 naming routing after the timeout when routing does not reply', async () => {
      overrides.set(RoutingRpc.Locate.subject, () => null);
      const answer = await request('POST', '/api/v1/tickets/7/resume', Operator, undefined, {
        'accept-language': 'en',
      });
      expect(answer.status).toBe(503);
      expect(answer.body.message).toBe('Service routing did not answer in time; try again in a few seconds.');
    });

    it("answers 409 with the service's refusal worded in the caller's language", async () => {
      const conflict = {
        code: 'CONFLICT',
        refusal: {
          code: 'ticket.action-not-possible',
          params: { action: 'submit', status: 'cerrado', allowedFrom: ['en_curso'] },
        },
      };
      overrides.set(forArea(ResolutionRpc.Submit, 'UIT').subject, () => ({ err: conflict }));
      const body = { verifiedWithRequester: true };
      const spanish = await request('POST', '/api/v1/tickets/7/submit', Operator, body);
      expect(spanish.status).toBe(409);
      expect(spanish.body).toMatchObject({
        code: 'CONFLICT',
        message: 'Conflicto: la acción «submit» no es posible con el ticket cerrado (solo en curso).',
      });
      const english = await request('POST', '/api/v1/tickets/7/submit', Operator, body, { 'accept-language': 'en' });
      expect(english.body.message).toBe(
        'Conflict: the action "submit" is not possible with the ticket closed (only in progress).',
      );
    });

    it('names the fields of a service validation error as the client sent them', async () => {
      overrides.set(RoutingRpc.Derive.subject, () => ({
        err: { code: 'VALIDATION', fields: [{ field: 'body.reason', constraint: 'maxLength', params: [2000] }] },
      }));
      const answer = await request('POST', '/api/v1/tickets/7/derivations', Agent, derivation);
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual([
        { field: 'reason', message: 'El campo «reason» admite como máximo 2000 caracteres.' },
      ]);
    });
  });

  describe('internal notes and public replies', () => {
    it.each([Requester, Referente])(
      'refuses an internal note from a %s with 403, before anything is sent',
      async (role) => {
        const answer = await request('POST', '/api/v1/tickets/7/comments', role, { text: 'Secreto', internal: true });
        expect(answer.status).toBe(403);
        expect(answer.body).toMatchObject({
          code: 'FORBIDDEN',
          message:
            'No tiene permiso para esta operación: solo el personal del CAU escribe notas internas; el solicitante y el referente comentan en público.',
        });
        expect(sent).toEqual([]);
      },
    );

    it('lets requesters say internal: false, which is what a comment is anyway', async () => {
      const answer = await request('POST', '/api/v1/tickets/7/comments', Requester, { text: 'Hola', internal: false });
      expect(answer.status).toBe(200);
      expect(sent[1]!.data.body).toEqual({ text: 'Hola', internal: false });
    });

    it.each(STAFF)('passes a note of a %s to resolution as internal', async (role) => {
      const answer = await request('POST', '/api/v1/tickets/7/comments', role, { text: 'Ojo', internal: true });
      expect(answer.status).toBe(200);
      expect(sent.map((s) => [s.name, s.data.body])).toEqual([
        [RoutingRpc.Locate.subject, undefined],
        [forArea(ResolutionRpc.Comment, 'UIT').subject, { text: 'Ojo', internal: true }],
      ]);
    });
  });

  describe('reclassification', () => {
    it('answers routing’s classification', async () => {
      const classification = {
        type: 'incidente_seguridad',
        category: 'correo',
        impact: 'alto',
        urgency: 'media',
        priority: 'ALTA',
      };
      overrides.set(RoutingRpc.Reclassify.subject, () => ({ response: classification }));
      const answer = await request('POST', '/api/v1/tickets/7/classification', Agent, reclassification);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(classification);
    });

    it('answers 400 naming the body when routing finds nothing changes, in Spanish and English', async () => {
      overrides.set(RoutingRpc.Reclassify.subject, () => ({
        err: { code: 'VALIDATION', fields: [{ field: 'body', constraint: 'classificationUnchanged' }] },
      }));
      const body = { impact: 'medio', reason: 'Igual' };
      const spanish = await request('POST', '/api/v1/tickets/7/classification', Operator, body);
      expect(spanish.status).toBe(400);
      expect(spanish.body.fields).toEqual([
        {
          field: 'body',
          message:
            'El campo «body» no cambia la clasificación del ticket: indique al menos un valor distinto del actual en type, category, impact o urgency.',
        },
      ]);
      const english = await request('POST', '/api/v1/tickets/7/classification', Operator, body, {
        'accept-language': 'en',
      });
      expect(english.body.fields).toEqual([
        {
          field: 'body',
          message:
            "Field 'body' does not change the ticket's classification: give at least one of type, category, impact or urgency a value other than the current one.",
        },
      ]);
    });

    it('answers 403 with routing’s reason when the agent’s area does not hold the ticket', async () => {
      const refusal = { code: 'routing.agent-own-area-classify', params: { ownArea: 'UIT', area: 'ADT' } };
      overrides.set(RoutingRpc.Reclassify.subject, () => ({ err: { code: 'FORBIDDEN', refusal } }));
      const answer = await request('POST', '/api/v1/tickets/30/classification', Agent, reclassification);
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe(
        'No tiene permiso para esta operación: un agente solo reclasifica tickets de su área (UIT); este está en ADT.',
      );
    });
  });

  describe('OpenAPI', () => {
    interface Operation {
      description?: string;
      'x-roles'?: string[];
      requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
      responses: Record<string, unknown>;
    }
    interface Schema {
      properties?: Record<string, { items?: { $ref?: string } }>;
    }
    let paths: Record<string, Record<string, Operation>>;
    let schemas: Record<string, Schema>;

    beforeAll(async () => {
      const doc = await f.http.send<{ paths: typeof paths; components: { schemas: typeof schemas } }>(
        'GET',
        '/api/docs-json',
      );
      ({ paths } = doc.body);
      ({ schemas } = doc.body.components);
    });

    it.each(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e] as const))(
      '%s is documented with its roles, body and answer',
      (_name, endpoint) => {
        const operation = paths[endpoint.path]?.[endpoint.method.toLowerCase()];
        expect(operation).toBeDefined();
        expect([...operation!['x-roles']!].sort()).toEqual([...endpoint.roles].sort());
        expect(operation!.description).toContain(`Roles: ${operation!['x-roles']!.join(', ')}.`);
        expect(operation!.responses).toHaveProperty([String(endpoint.status)]);
        expect(operation!.responses).toHaveProperty(['403']);
        const body = operation!.requestBody?.content['application/json']?.schema.$ref;
        expect(body !== undefined).toBe(endpoint.body !== undefined);
      },
    );

    it('describes the items of the configuration lists', () => {
      expect(schemas.ReplaceGraphRequest!.properties!.edges!.items).toEqual({
        $ref: '#/components/schemas/GraphEdgeRequest',
      });
      expect(schemas.ReplaceGraphRequest!.properties!.areas!.items).toEqual({
        $ref: '#/components/schemas/GraphAreaRequest',
      });
      expect(schemas.SlaPolicySetV1!.properties!.policies!.items).toEqual({
        $ref: '#/components/schemas/SlaPolicyV1',
      });
      expect(schemas.SlaPolicySetV1!.properties!.overrides!.items).toEqual({
        $ref: '#/components/schemas/SlaPolicyOverrideV1',
      });
    });
  });
});
