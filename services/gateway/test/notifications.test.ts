import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { NotificationsRpc, ROLES, Role } from '@cau/contracts';
import { messagingConfigFromEnv } from '@cau/messaging';
import { startGateway, type Answer, type GatewayFixture } from './gateway-fixture.js';

const DELIVERY_ID = '3f2b8c1d-5e6a-4b7c-8d9e-0a1b2c3d4e5f';
const { Requester, Supervisor, Admin } = Role;

interface Sent {
  name: string;
  data: Record<string, unknown>;
}
interface Reply {
  response?: unknown;
  err?: unknown;
}

describe('gateway: notification endpoints', () => {
  let f: GatewayFixture;
  let nc: NatsConnection;
  const tokens = {} as Record<Role, string>;
  const sent: Sent[] = [];
  /** Per-test answers by subject; otherwise the fake service echoes the subject it was asked on. */
  const overrides = new Map<string, (data: Record<string, unknown>) => Reply>();

  const request = (method: string, path: string, role: Role, body?: unknown): Promise<Answer> =>
    f.http.send(method, path, { token: tokens[role], ...(body !== undefined ? { json: body } : {}) });

  beforeAll(async () => {
    f = await startGateway('gwnotifications');
    nc = await connect({ servers: f.infra.env.NATS_URL });
    const prefix = messagingConfigFromEnv(f.infra.env).subjectPrefix;
    // Answers like a Nest @MessagePattern handler would, so the gateway's RpcClient reads it as usual.
    const serve = (_error: unknown, msg: Msg): void => {
      const { id, data } = msg.json<{ id: string; data: Record<string, unknown> }>();
      const name = msg.subject.slice(prefix.length + 1);
      sent.push({ name, data });
      const reply = overrides.get(name)?.(data) ?? { response: { answeredBy: name } };
      msg.respond(JSON.stringify({ id, isDisposed: true, ...reply }));
    };
    nc.subscribe(`${prefix}.notifications.>`, { callback: serve });
    await nc.flush();
    tokens[Admin] = f.adminToken;
    for (const role of ROLES.filter((r) => r !== Admin)) {
      tokens[role] = await f.http.account(f.adminToken, {
        email: `${role}@cau.test`,
        role,
        ...(role === Role.Referente ? { jurisdiction: 'SALUD' } : {}),
        ...(role === Role.Agent ? { area: 'UIT' } : {}),
      });
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

  const actorOf = (role: Role): unknown =>
    expect.objectContaining({ role, email: role === Admin ? 'admin@cau.test' : `${role}@cau.test` });

  describe('what each endpoint sends', () => {
    it('lists deliveries with the filters converted and the actor', async () => {
      const answer = await request('GET', '/api/v1/notifications?status=failed&limit=20', Admin);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ answeredBy: NotificationsRpc.ListDeliveries.subject });
      expect(sent).toEqual([
        { name: NotificationsRpc.ListDeliveries.subject, data: { actor: actorOf(Admin), status: 'failed', limit: 20 } },
      ]);
    });

    it('lists deliveries without filters', async () => {
      const answer = await request('GET', '/api/v1/notifications', Admin);
      expect(answer.status).toBe(200);
      expect(sent).toEqual([{ name: NotificationsRpc.ListDeliveries.subject, data: { actor: actorOf(Admin) } }]);
    });

    it("retries a delivery and answers 200 with the service's delivery", async () => {
      const delivery = { id: DELIVERY_ID, status: 'pending', attempts: 0 };
      overrides.set(NotificationsRpc.RetryDelivery.subject, () => ({ response: delivery }));
      const answer = await request('POST', `/api/v1/notifications/${DELIVERY_ID}/retry`, Admin);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(delivery);
      expect(sent).toEqual([
        { name: NotificationsRpc.RetryDelivery.subject, data: { actor: actorOf(Admin), id: DELIVERY_ID } },
      ]);
    });

    it.each(ROLES.map((role) => [role] as const))(
      'sets a preference for %s, keyed on their own account',
      async (role) => {
        const answer = await request('PUT', '/api/v1/notifications/preferences', role, {
          eventType: 'ticket.closed',
          enabled: false,
        });
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ answeredBy: NotificationsRpc.SetPreference.subject });
        expect(sent).toEqual([
          {
            name: NotificationsRpc.SetPreference.subject,
            data: { actor: actorOf(role), eventType: 'ticket.closed', enabled: false },
          },
        ]);
      },
    );
  });

  describe('roles', () => {
    it.each([
      ['GET', '/api/v1/notifications?status=failed'],
      ['POST', `/api/v1/notifications/${DELIVERY_ID}/retry`],
    ] as const)('%s %s is refused with 403 to every role but admin, before anything is sent', async (method, path) => {
      for (const role of ROLES.filter((r) => r !== Admin)) {
        const answer = await request(method, path, role);
        expect([role, answer.status, answer.body.code]).toEqual([role, 403, 'FORBIDDEN']);
      }
      expect(sent).toEqual([]);
    });

    it('names the role required', async () => {
      const answer = await request('GET', '/api/v1/notifications', Supervisor);
      expect(answer.body.message).toBe('No tiene permiso para esta operación: se requiere el rol admin.');
    });
  });

  describe('validation, before anything is sent', () => {
    afterEach(() => {
      expect(sent).toEqual([]);
    });

    it.each([
      ['an unknown status', 'GET', '/api/v1/notifications?status=lost', undefined, 'status'],
      ['limit 0', 'GET', '/api/v1/notifications?limit=0', undefined, 'limit'],
      ['limit 501', 'GET', '/api/v1/notifications?limit=501', undefined, 'limit'],
      ['a limit that is not a number', 'GET', '/api/v1/notifications?limit=abc', undefined, 'limit'],
      ['an unknown query parameter', 'GET', '/api/v1/notifications?recipient=x%40cau.test', undefined, 'recipient'],
      ['an id that is not a UUID', 'POST', '/api/v1/notifications/42/retry', undefined, 'id'],
      [
        'an unknown event type',
        'PUT',
        '/api/v1/notifications/preferences',
        { eventType: 'ticket.lost', enabled: true },
        'eventType',
      ],
      [
        'enabled that is not a boolean',
        'PUT',
        '/api/v1/notifications/preferences',
        { eventType: 'ticket.closed', enabled: 'no' },
        'enabled',
      ],
      ['a missing enabled', 'PUT', '/api/v1/notifications/preferences', { eventType: 'ticket.closed' }, 'enabled'],
      [
        'an e-mail in the body',
        'PUT',
        '/api/v1/notifications/preferences',
        { eventType: 'ticket.closed', enabled: false, email: 'otra@cau.test' },
        'email',
      ],
    ] as const)('%s is 400 naming the field', async (_name, method, path, body, field) => {
      const answer = await request(method, path, Admin, body);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION');
      expect(answer.body.fields?.map((f) => f.field)).toEqual([field]);
    });
  });

  describe("the service's refusals", () => {
    it('NOT_FOUND from the service is 404', async () => {
      overrides.set(NotificationsRpc.RetryDelivery.subject, () => ({
        err: { code: 'NOT_FOUND', params: { resource: 'delivery', id: DELIVERY_ID } },
      }));
      const answer = await request('POST', `/api/v1/notifications/${DELIVERY_ID}/retry`, Admin);
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('NOT_FOUND');
    });

    it('CONFLICT from the service is 409', async () => {
      overrides.set(NotificationsRpc.RetryDelivery.subject, () => ({
        err: { code: 'CONFLICT', refusal: { code: 'notifications.delivery-not-failed', params: { status: 'sent' } } },
      }));
      const answer = await request('POST', `/api/v1/notifications/${DELIVERY_ID}/retry`, Admin);
      expect(answer.status).toBe(409);
    });

    it('a field the service refuses is 400 naming it (an event type with only essential mails)', async () => {
      overrides.set(NotificationsRpc.SetPreference.subject, () => ({
        err: { code: 'VALIDATION', fields: [{ field: 'eventType', constraint: 'essentialNotification' }] },
      }));
      const answer = await request('PUT', '/api/v1/notifications/preferences', Requester, {
        eventType: 'ticket.registered',
        enabled: false,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.fields?.map((f) => f.field)).toEqual(['eventType']);
    });
  });
});
