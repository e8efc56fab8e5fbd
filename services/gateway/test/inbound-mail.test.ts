import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { NotificationsRpc, ROLES, Role } from '@cau/contracts';
import { messagingConfigFromEnv } from '@cau/messaging';
import { startGateway, type GatewayFixture } from './gateway-fixture.js';

const MAIL_ID = '5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const { Admin } = Role;

interface Sent {
  name: string;
  data: Record<string, unknown>;
}

describe('gateway: inbound mail endpoints', () => {
  let f: GatewayFixture;
  let nc: NatsConnection;
  const tokens = {} as Record<Role, string>;
  const sent: Sent[] = [];
  let reply: (name: string) => { response?: unknown; err?: unknown } = (name) => ({ response: { answeredBy: name } });

  const request = (method: string, path: string, role: Role): ReturnType<GatewayFixture['http']['send']> =>
    f.http.send(method, path, { token: tokens[role] });

  beforeAll(async () => {
    f = await startGateway('gwinbound');
    nc = await connect({ servers: f.infra.env.NATS_URL });
    const prefix = messagingConfigFromEnv(f.infra.env).subjectPrefix;
    // Answers like the notifications service's @MessagePattern handlers would.
    const serve = (_error: unknown, msg: Msg): void => {
      const { id, data } = msg.json<{ id: string; data: Record<string, unknown> }>();
      const name = msg.subject.slice(prefix.length + 1);
      sent.push({ name, data });
      msg.respond(JSON.stringify({ id, isDisposed: true, ...reply(name) }));
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
    reply = (name) => ({ response: { answeredBy: name } });
  });

  afterAll(async () => {
    await nc?.close();
    await f?.stop();
  });

  const admin = expect.objectContaining({ role: Admin, email: 'admin@cau.test' });

  it('lists received mails with the filters converted and the actor', async () => {
    const answer = await request('GET', '/api/v1/notifications/inbound?status=failed&limit=20', Admin);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ answeredBy: NotificationsRpc.ListInbound.subject });
    expect(sent).toEqual([
      { name: NotificationsRpc.ListInbound.subject, data: { actor: admin, status: 'failed', limit: 20 } },
    ]);
  });

  it('retries a failed mail and answers 200; CONFLICT from the service is 409', async () => {
    const answer = await request('POST', `/api/v1/notifications/inbound/${MAIL_ID}/retry`, Admin);
    expect(answer.status).toBe(200);
    expect(sent).toEqual([{ name: NotificationsRpc.RetryInbound.subject, data: { actor: admin, id: MAIL_ID } }]);
    reply = () => ({
      err: { code: 'CONFLICT', refusal: { code: 'notifications.inbound-not-failed', params: { status: 'processed' } } },
    });
    expect((await request('POST', `/api/v1/notifications/inbound/${MAIL_ID}/retry`, Admin)).status).toBe(409);
  });

  it('refuses every role but admin with 403, before anything is sent', async () => {
    for (const role of ROLES.filter((r) => r !== Admin)) {
      const answer = await request('GET', '/api/v1/notifications/inbound', role);
      expect([role, answer.status]).toEqual([role, 403]);
    }
    expect(sent).toEqual([]);
  });

  it.each([
    ['GET', '/api/v1/notifications/inbound?status=lost', 'status'],
    ['GET', '/api/v1/notifications/inbound?limit=0', 'limit'],
    ['POST', '/api/v1/notifications/inbound/42/retry', 'id'],
  ] as const)('%s %s is 400 naming the field, before anything is sent', async (method, path, field) => {
    const answer = await request(method, path, Admin);
    expect(answer.status).toBe(400);
    const body = answer.body as { fields?: Array<{ field: string }> };
    expect(body.fields?.map((problem) => problem.field)).toEqual([field]);
    expect(sent).toEqual([]);
  });
});
