import pg from 'pg';
import { SignJWT } from 'jose';
import { requesterDigest, type TicketViewV1 } from '@cau/contracts';
import { ApiClient, TEST_SURVEY_LINK_SECRET, startTestPlatform, waitFor, type TestPlatform } from '@cau/testing';

/**
 * Portal I: the survey by the closure mail's link (no session), accepting the solution, and the
 * referente acting for the people of their jurisdiction; issue 10 D6: what requesters see of the
 * timeline. Every service as its own process, a real SMTP server catching the mails.
 */
describe('end to end: survey links, acceptance, referentes, public timeline', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  type Person = 'admin' | 'operator' | 'supervisor' | 'requester' | 'referente' | 'otherReferente';
  const t = {} as Record<Person, string>;
  const phoneRequester = 'sin.cuenta@salud.gob';
  const accountRequester = 'con.cuenta@salud.gob';
  const secret = new TextEncoder().encode(TEST_SURVEY_LINK_SECRET);

  beforeAll(async () => {
    platform = await startTestPlatform('e2esurvey');
    api = new ApiClient(platform.gatewayUrl);
    t.admin = await api.token(platform.admin.email, platform.admin.password);
    const account = async (key: Person, role: string, extra: Record<string, string> = {}) => {
      t[key] = await api.createAccount(t.admin, {
        email: extra.email ?? `${key}@cau.gob`,
        name: `Persona ${key}`,
        role,
        password: `clave-${key}-12345`,
        ...(extra.jurisdiction ? { jurisdiction: extra.jurisdiction } : {}),
      });
    };
    await account('operator', 'operator');
    await account('supervisor', 'supervisor');
    await account('requester', 'requester', { email: accountRequester });
    await account('referente', 'referente', { jurisdiction: 'SALUD' });
    await account('otherReferente', 'referente', { jurisdiction: 'EDUCACION' });
  }, 240_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  async function register(
    requesterEmail: string,
    options: { token?: string; jurisdiction?: string; expected?: number } = {},
  ): Promise<number> {
    const response = await api.request<{ number: number }>('POST', '/api/v1/tickets', {
      token: options.token ?? t.operator,
      body: {
        channel: 'telefono',
        requester: { email: requesterEmail, name: 'Ana Solicitante' },
        jurisdiction: options.jurisdiction ?? 'SALUD',
        title: 'No llega el correo',
        description: 'No llega el correo desde ayer.',
        type: 'incidente',
        category: 'correo-electronico',
        impact: 'medio',
        urgency: 'media',
      },
    });
    expect(response.status).toBe(options.expected ?? 201);
    return response.body.number;
  }

  /** POST an action; the first one after registration may have to wait for the ticket to be routed. */
  async function act(token: string | undefined, number: number, action: string, body?: unknown, expected = 200) {
    const response = await waitFor(
      async () => {
        const r = await api.request<any>('POST', `/api/v1/tickets/${number}/${action}`, {
          ...(token ? { token } : {}),
          ...(body !== undefined ? { body } : {}),
        });
        return r.status === 404 ? undefined : r;
      },
      { what: `#${number} ${action}`, timeoutMs: 15_000 },
    );
    expect({ action, status: response.status, body: response.body }).toMatchObject({ action, status: expected });
    return response.body;
  }

  async function resolve(number: number) {
    await act(t.operator, number, 'take');
    await act(t.operator, number, 'worklogs', { description: 'Revisé el relay interno 10.0.0.7', minutes: 20 });
    await act(t.operator, number, 'solution', { solution: 'Se reinició el servicio de correo.' });
    await act(t.operator, number, 'submit', { verifiedWithRequester: true, note: 'Nota interna para supervisión' });
  }

  const approve = (number: number) => act(t.supervisor, number, 'review', { decision: 'approve' });

  async function closureLink(address: string, number: number): Promise<{ url: string; token: string }> {
    const mail = await waitFor(
      () =>
        Promise.resolve(
          platform.smtp.mails.find(
            (m) =>
              m.envelopeTo.includes(address) &&
              m.parsed.messageId?.startsWith('<ticket-closed.') &&
              m.parsed.subject?.startsWith(`[CAU #${number}]`),
          ),
        ),
      { what: `the closure mail of #${number}`, timeoutMs: 15_000 },
    );
    const match = new RegExp(`http://cau\\.test/tickets/${number}/encuesta\\?token=([A-Za-z0-9._-]+)`).exec(
      mail.parsed.text ?? '',
    );
    expect(match).not.toBeNull();
    return { url: match![0], token: match![1]! };
  }

  async function view(token: string, number: number, until: (v: TicketViewV1) => boolean) {
    return waitFor(
      async () => {
        const r = await api.request<TicketViewV1>('GET', `/api/v1/tickets/${number}`, { token });
        return r.status === 200 && until(r.body) ? r.body : undefined;
      },
      { what: `the view of #${number}`, timeoutMs: 15_000 },
    );
  }

  async function surveysOf(number: number): Promise<number> {
    const client = new pg.Client({ connectionString: platform.infra.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>(
        `SELECT count(*) FROM resolution.surveys s JOIN resolution.tickets t USING (ticket_id) WHERE t.number = $1`,
        [number],
      );
      return Number(rows[0]!.count);
    } finally {
      await client.end();
    }
  }

  const forge = (claims: Record<string, unknown>, options: { exp?: number; key?: Uint8Array } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('cau:notifications')
      .setAudience('cau:survey')
      .setIssuedAt()
      .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 3600)
      .sign(options.key ?? secret);

  let linked: { number: number; token: string };

  it('mails a signed survey link; GET and POST work without any session, once', async () => {
    const n = await register(phoneRequester);
    await resolve(n);
    // B: the referente of the ticket's jurisdiction confirms the solution; the ticket stays resolved.
    expect(await act(t.referente, n, 'acceptance', { comment: 'Confirmado con la usuaria' })).toMatchObject({
      status: 'resuelto',
    });
    await approve(n);
    const { token, url } = await closureLink(phoneRequester, n);
    expect(url).toContain(`/tickets/${n}/encuesta?token=`);
    linked = { number: n, token };

    const before = await api.request<any>('GET', `/api/v1/surveys/${token}`);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      ticketNumber: n,
      title: 'No llega el correo',
      status: 'cerrado',
      answered: false,
      expiresAt: expect.any(String),
    });
    expect(Date.parse(before.body.expiresAt)).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);

    const bad = await api.request<any>('POST', `/api/v1/surveys/${token}`, { body: { satisfaction: 'genial' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('satisfaction');

    const answered = await api.request<any>('POST', `/api/v1/surveys/${token}?number=${n}`, {
      body: { satisfaction: 'regular', comment: 'Tardó un poco' },
    });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ ticketNumber: n, status: 'cerrado', answered: true });

    const again = await api.request<any>('POST', `/api/v1/surveys/${token}`, { body: { satisfaction: 'satisfecho' } });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('ya fue respondida');
    expect((await api.request<any>('GET', `/api/v1/surveys/${token}`)).body.answered).toBe(true);

    const staffView = await view(t.supervisor, n, (v) => v.timeline.some((e) => e.type === 'survey.answered'));
    expect(staffView.timeline.filter((e) => e.type === 'survey.answered')).toHaveLength(1);
    expect(staffView.timeline.find((e) => e.type === 'ticket.solution-accepted')).toMatchObject({
      by: { name: 'Persona referente', role: 'referente' },
      details: { comment: 'Confirmado con la usuaria', status: 'resuelto' },
    });
    expect(await surveysOf(n)).toBe(1);
  });

  it('refuses forged, malformed, foreign and expired links with clear 4xx answers', async () => {
    const { number: n, token } = linked;
    const other = await register(phoneRequester);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;

    const invalid = async (path: string) => {
      const r = await api.request<any>('GET', path);
      expect({ path, status: r.status, code: r.body.code }).toEqual({ path, status: 400, code: 'SURVEY_LINK_INVALID' });
      expect(r.body.message).toContain('enlace de la encuesta');
    };
    await invalid(`/api/v1/surveys/${flipped}`);
    await invalid('/api/v1/surveys/no-es-un-token');
    // A genuine link shown on the page of another ticket.
    await invalid(`/api/v1/surveys/${token}?number=${other}`);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    // Signed with another key.
    await invalid(`/api/v1/surveys/${await forge(claims, { key: new TextEncoder().encode('x'.repeat(40)) })}`);
    // Correctly signed, but the ticket of A with the number of B, or another requester.
    await invalid(`/api/v1/surveys/${await forge({ ...claims, num: other })}`);
    await invalid(`/api/v1/surveys/${await forge({ ...claims, req: requesterDigest('otra@salud.gob') })}`);

    const expired = await forge(claims, { exp: Math.floor(Date.now() / 1000) - 60 });
    for (const method of ['GET', 'POST']) {
      const r = await api.request<any>(method, `/api/v1/surveys/${expired}`, {
        ...(method === 'POST' ? { body: { satisfaction: 'satisfecho' } } : {}),
      });
      expect({ method, status: r.status, code: r.body.code }).toEqual({
        method,
        status: 410,
        code: 'SURVEY_LINK_EXPIRED',
      });
    }
    expect(await surveysOf(n)).toBe(1);
  });

  it('lets a signed-in requester answer through the ticket, and the link then finds it answered', async () => {
    const n = await register(accountRequester);
    await resolve(n);
    await act(t.requester, n, 'acceptance');
    await approve(n);
    const { token } = await closureLink(accountRequester, n);
    await act(t.requester, n, 'survey', { satisfaction: 'satisfecho', score: 5 });
    await act(t.requester, n, 'survey', { satisfaction: 'satisfecho' }, 409);
    expect((await api.request<any>('GET', `/api/v1/surveys/${token}`)).body.answered).toBe(true);
    expect((await api.request('POST', `/api/v1/surveys/${token}`, { body: { satisfaction: 'regular' } })).status).toBe(
      409,
    );
    expect(await surveysOf(n)).toBe(1);
  });

  it('accepts a solution only on a resolved ticket, from its requester or referente', async () => {
    const n = await register(accountRequester);
    await act(t.operator, n, 'take');
    const early = await act(t.requester, n, 'acceptance', { comment: 'ya anda' }, 409);
    expect(early.message).toContain('resuelto');
    await act(t.operator, n, 'solution', { solution: 'Se reinició el servicio de correo.' });
    await act(t.operator, n, 'submit', { verifiedWithRequester: true });
    await act(t.otherReferente, n, 'acceptance', {}, 403);
    await act(t.operator, n, 'acceptance', {}, 403);
    await act(undefined, n, 'acceptance', {}, 401);
    expect(await act(t.requester, n, 'acceptance')).toMatchObject({ status: 'resuelto' });
    // "El problema persiste" needs its reason.
    const noReason = await act(t.requester, n, 'reopen', {}, 400);
    expect(JSON.stringify(noReason)).toContain('reason');
  });

  it('lets a referente act for the people of their jurisdiction only', async () => {
    const mine = await register('persona@salud.gob', { token: t.referente });
    await register('persona@educacion.gob', { token: t.referente, jurisdiction: 'EDUCACION', expected: 403 });
    const theirs = await register('persona@educacion.gob', { jurisdiction: 'EDUCACION' });

    await act(t.referente, mine, 'comments', { text: 'Agrego el número de interno: 1234' });
    await act(t.otherReferente, mine, 'comments', { text: 'No es mío' }, 403);
    await resolve(mine);
    await act(t.referente, mine, 'reopen', { reason: 'El problema persiste en otra PC' });
    await act(t.otherReferente, mine, 'reopen', { reason: 'x' }, 403);
    await act(t.operator, mine, 'solution', { solution: 'Se reconfiguró el cliente de correo.' });
    await act(t.operator, mine, 'submit', { verifiedWithRequester: true });
    await act(t.referente, mine, 'acceptance', { comment: 'Ahora sí' });
    await approve(mine);

    const report = await api.request<any>('GET', `/api/v1/tickets/${mine}/closure-report`, { token: t.referente });
    expect(report.status).toBe(200);
    const foreign = await api.request<any>('GET', `/api/v1/tickets/${mine}/closure-report`, {
      token: t.otherReferente,
    });
    expect(foreign.status).toBe(403);

    const list = await waitFor(
      async () => {
        const r = await api.request<any>('GET', '/api/v1/tickets?limit=100', { token: t.referente });
        return r.status === 200 && r.body.items.some((i: { number: number }) => i.number === mine) ? r.body : undefined;
      },
      { what: 'the referente’s list' },
    );
    expect(list.items.every((i: { jurisdiction: string }) => i.jurisdiction === 'SALUD')).toBe(true);
    expect(list.items.some((i: { number: number }) => i.number === theirs)).toBe(false);
    await view(t.referente, mine, () => true);
    await waitFor(
      async () =>
        (await api.request('GET', `/api/v1/tickets/${theirs}`, { token: t.referente })).status === 403 || undefined,
      { what: 'the other jurisdiction’s ticket refused' },
    );
  });

  it('shows requesters and referentes the public timeline, staff the whole of it', async () => {
    const n = await register(accountRequester);
    await resolve(n);
    await act(t.supervisor, n, 'review', { decision: 'reject', observations: 'Observación reservada del supervisor' });
    const done = (v: TicketViewV1) => v.timeline.some((e) => e.type === 'ticket.review-rejected');
    const staff = JSON.stringify(await view(t.supervisor, n, done));
    for (const internal of ['operator@cau.gob', '10.0.0.7', 'Nota interna', 'Observación reservada']) {
      expect(staff).toContain(internal);
    }
    for (const token of [t.requester, t.referente]) {
      const seen = await view(token, n, done);
      const text = JSON.stringify(seen.timeline);
      for (const internal of ['@cau.gob', '10.0.0.7', 'Nota interna', 'Observación reservada']) {
        expect(text).not.toContain(internal);
      }
      expect(seen.timeline.map((e) => e.type)).not.toContain('ticket.work-logged');
      expect(seen.timeline.find((e) => e.type === 'ticket.resolved')?.details).toEqual({
        status: 'resuelto',
        solution: 'Se reinició el servicio de correo.',
      });
    }
  });

  it("gives the ticket's response and resolution targets to its requester, and the times they were met", async () => {
    const n = await register(accountRequester);
    type Detail = TicketViewV1 & {
      serviceLevel: { responseDueAt: string | null; resolutionDueAt: string | null; resolvedAt: string | null } | null;
    };
    const routed = (await view(t.requester, n, (v) => (v as Detail).serviceLevel?.resolutionDueAt != null)) as Detail;
    const { responseDueAt, resolutionDueAt } = routed.serviceLevel!;
    expect(Date.parse(responseDueAt!)).toBeGreaterThan(Date.parse(routed.registeredAt));
    expect(Date.parse(resolutionDueAt!)).toBeGreaterThanOrEqual(Date.parse(responseDueAt!));
    expect(routed.serviceLevel!.resolvedAt).toBeNull();
    await resolve(n);
    const resolved = (await view(t.requester, n, (v) => (v as Detail).serviceLevel?.resolvedAt != null)) as Detail;
    expect(Date.parse(resolved.serviceLevel!.resolvedAt!)).toBeGreaterThanOrEqual(Date.parse(routed.registeredAt));
    // Someone who may not see the ticket gets neither the ticket nor its targets.
    const foreign = await api.request<{ serviceLevel?: unknown }>('GET', `/api/v1/tickets/${n}`, {
      token: t.otherReferente,
    });
    expect(foreign.status).toBe(403);
  });

  it('expires the link after the configured validity (notifications restarted with a 1 s validity)', async () => {
    const notifications = platform.processes.find((p) => p.name === 'notifications')!;
    await notifications.stop();
    platform.processes.splice(platform.processes.indexOf(notifications), 1);
    await platform.spawn('notifications', { SURVEY_LINK_TTL_SECONDS: '1' });
    const n = await register(phoneRequester);
    await resolve(n);
    await approve(n);
    const { token } = await closureLink(phoneRequester, n);
    const closedAt = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      iat: number;
      exp: number;
    };
    expect(closedAt.exp - closedAt.iat).toBe(1);
    await waitFor(async () => Date.now() / 1000 > closedAt.exp + 1 || undefined, { what: 'the link to expire' });
    const expired = await api.request<any>('POST', `/api/v1/surveys/${token}`, { body: { satisfaction: 'regular' } });
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('SURVEY_LINK_EXPIRED');
    expect(expired.body.message).toContain('venció');
    expect(await surveysOf(n)).toBe(0);
  }, 60_000);
});
