import { ROLES, Role } from '@cau/contracts';
import { startService, type RunningService } from '@cau/messaging';
import { startTestSmtpServer, type TestSmtpServer } from '@cau/testing';
import { notificationsService } from '../../notifications/src/notifications.service.js';
import { createResolutionService } from '../../resolution/src/resolution.service.js';
import { routingService } from '../../routing/src/routing.service.js';
import { ADMIN, startGateway, type GatewayFixture } from './gateway-fixture.js';

interface AuditEntry {
  id: string;
  at: string;
  actor: { accountId: string; name: string; email: string };
  action: string;
  targetType: string;
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

describe('gateway: the audit log', () => {
  let f: GatewayFixture;
  let smtp: TestSmtpServer;
  const services: RunningService[] = [];
  const tokens = {} as Record<Role, string>;

  const send = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, role: Role = Role.Admin) =>
    f.http.send<T>(method, path, { token: tokens[role], ...(body !== undefined ? { json: body } : {}) });
  const audit = (query: string, role: Role = Role.Admin) =>
    send<AuditPage>('GET', `/api/v1/audit?${query}`, undefined, role);
  const count = async (): Promise<number> =>
    Number((await f.db.query<{ n: string }>('SELECT count(*) AS n FROM gateway.audit_log')).rows[0]?.n);

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    f = await startGateway('gwaudit');
    const env = { ...(f.env as Record<string, string>), SMTP_URL: smtp.url, PORTAL_URL: 'https://cau.example.gob' };
    services.push(await startService(routingService, { ...env, ROUTING_PORT: '0' }));
    services.push(await startService(createResolutionService(), { ...env, RESOLUTION_PORT: '0' }));
    services.push(await startService(notificationsService, { ...env, NOTIFICATIONS_PORT: '0' }));
    tokens[Role.Admin] = f.adminToken;
    for (const role of ROLES.filter((r) => r !== Role.Admin)) {
      tokens[role] = await f.http.account(f.adminToken, {
        email: `${role}@audit.test`,
        role,
        ...(role === Role.Referente ? { jurisdiction: 'SALUD' } : {}),
        ...(role === Role.Agent ? { area: 'UIT' } : {}),
      });
    }
  });

  afterAll(async () => {
    for (const service of services.reverse()) await service.stop();
    await f?.stop();
    await smtp?.close();
  });

  it('records an account created and changed, with who, before and after (never the password)', async () => {
    const created = await send<{ id: string }>('POST', '/api/v1/accounts', {
      email: 'Nueva.Agente@audit.test',
      name: 'Nueva Agente',
      password: 'clave-de-prueba-1',
      role: 'agent',
      area: 'UIT',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await send('PATCH', `/api/v1/accounts/${id}`, { area: 'L1' })).status).toBe(200);
    expect((await send('PATCH', `/api/v1/accounts/${id}`, { active: false })).status).toBe(200);

    const page = await audit(`targetType=account&targetId=${id}`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((e) => e.action)).toEqual(['account.update', 'account.update', 'account.create']);
    const [disabled, moved, create] = page.body.items;
    expect(create?.before).toBeNull();
    expect(create?.after).toEqual({
      email: 'nueva.agente@audit.test',
      name: 'Nueva Agente',
      role: 'agent',
      area: 'UIT',
      jurisdiction: null,
      active: true,
    });
    expect(moved?.before).toMatchObject({ area: 'UIT' });
    expect(moved?.after).toMatchObject({ area: 'L1', active: true });
    expect(disabled?.before).toMatchObject({ active: true });
    expect(disabled?.after).toMatchObject({ active: false });
    expect(create?.actor).toEqual({ accountId: expect.any(String), name: ADMIN.name, email: ADMIN.email });
    expect(JSON.stringify(page.body)).not.toMatch(/password/i);
  });

  it('writes nothing when a change is refused', async () => {
    const before = await count();
    // A duplicate e-mail, an agent without area, a role nobody has, an unknown account, a non-admin.
    expect(
      (
        await send('POST', '/api/v1/accounts', {
          email: 'agent@audit.test',
          name: 'Repetida',
          password: 'clave-de-prueba-1',
          role: 'operator',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await send('POST', '/api/v1/accounts', {
          email: 'x@audit.test',
          name: 'X',
          password: 'clave-de-prueba-1',
          role: 'agent',
        })
      ).status,
    ).toBe(400);
    const me = await send<{ id: string }>('GET', '/api/v1/accounts/me');
    expect((await send('PATCH', `/api/v1/accounts/${me.body.id}`, { active: false })).status).toBe(400);
    expect(
      (await send('PATCH', '/api/v1/accounts/00000000-0000-4000-8000-000000000000', { active: false })).status,
    ).toBe(404);
    expect((await send('PUT', '/api/v1/areas/NOPE', { name: 'Nada' })).status).toBe(404);
    expect((await send('PUT', '/api/v1/areas/UIT', { name: 'Otra' }, Role.Supervisor)).status).toBe(403);
    expect(
      (await send('PUT', '/api/v1/notifications/templates/ticket-closed/es', { subject: '{{#', text: 'x' })).status,
    ).toBe(400);
    expect(await count()).toBe(before);
  });

  it('records canned answers created, edited and deleted in their own transaction', async () => {
    const created = await send<{ id: string }>('POST', '/api/v1/canned-answers', {
      area: 'UIT',
      title: 'Reinicio',
      body: 'Reinicie el equipo.',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await send('PATCH', `/api/v1/canned-answers/${id}`, { body: 'Reinicie el equipo y pruebe.' })).status).toBe(
      200,
    );
    const before = await count();
    const duplicate = await send('POST', '/api/v1/canned-answers', { area: 'UIT', title: 'reinicio', body: 'Otra.' });
    expect(duplicate.status).toBe(409);
    expect(await count()).toBe(before);
    expect((await send('DELETE', `/api/v1/canned-answers/${id}`)).status).toBe(204);

    const page = await audit(`targetType=canned-answer&targetId=${id}`);
    expect(page.body.items.map((e) => [e.action, e.before?.body ?? null, e.after?.body ?? null])).toEqual([
      ['canned-answer.delete', 'Reinicie el equipo y pruebe.', null],
      ['canned-answer.update', 'Reinicie el equipo.', 'Reinicie el equipo y pruebe.'],
      ['canned-answer.create', null, 'Reinicie el equipo.'],
    ]);
  });

  it('records configuration the owning service accepted, with the state it had before', async () => {
    const areas = await send<Array<{ code: string; name: string }>>('GET', '/api/v1/areas');
    const uit = areas.body.find((a) => a.code === 'UIT');
    expect(uit).toBeDefined();
    expect((await send('PUT', '/api/v1/areas/UIT', { name: 'Infraestructura TI' })).status).toBe(200);

    const graph = await send<Record<string, unknown>>('GET', '/api/v1/routing/graph');
    expect((await send('PUT', '/api/v1/routing/graph', { edges: graph.body.edges })).status).toBe(200);

    const policies = [
      { priority: 'ALTA', responseMinutes: 15, resolutionMinutes: 240 },
      { priority: 'MEDIA', responseMinutes: 30, resolutionMinutes: 480 },
    ];
    expect((await send('PUT', '/api/v1/sla/policies', { policies })).status).toBe(200);

    const template = {
      subject: '[CAU #{{number}}] Cerrado: {{title}}',
      text: 'Su ticket «{{title}}» está cerrado.\nEncuesta: {{surveyUrl}}\n',
      html: '<p>Su ticket «{{title}}» está cerrado.</p><a href="{{surveyUrl}}">Encuesta</a>',
    };
    expect((await send('PUT', '/api/v1/notifications/templates/ticket-closed/es', template)).status).toBe(200);
    expect((await send('DELETE', '/api/v1/notifications/templates/ticket-closed/es')).status).toBe(200);

    const area = (await audit('targetType=area&targetId=UIT')).body.items;
    expect(area).toHaveLength(1);
    expect(area[0]?.before).toMatchObject({ code: 'UIT', name: uit?.name });
    expect(area[0]?.after).toMatchObject({ code: 'UIT', name: 'Infraestructura TI' });

    const [graphEntry] = (await audit('targetType=escalation-graph')).body.items;
    expect(graphEntry?.action).toBe('escalation-graph.replace');
    expect(graphEntry?.before).toMatchObject({ edges: graph.body.edges });

    const [sla] = (await audit('targetType=sla-policies')).body.items;
    expect(sla?.after).toMatchObject({ policies: expect.arrayContaining([expect.objectContaining(policies[0])]) });

    const mails = (await audit('targetType=mail-template&targetId=ticket-closed/es')).body.items;
    expect(mails.map((e) => e.action)).toEqual(['mail-template.reset', 'mail-template.put']);
    expect(mails[1]?.after).toMatchObject({ template: { subject: template.subject } });
  });

  it('pages newest first and filters by actor and time', async () => {
    const first = await audit('limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await audit(`limit=2&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...second.body.items].map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(4);
    // A cursor that names no row reads nothing rather than everything.
    expect((await audit('cursor=999999999')).body).toEqual({ items: [], nextCursor: null });

    const all = await audit('limit=200');
    const me = all.body.items[0]?.actor.accountId ?? '';
    expect((await audit(`actor=${me}&limit=200`)).body.items).toHaveLength(all.body.items.length);
    expect((await audit('actor=00000000-0000-4000-8000-000000000000')).body.items).toEqual([]);
    expect((await audit('from=2999-01-01T00:00:00Z')).body.items).toEqual([]);
    expect((await audit('to=2000-01-01T00:00:00Z')).body.items).toEqual([]);
    const since = new Date(Date.now() - 3600_000).toISOString();
    expect((await audit(`from=${since}&limit=200`)).body.items).toHaveLength(all.body.items.length);
  });

  it('is for administrators only', async () => {
    for (const role of ROLES.filter((r) => r !== Role.Admin)) {
      expect((await audit('', role)).status).toBe(403);
    }
    expect((await f.http.send('GET', '/api/v1/audit')).status).toBe(401);
  });

  it.each([
    ['targetType=ticket', 'targetType'],
    ['actor=alguien', 'actor'],
    ['from=ayer', 'from'],
    ['to=2026-13-45', 'to'],
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['cursor=abc', 'cursor'],
    ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const answer = await f.http.send('GET', `/api/v1/audit?${query}`, { token: f.adminToken });
    expect(answer.status).toBe(400);
    expect(answer.body.fields?.map((p) => p.field)).toEqual([field]);
  });
});
