import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  MAIL_KINDS,
  NotificationsRpc,
  ProcedureEvents,
  ROLES,
  Role,
  type EventEnvelope,
  type TicketRegisteredV1,
} from '@cau/contracts';
import {
  RpcClient,
  ServiceError,
  Subjects,
  messagingConfigFromEnv,
  startService,
  type RunningService,
} from '@cau/messaging';
import { startTestSmtpServer, waitFor, type ReceivedMail, type TestSmtpServer } from '@cau/testing';
import { notificationsService } from '../../notifications/src/notifications.service.js';
import { publish, ticketEvent, ticketRegistered } from '../../notifications/test/helpers.js';
import { ADMIN, startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

const BASE = '/api/v1/notifications/templates';
const CLOSED_ES = `${BASE}/ticket-closed/es`;
const DOMAIN = 'cau.example.gob';

const closedTemplate = {
  subject: '[CAU #{{number}}] Ticket cerrado: {{title}}',
  text: 'Estimado/a {{requesterName}}:\nSu ticket «{{title}}» está cerrado.\nEncuesta: {{surveyUrl}}\n',
  html: '<p>Estimado/a {{requesterName}}:</p><p>Su ticket «{{title}}» está cerrado.</p><a href="{{surveyUrl}}">Encuesta</a>',
};

interface MailTemplateBody {
  version: number;
  source: string;
  updatedBy: string | null;
  template: typeof closedTemplate;
  placeholders: Array<{ name: string }>;
}

describe('gateway + notifications: mail templates edited by administrators', () => {
  let f: GatewayFixture;
  let smtp: TestSmtpServer;
  let notifications: RunningService;
  let nc: NatsConnection;
  const tokens = {} as Record<Role, string>;
  let nextNumber = 7000;

  const request = <T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { role?: Role; body?: unknown; language?: string } = {},
  ) =>
    f.http.send<T>(method, path, {
      token: tokens[options.role ?? Role.Admin],
      ...(options.body !== undefined ? { json: options.body } : {}),
      ...(options.language ? { headers: { 'accept-language': options.language } } : {}),
    });

  /** Registers a ticket through JetStream, as intake would, and waits for its registration mail. */
  const registerTicket = async (requester: { email: string; name: string }, title?: string) => {
    const registration = ticketRegistered(++nextNumber, requester);
    if (title) registration.data.title = title;
    await publish(nc, f.infra.env, registration);
    await mailOf('ticket-registered', registration.data.number);
    return registration;
  };

  const close = async (registration: EventEnvelope<TicketRegisteredV1>): Promise<ReceivedMail> => {
    const by = { accountId: randomUUID(), name: 'Susana Supervisora', role: 'supervisor' };
    const closed = ticketEvent(
      ProcedureEvents.TicketClosed,
      registration,
      {
        area: 'L1',
        status: 'cerrado',
        by,
        at: new Date().toISOString(),
        resolutionBusinessMinutes: 30,
        resolutionCalendarMinutes: 30,
      },
      1,
    );
    await publish(nc, f.infra.env, closed);
    return mailOf('ticket-closed', registration.data.number);
  };

  const mailOf = (kind: string, number: number): Promise<ReceivedMail> =>
    waitFor(
      () =>
        Promise.resolve(
          smtp.mails.find(
            (mail) =>
              mail.parsed.messageId?.startsWith(`<${kind}.`) && mail.parsed.headers.get('x-cau-ticket') === `${number}`,
          ),
        ),
      { what: `the ${kind} mail of ticket ${number}` },
    );

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    f = await startGateway('gwmailtemplates');
    notifications = await startService(notificationsService, {
      ...(f.env as Record<string, string>),
      NOTIFICATIONS_PORT: '0',
      SMTP_URL: smtp.url,
      MAIL_FROM: `"CAU Mesa de Servicios" <mesa@${DOMAIN}>`,
      PORTAL_URL: `https://${DOMAIN}`,
      MAIL_TIME_ZONE: 'UTC',
    });
    nc = await connect({ servers: f.infra.env.NATS_URL });
    tokens[Role.Admin] = f.adminToken;
    for (const role of ROLES.filter((r) => r !== Role.Admin)) {
      tokens[role] = await f.http.account(f.adminToken, {
        email: `${role}@cau.test`,
        role,
        ...(role === Role.Referente ? { jurisdiction: 'SALUD' } : {}),
        ...(role === Role.Agent ? { area: 'UIT' } : {}),
      });
    }
  });

  afterAll(async () => {
    await nc?.close();
    await notifications?.stop();
    await f?.stop();
    await smtp?.close();
  });

  it('lists every mail kind with its placeholders, built-in in both languages until edited', async () => {
    const answer = await request<{ kinds: Array<Record<string, unknown>> }>('GET', BASE);
    expect(answer.status).toBe(200);
    expect(answer.body.kinds.map((k) => k.kind)).toEqual([...MAIL_KINDS]);
    const closed = answer.body.kinds.find((k) => k.kind === 'ticket-closed');
    expect(closed).toMatchObject({
      eventType: 'ticket.closed',
      recipient: 'requester',
      languages: { es: { version: 0, source: 'built-in' }, en: { version: 0, source: 'built-in' } },
    });
    const derived = answer.body.kinds.find((k) => k.kind === 'ticket-escalated') as {
      placeholders: Array<{ name: string; description: { es: string; en: string } }>;
    };
    expect(derived.placeholders.map((p) => p.name)).toEqual(
      expect.arrayContaining(['number', 'title', 'ticketUrl', 'from', 'to', 'byName', 'reason']),
    );
    expect(derived.placeholders.find((p) => p.name === 'to')?.description).toEqual({
      es: 'Área a la que se derivó',
      en: 'Area derived to',
    });
  });

  it('previews the built-in mail in Spanish and in English with sample data, sending nothing', async () => {
    const received = smtp.received;
    const es = await request<Record<string, string>>('POST', `${BASE}/ticket-resolved/es/preview`, { body: {} });
    const en = await request<Record<string, string>>('POST', `${BASE}/ticket-resolved/en/preview`, { body: {} });
    expect([es.status, en.status]).toEqual([200, 200]);
    expect(es.body).toMatchObject({
      source: 'built-in',
      subject: '[CAU #1234] Verifique la solución de su solicitud: La impresora del piso 2 no imprime',
    });
    expect(es.body.text).toContain('Se reinició la cola de impresión.');
    expect(es.body.html).toContain('<html lang="es">');
    expect(en.body.subject).toBe(
      '[CAU #1234] Please check the solution to your request: La impresora del piso 2 no imprime',
    );
    expect(en.body.text).toContain('The print queue was restarted.');
    expect(smtp.received).toBe(received);
  });

  it('previews a draft in both languages, escaping user data in HTML only', async () => {
    const registration = await registerTicket(
      { email: 'hostil@salud.gob', name: '<script>alert(1)</script>' },
      'Pantalla <b>negra</b> & "rota"',
    );
    const number = registration.data.number;
    for (const language of ['es', 'en']) {
      const answer = await request<Record<string, string>>('POST', `${BASE}/ticket-closed/${language}/preview`, {
        body: { ticketNumber: number, template: closedTemplate },
      });
      expect(answer.status).toBe(200);
      expect(answer.body.source).toBe('draft');
      expect(answer.body.subject).toBe(`[CAU #${number}] Ticket cerrado: Pantalla <b>negra</b> & "rota"`);
      expect(answer.body.text).toContain('Estimado/a <script>alert(1)</script>:');
      expect(answer.body.html).not.toContain('<script>');
      expect(answer.body.html).not.toContain('<b>');
      expect(answer.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(answer.body.html).toContain(`href="https://${DOMAIN}/tickets/${number}/encuesta"`);
    }
    const unknown = await request('POST', `${BASE}/ticket-closed/es/preview`, { body: { ticketNumber: 999999 } });
    expect([unknown.status, unknown.body.code, unknown.body.message]).toEqual([
      404,
      'NOT_FOUND',
      'No existe el ticket «999999».',
    ]);
  });

  it('uses a saved template for the next mail, and the built-in one again after a reset; keeps every version', async () => {
    const edited = await registerTicket({ email: 'ana@salud.gob', name: 'Ana <Pérez>' });
    const saved = await request<MailTemplateBody>('PUT', CLOSED_ES, { body: closedTemplate });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      version: 1,
      source: 'override',
      updatedBy: ADMIN.email,
      template: closedTemplate,
    });
    expect(saved.body.placeholders.map((p) => p.name)).toContain('surveyUrl');

    const mail = await close(edited);
    const number = edited.data.number;
    expect(mail.parsed.subject).toBe(`[CAU #${number}] Ticket cerrado: La impresora ${number} no imprime`);
    expect(mail.parsed.text).toContain(`Estimado/a Ana <Pérez>:`);
    expect(mail.parsed.text).toContain(`Encuesta: https://${DOMAIN}/tickets/${number}/encuesta`);
    expect(mail.parsed.html).toContain('<p>Estimado/a Ana &lt;Pérez&gt;:</p>');
    // The thread and the Message-ID do not depend on the template.
    expect(mail.parsed.inReplyTo).toMatch(/^<ticket-registered\./);

    const current = await request<MailTemplateBody>('GET', CLOSED_ES);
    expect(current.body).toMatchObject({ version: 1, source: 'override', template: closedTemplate });
    const english = await request<MailTemplateBody>('GET', `${BASE}/ticket-closed/en`);
    // The built-in text, for the administrator to start from.
    expect(english.body).toMatchObject({ version: 0, source: 'built-in' });
    expect(english.body.template.subject).toBe('[CAU #{{number}}] Your request is closed: {{title}}');

    const reset = await request<MailTemplateBody>('DELETE', CLOSED_ES);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ version: 2, source: 'built-in', updatedBy: ADMIN.email });
    expect(reset.body.template.subject).toBe('[CAU #{{number}}] Cerramos su solicitud: {{title}}');
    const again = await request<MailTemplateBody>('DELETE', CLOSED_ES);
    expect(again.body.version).toBe(2);

    const afterReset = await registerTicket({ email: 'beto@salud.gob', name: 'Beto' });
    const builtIn = await close(afterReset);
    expect(builtIn.parsed.subject).toBe(
      `[CAU #${afterReset.data.number}] Cerramos su solicitud: La impresora ${afterReset.data.number} no imprime`,
    );

    const versions = await request<{ versions: Array<Record<string, unknown>> }>('GET', `${CLOSED_ES}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.versions).toEqual([
      { version: 2, template: null, createdBy: ADMIN.email, createdAt: expect.any(String) },
      { version: 1, template: closedTemplate, createdBy: ADMIN.email, createdAt: expect.any(String) },
    ]);
  });

  describe('bad templates and inputs are 400 naming the field, in Spanish or English', () => {
    let versionsBefore: number;
    beforeAll(async () => {
      versionsBefore = (await request<{ versions: unknown[] }>('GET', `${CLOSED_ES}/versions`)).body.versions.length;
    });

    it.each([
      [
        'a subject without the ticket tag',
        { subject: 'Cerrado: {{title}}' },
        'subject',
        'debe empezar con [CAU #{{number}}]',
      ],
      ['an unknown placeholder', { html: '<p>{{password}}</p>' }, 'html', 'usa {{password}}, que este correo no tiene'],
      ['a placeholder of another kind', { text: '{{solution}}' }, 'text', 'usa {{solution}}'],
      ['an unclosed section', { text: '{{#title}} sin cerrar' }, 'text', 'no es una plantilla válida'],
      ['an unclosed tag', { subject: '[CAU #{{number}}] {{title' }, 'subject', 'no es una plantilla válida'],
      ['unescaped HTML output', { html: '<p>{{{title}}}</p>' }, 'html', 'usa {{{title}}}, que no está permitido'],
      ['a partial', { html: '{{> pie}}' }, 'html', 'que no está permitido'],
      ['an empty part', { text: '' }, 'text', 'no puede estar vacío'],
      ['a part that is not text', { html: 42 }, 'html', 'debe ser texto'],
    ])('%s', async (_name, change, field, message) => {
      const answer = await request<ErrorBody>('PUT', CLOSED_ES, { body: { ...closedTemplate, ...change } });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION');
      expect(answer.body.fields?.map((p) => p.field)).toEqual([field]);
      expect(answer.body.fields?.[0]?.message).toContain(message);
    });

    it('in English when asked', async () => {
      const answer = await request('PUT', CLOSED_ES, {
        body: { ...closedTemplate, subject: 'Closed' },
        language: 'en',
      });
      expect(answer.body.fields).toEqual([
        {
          field: 'subject',
          message:
            "Field 'subject' must start with [CAU #{{number}}]: replies are matched to their ticket by that tag.",
        },
      ]);
    });

    it.each([
      ['an unknown kind', 'GET', `${BASE}/ticket-lost/es`, undefined, 'kind'],
      ['an unknown language', 'GET', `${BASE}/ticket-closed/fr`, undefined, 'language'],
      ['a missing part', 'PUT', CLOSED_ES, { subject: closedTemplate.subject, text: 'x' }, 'html'],
      ['an unknown field', 'PUT', CLOSED_ES, { ...closedTemplate, from: 'x@y.z' }, 'from'],
      [
        'a bad draft in a preview',
        'POST',
        `${CLOSED_ES}/preview`,
        { template: { ...closedTemplate, subject: 'x' } },
        'template.subject',
      ],
      ['ticket number 0 in a preview', 'POST', `${CLOSED_ES}/preview`, { ticketNumber: 0 }, 'ticketNumber'],
      [
        'a ticket number past any integer in a preview',
        'POST',
        `${CLOSED_ES}/preview`,
        { ticketNumber: 1e308 },
        'ticketNumber',
      ],
    ])('%s', async (_name, method, path, body, field) => {
      const answer = await request<ErrorBody>(method, path, { body });
      expect(answer.status).toBe(400);
      expect(answer.body.fields?.map((p) => p.field)).toEqual([field]);
    });

    it('saves nothing that was refused', async () => {
      const versions = await request<{ versions: unknown[] }>('GET', `${CLOSED_ES}/versions`);
      expect(versions.body.versions).toHaveLength(versionsBefore);
    });
  });

  it('is documented in OpenAPI, with the template rules from the contract', async () => {
    const doc = (await (await fetch(`${f.gateway.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { description?: string }>>;
      components: {
        schemas: Record<string, { required?: string[]; properties?: Record<string, { maxLength?: number }> }>;
      };
    };
    const paths = [
      '/api/v1/notifications/templates',
      '/api/v1/notifications/templates/{kind}/{language}',
      '/api/v1/notifications/templates/{kind}/{language}/versions',
      '/api/v1/notifications/templates/{kind}/{language}/preview',
    ];
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(paths));
    expect(Object.keys(doc.paths[paths[1]!]!).sort()).toEqual(['delete', 'get', 'put']);
    expect(doc.paths[paths[1]!]!.put!.description).toContain('Roles: admin.');
    const body = doc.components.schemas.MailTemplateBodyV1!;
    expect(body.required).toEqual(['subject', 'text', 'html']);
    expect(body.properties!.subject!.maxLength).toBe(500);
    expect(doc.components.schemas).toHaveProperty('PreviewTemplateBodyV1');
  });

  it('is refused by the notifications service too when the actor is not an administrator', async () => {
    const rpc = new RpcClient(nc, new Subjects(messagingConfigFromEnv(f.infra.env)), 5_000);
    const actor = { accountId: randomUUID(), role: Role.Supervisor, email: 'supervisor@cau.test', name: 'S' };
    for (const [subject, extra] of [
      [NotificationsRpc.ListTemplates.subject, {}],
      [NotificationsRpc.PutTemplate.subject, { kind: 'ticket-closed', language: 'es', template: closedTemplate }],
      [NotificationsRpc.ResetTemplate.subject, { kind: 'ticket-closed', language: 'es' }],
      [NotificationsRpc.PreviewTemplate.subject, { kind: 'ticket-closed', language: 'es' }],
    ] as const) {
      const refusal = await rpc.send(subject, { actor, ...extra }).then(
        () => null,
        (error: unknown) => (error instanceof ServiceError ? error.payload.code : error),
      );
      expect([subject, refusal]).toEqual([subject, 'FORBIDDEN']);
    }
  });

  it.each([
    ['GET', BASE],
    ['GET', CLOSED_ES],
    ['PUT', CLOSED_ES],
    ['DELETE', CLOSED_ES],
    ['GET', `${CLOSED_ES}/versions`],
    ['POST', `${CLOSED_ES}/preview`],
  ])('%s %s is 403 to every role but admin', async (method, path) => {
    for (const role of ROLES.filter((r) => r !== Role.Admin)) {
      const body = method === 'PUT' ? closedTemplate : method === 'POST' ? {} : undefined;
      const answer = await request(method, path, { role, body });
      expect([role, answer.status, answer.body.code]).toEqual([role, 403, 'FORBIDDEN']);
    }
  });
});
