import type { TicketViewV1 } from '@cau/contracts';
import { ApiClient, startTestPlatform, waitFor, type ReceivedMail, type TestPlatform } from '@cau/testing';

/**
 * The desk console's backend on the real platform (issue 12): internal notes never reach the requester
 * or the referente (portal API, mails), staff public replies are mailed to them threaded on the ticket's
 * mails, an assignment is mailed to the assignee, and a ticket is reclassified through the API.
 */
describe('end to end: internal notes, replies, assignment mails and reclassification', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  const t: Record<string, string> = {};
  const requesterEmail = 'rosa.mamani@minedu.gob.bo';
  const referenteEmail = 'referente.ti@minedu.gob.bo';
  /** Text no requester-side reader may ever see. */
  const SECRET = 'NOTA-INTERNA-7f3a';

  beforeAll(async () => {
    platform = await startTestPlatform('e2edesk', {
      env: { JURISDICTION_REFERENTES: `MINEDU=${referenteEmail}` },
    });
    api = new ApiClient(platform.gatewayUrl);
    t.admin = await api.token(platform.admin.email, platform.admin.password);
    const account = async (key: string, role: string, email: string, extra: Record<string, string> = {}) => {
      t[key] = await api.createAccount(t.admin!, {
        email,
        name: `Persona ${key}`,
        role,
        password: `clave-${key}-12345`,
        ...extra,
      });
    };
    await account('operator', 'operator', 'olga@agetic.gob.bo');
    await account('operator2', 'operator', 'oscar@agetic.gob.bo');
    await account('supervisor', 'supervisor', 'susana@agetic.gob.bo');
    await account('uit', 'agent', 'ursula@agetic.gob.bo', { area: 'UIT' });
    await account('adt', 'agent', 'adan@agetic.gob.bo', { area: 'ADT' });
    await account('requester', 'requester', requesterEmail);
    await account('referente', 'referente', referenteEmail, { jurisdiction: 'MINEDU' });
  }, 240_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  const mailsOf = (number: number): ReceivedMail[] =>
    platform.smtp.mails.filter((mail) => mail.parsed.subject?.startsWith(`[CAU #${number}] `));
  const mailText = (mail: ReceivedMail): string =>
    `${mail.parsed.subject ?? ''}\n${mail.parsed.text ?? ''}\n${typeof mail.parsed.html === 'string' ? mail.parsed.html : ''}`;
  const mailTo = (number: number, recipient: string, subject: string) =>
    waitFor(
      () =>
        Promise.resolve(
          mailsOf(number).find((mail) => mail.envelopeTo[0] === recipient && mail.parsed.subject?.includes(subject)),
        ),
      { what: `"${subject}" of #${number} to ${recipient}`, timeoutMs: 20_000 },
    );

  async function register(): Promise<number> {
    const response = await api.request<{ number: number }>('POST', '/api/v1/tickets', {
      token: t.operator,
      body: {
        channel: 'telefono',
        requester: { email: requesterEmail, name: 'Rosa Mamani' },
        jurisdiction: 'MINEDU',
        title: 'No abre el sistema de matrículas',
        description: 'Desde esta mañana el sistema de matrículas no abre.',
        type: 'incidente',
        category: 'sistemas-y-aplicaciones',
        impact: 'medio',
        urgency: 'media',
      },
    });
    expect(response.status).toBe(201);
    return response.body.number;
  }

  /** POST an action; the first one after registration may have to wait for the ticket to be routed. */
  async function act(token: string, number: number, action: string, body: unknown, expected = 200) {
    const response = await waitFor(
      async () => {
        const r = await api.request<any>('POST', `/api/v1/tickets/${number}/${action}`, { token, body });
        return r.status === 404 ? undefined : r;
      },
      { what: `#${number} ${action}`, timeoutMs: 15_000 },
    );
    expect({ action, status: response.status, body: response.body }).toMatchObject({ action, status: expected });
    return response.body;
  }

  const view = (token: string, number: number, until: (v: TicketViewV1) => boolean) =>
    waitFor(
      async () => {
        const r = await api.request<TicketViewV1>('GET', `/api/v1/tickets/${number}`, { token });
        return r.status === 200 && until(r.body) ? r.body : undefined;
      },
      { what: `#${number} as expected`, timeoutMs: 15_000 },
    );
  const comments = (v: TicketViewV1) => v.timeline.filter((entry) => entry.type === 'ticket.commented');

  it('keeps internal notes from the requester and the referente, in the portal API and in the mails', async () => {
    const number = await register();
    const registration = await mailTo(number, requesterEmail, 'Registramos su solicitud');

    await act(t.operator!, number, 'comments', { text: `${SECRET}: ya llamó tres veces`, internal: true });
    await act(t.operator!, number, 'comments', { text: 'Estamos revisando el servidor de matrículas.' });
    for (const key of ['requester', 'referente']) {
      const refused = await act(t[key]!, number, 'comments', { text: 'Nota mía', internal: true }, 403);
      expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    }

    // Staff read both, told apart.
    const staffView = await view(t.supervisor!, number, (v) => comments(v).length === 2);
    expect(comments(staffView).map((entry) => entry.summary.es)).toEqual([
      `Nota interna de Persona operator: ${SECRET}: ya llamó tres veces`,
      'Respuesta de Persona operator (canal: Portal): Estamos revisando el servidor de matrículas.',
    ]);
    // The requester and the referente read the reply only, and nothing of the note anywhere in the ticket.
    for (const key of ['requester', 'referente']) {
      const seen = await view(t[key]!, number, (v) => comments(v).length === 1);
      expect(comments(seen).map((entry) => entry.details.text)).toEqual([
        'Estamos revisando el servidor de matrículas.',
      ]);
      expect(JSON.stringify(seen)).not.toContain(SECRET);
    }

    // The reply is mailed to both, threaded on the registration mail.
    for (const recipient of [requesterEmail, referenteEmail]) {
      const reply = await mailTo(number, recipient, 'Respuesta a su solicitud');
      expect(reply.parsed.text).toContain('Estamos revisando el servidor de matrículas.');
      expect(reply.parsed.inReplyTo).toBe(registration.parsed.messageId);
    }
    // A later mail of the ticket (the assignment below) is the proof the note's turn has passed.
    await act(t.supervisor!, number, 'assign', {
      assigneeId: await accountId(t.operator2!),
      assigneeName: 'Persona operator2',
    });
    await mailTo(number, 'oscar@agetic.gob.bo', 'Le asignaron un ticket');
    for (const mail of mailsOf(number)) expect(mailText(mail)).not.toContain(SECRET);
  });

  it('mails the assignee when someone else assigns the ticket, with its link; not who takes it', async () => {
    const number = await register();
    await act(t.operator!, number, 'take', undefined);
    await act(t.supervisor!, number, 'assign', {
      assigneeId: await accountId(t.operator2!),
      assigneeName: 'Persona operator2',
    });
    const mail = await mailTo(number, 'oscar@agetic.gob.bo', 'Le asignaron un ticket');
    expect(mail.parsed.text).toContain('Persona supervisor le asignó este ticket de L1');
    expect(mail.parsed.text).toContain(`http://cau.test/tickets/${number}`);
    expect(mail.parsed.inReplyTo).toBeDefined();
    expect(mailsOf(number).filter((m) => m.envelopeTo[0] === 'olga@agetic.gob.bo')).toEqual([]);
  });

  it('reclassifies a ticket: L1 anywhere, the area holding it, nobody else; a correction must change something', async () => {
    const number = await register();
    expect(
      await act(t.operator!, number, 'classification', { impact: 'alto', reason: 'Afecta a todo el ministerio' }),
    ).toEqual({
      type: 'incidente',
      category: 'sistemas-y-aplicaciones',
      impact: 'alto',
      urgency: 'media',
      priority: 'ALTA',
    });
    const unchanged = await act(t.operator!, number, 'classification', { impact: 'alto', reason: 'Igual' }, 400);
    expect(unchanged.fields).toEqual([
      { field: 'body', message: expect.stringContaining('no cambia la clasificación') },
    ]);
    expect(
      await act(t.requester!, number, 'classification', { impact: 'bajo', reason: 'No es grave' }, 403),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    await act(t.operator!, number, 'derivations', { to: 'UIT', reason: 'Servidor caído' }, 201);
    expect(
      await act(t.uit!, number, 'classification', { type: 'incidente_seguridad', reason: 'Acceso indebido' }),
    ).toMatchObject({ type: 'incidente_seguridad', priority: 'ALTA' });
    expect(await act(t.adt!, number, 'classification', { urgency: 'baja', reason: 'No' }, 403)).toMatchObject({
      message: expect.stringContaining('un agente solo reclasifica tickets de su área (ADT)'),
    });
    expect(
      await act(t.operator!, number, 'classification', { urgency: 'baja', reason: 'Puede esperar' }),
    ).toMatchObject({
      priority: 'MEDIA',
    });
  });

  async function accountId(token: string): Promise<string> {
    const me = await api.request<{ id: string }>('GET', '/api/v1/accounts/me', { token });
    return me.body.id;
  }
});
