import { Role, type AreaMailboxesV1, type NotificationRuleListV1 } from '@cau/contracts';
import { startService, type RunningService } from '@cau/messaging';
import { startTestSmtpServer, type TestSmtpServer } from '@cau/testing';
import { notificationsService } from '../../notifications/src/notifications.service.js';
import { startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

interface AuditPage {
  items: Array<{ action: string; targetType: string; before: unknown; after: unknown }>;
}

describe('gateway: notification rules and area mailboxes', () => {
  let f: GatewayFixture;
  let smtp: TestSmtpServer;
  let notifications: RunningService;
  let operatorToken: string;
  let requesterToken: string;

  const send = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, token = f.adminToken) =>
    f.http.send<T>(method, `/api/v1/notifications/${path}`, { token, ...(body !== undefined ? { json: body } : {}) });
  const audit = async (targetType: string) =>
    (await f.http.send<AuditPage>('GET', `/api/v1/audit?targetType=${targetType}`, { token: f.adminToken })).body.items;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    f = await startGateway('gwnotifcfg');
    notifications = await startService(notificationsService, {
      ...(f.env as Record<string, string>),
      NOTIFICATIONS_PORT: '0',
      SMTP_URL: smtp.url,
      PORTAL_URL: 'https://cau.example.gob',
      AREA_MAILBOXES: 'L1=mesa@cau.example.gob',
    });
    operatorToken = await f.http.account(f.adminToken, { email: 'operador@avisos.test', role: Role.Operator });
    requesterToken = await f.http.account(f.adminToken, { email: 'persona@avisos.test', role: Role.Requester });
  });

  afterAll(async () => {
    await notifications?.stop();
    await f?.stop();
    await smtp?.close();
  });

  it('shows rules and mailboxes to staff only', async () => {
    const rules = await send<NotificationRuleListV1>('GET', 'rules', undefined, operatorToken);
    expect(rules.status).toBe(200);
    expect(rules.body.rules.length).toBeGreaterThan(5);
    const mailboxes = await send<AreaMailboxesV1>('GET', 'area-mailboxes', undefined, operatorToken);
    expect(mailboxes.body).toEqual({ mailboxes: [{ area: 'L1', email: 'mesa@cau.example.gob' }] });
    expect((await send('GET', 'rules', undefined, requesterToken)).status).toBe(403);
    expect((await send('GET', 'area-mailboxes', undefined, requesterToken)).status).toBe(403);
  });

  it('lets an administrator change them, audited with before and after; others get 403', async () => {
    const mailboxes = {
      mailboxes: [
        { area: 'L1', email: 'mesa@cau.example.gob' },
        { area: 'UIT', email: 'uit@cau.example.gob' },
      ],
    };
    expect((await send('PUT', 'area-mailboxes', mailboxes, operatorToken)).status).toBe(403);
    const saved = await send<AreaMailboxesV1>('PUT', 'area-mailboxes', mailboxes);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(mailboxes);
    expect(await audit('area-mailboxes')).toEqual([
      expect.objectContaining({
        action: 'area-mailboxes.replace',
        before: { mailboxes: [{ area: 'L1', email: 'mesa@cau.example.gob' }] },
        after: mailboxes,
      }),
    ]);

    const before = (await send<NotificationRuleListV1>('GET', 'rules')).body;
    const rules = before.rules
      .filter((r) => r.enabled && !(r.eventType === 'ticket.closed' && r.recipientKind === 'requester'))
      .map(({ eventType, recipientKind, enabled, essential }) => ({ eventType, recipientKind, enabled, essential }));
    expect((await send('PUT', 'rules', { rules }, operatorToken)).status).toBe(403);
    const after = await send<NotificationRuleListV1>('PUT', 'rules', { rules });
    expect(after.status).toBe(200);
    expect(
      after.body.rules.find((r) => r.eventType === 'ticket.closed' && r.recipientKind === 'requester'),
    ).toMatchObject({ enabled: false });
    expect(await audit('notification-rules')).toEqual([
      expect.objectContaining({ action: 'notification-rules.replace', before, after: after.body }),
    ]);
  });

  it('answers bad input with a 400 naming the field, and stores nothing', async () => {
    const rulesBefore = (await send<NotificationRuleListV1>('GET', 'rules')).body;
    const mailboxesBefore = (await send<AreaMailboxesV1>('GET', 'area-mailboxes')).body;
    const auditBefore = (await audit('notification-rules')).length + (await audit('area-mailboxes')).length;
    const cases: Array<[string, unknown, string]> = [
      ['rules', {}, 'rules'],
      [
        'rules',
        { rules: [{ eventType: 'ticket.exploded', recipientKind: 'requester', enabled: true, essential: false }] },
        'rules.0.eventType',
      ],
      [
        'rules',
        { rules: [{ eventType: 'ticket.closed', recipientKind: 'requester', enabled: 'sí', essential: false }] },
        'rules.0.enabled',
      ],
      [
        'rules',
        { rules: [{ eventType: 'ticket.closed', recipientKind: 'supervisors', enabled: true, essential: false }] },
        'rules.0',
      ],
      ['area-mailboxes', { mailboxes: [{ area: 'uit minúsculas', email: 'uit@cau.example.gob' }] }, 'mailboxes.0.area'],
      ['area-mailboxes', { mailboxes: [{ area: 'UIT', email: 'uit' }] }, 'mailboxes.0.email'],
      [
        'area-mailboxes',
        {
          mailboxes: [
            { area: 'UIT', email: 'a@cau.example.gob' },
            { area: 'UIT', email: 'b@cau.example.gob' },
          ],
        },
        'mailboxes.1.area',
      ],
    ];
    for (const [path, body, field] of cases) {
      const refused = await send<ErrorBody>('PUT', path, body);
      expect({ path, field, status: refused.status }).toEqual({ path, field, status: 400 });
      expect(refused.body.fields?.map((p) => p.field)).toContain(field);
    }
    expect((await send<NotificationRuleListV1>('GET', 'rules')).body).toEqual(rulesBefore);
    expect((await send<AreaMailboxesV1>('GET', 'area-mailboxes')).body).toEqual(mailboxesBefore);
    expect((await audit('notification-rules')).length + (await audit('area-mailboxes')).length).toBe(auditBefore);
  });
});
