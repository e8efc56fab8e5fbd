import type { ProblemsReportV1, ProblemsV1, ProblemV1 } from '@cau/contracts';
import { ApiClient, startTestPlatform, waitFor, type TestPlatform } from '@cau/testing';

/**
 * Issue 18, problem records (docs/domain.md § Post-assistance evaluation), through HTTP on the whole platform: incidents linked and
 * unlinked, a ticket in at most one problem, bad input named by field, the workaround's article checked
 * with knowledge, the status rules, who may do what, every change in the audit log, and the open problems
 * with their incidents in the reports.
 */
describe('end to end: problem records', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startTestPlatform('e2eproblems');
    api = new ApiClient(platform.gatewayUrl);
    const admin = await api.token(platform.admin.email, platform.admin.password);
    t.admin = admin;
    const account = async (key: string, role: string, extra: Record<string, string> = {}) => {
      const email = extra.email ?? `${key}@cau.gob.ar`;
      const password = `clave-${key}-12345`;
      await api.createAccount(admin, {
        email,
        name: `Persona ${key}`,
        role,
        password,
        ...(extra.area ? { area: extra.area } : {}),
      });
      t[key] = await api.token(email, password);
    };
    await account('operator', 'operator');
    await account('uit', 'agent', { area: 'UIT' });
    await account('upat', 'agent', { area: 'UPAT' });
    await account('supervisor', 'supervisor');
    await account('ana', 'requester', { email: 'ana.perez@salud.gob.ar' });
  }, 240_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  async function register(title: string): Promise<number> {
    const response = await api.request<{ number: number }>('POST', '/api/v1/tickets', {
      token: t.operator,
      body: {
        channel: 'telefono',
        requester: { email: 'ana.perez@salud.gob.ar', name: 'Ana Pérez' },
        jurisdiction: 'SALUD',
        title,
        description: `${title}. Reportado por teléfono.`,
        type: 'incidente',
        category: 'correo-electronico',
        impact: 'medio',
        urgency: 'media',
      },
    });
    expect(response.status).toBe(201);
    return response.body.number;
  }

  const send = <T = any>(method: string, path: string, token: string, body?: unknown) =>
    api.request<T>(method, path, { token, ...(body !== undefined ? { body } : {}) });

  /** Resolution learns of a ticket from its registration event: the first link may have to wait for it. */
  async function createWith(tickets: number[], token = t.uit!, area = 'UIT'): Promise<ProblemV1> {
    return waitFor(
      async () => {
        const r = await send<ProblemV1>('POST', '/api/v1/problems', token, {
          title: 'Caídas del correo por las mañanas',
          description: 'Varios organismos no reciben correo entre las 8 y las 9.',
          area,
          tickets,
        });
        if (r.status === 400) return undefined;
        expect(r.status).toBe(201);
        return r.body;
      },
      { what: 'a problem with its tickets', timeoutMs: 20_000 },
    );
  }

  it('links incidents (a ticket in at most one problem), unlinks them, and lists them with counts', async () => {
    const a = await register('Sin correo desde las 8');
    const b = await register('El correo no llega');
    const c = await register('Correo caído en el ministerio');

    const first = await createWith([a]);
    expect(first).toMatchObject({ status: 'abierto', area: 'UIT', ticketCount: 1, openTicketCount: 1 });
    expect(first.tickets).toEqual([expect.objectContaining({ number: a, status: expect.any(String) })]);
    expect(first.createdBy.name).toBe('Persona uit');

    // b and c may not have reached resolution yet: a 400 naming them until they have.
    const both = await waitFor(
      async () => {
        const r = await send<ProblemV1>('POST', `/api/v1/problems/${first.id}/tickets`, t.uit!, { tickets: [b, c, a] });
        return r.status === 400 ? undefined : r;
      },
      { what: 'linking b and c', timeoutMs: 20_000 },
    );
    expect(both.status).toBe(200);
    expect(both.body.tickets.map((x) => x.number)).toEqual([a, b, c]);

    const second = await createWith([], t.supervisor);
    const taken = await send('POST', `/api/v1/problems/${second.id}/tickets`, t.supervisor!, { tickets: [a] });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toContain(`#${a}`);
    expect(taken.body.message).toContain('otro problema');

    const unknown = await send('POST', `/api/v1/problems/${second.id}/tickets`, t.supervisor!, { tickets: [987_654] });
    expect([unknown.status, unknown.body.fields]).toEqual([
      400,
      [{ field: 'tickets.0', message: 'El campo «tickets.0» nombra un ticket que no existe (987654).' }],
    ]);
    const text = await send('POST', `/api/v1/problems/${second.id}/tickets`, t.supervisor!, { tickets: ['doce'] });
    expect([text.status, text.body.fields[0].field]).toEqual([400, 'tickets']);
    const huge = await send('POST', `/api/v1/problems/${second.id}/tickets`, t.supervisor!, { tickets: [1e300] });
    expect([huge.status, huge.body.fields[0].field]).toEqual([400, 'tickets']);
    const empty = await send('POST', `/api/v1/problems/${second.id}/tickets`, t.supervisor!, { tickets: [] });
    expect([empty.status, empty.body.fields[0].field]).toEqual([400, 'tickets']);

    const unlinked = await send<ProblemV1>('DELETE', `/api/v1/problems/${first.id}/tickets/${a}`, t.uit!);
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.tickets.map((x) => x.number)).toEqual([b, c]);
    const notThere = await send('DELETE', `/api/v1/problems/${first.id}/tickets/${a}`, t.uit!);
    expect(notThere.status).toBe(404);
    expect((await send('POST', `/api/v1/problems/${second.id}/tickets`, t.supervisor!, { tickets: [a] })).status).toBe(
      200,
    );

    const ofA = await send<ProblemsV1>('GET', `/api/v1/problems?ticket=${a}`, t.operator!);
    expect(ofA.body.problems.map((p) => p.id)).toEqual([second.id]);
    const uit = await send<ProblemsV1>('GET', '/api/v1/problems?area=UIT&status=abierto', t.upat!);
    expect(uit.status).toBe(200);
    expect(uit.body.problems.find((p) => p.id === first.id)).toMatchObject({ ticketCount: 2, openTicketCount: 2 });
    expect(uit.body.openCount).toBeGreaterThanOrEqual(2);
    const badStatus = await send('GET', '/api/v1/problems?status=roto', t.operator!);
    expect([badStatus.status, badStatus.body.fields[0].field]).toEqual([400, 'status']);
  });

  it('checks the workaround article with knowledge, enforces the status rules and records actions', async () => {
    const problem = await createWith([]);
    const path = `/api/v1/problems/${problem.id}`;

    const missingArticle = await send('PATCH', path, t.uit!, {
      workaroundArticleId: '7d4c1b7e-0000-4000-8000-000000000000',
    });
    expect(missingArticle.status).toBe(400);
    expect(missingArticle.body.fields).toEqual([
      expect.objectContaining({ field: 'workaroundArticleId', message: expect.stringContaining('no existe') }),
    ]);
    const notUuid = await send('PATCH', path, t.uit!, { workaroundArticleId: 'articulo' });
    expect([notUuid.status, notUuid.body.fields[0].field]).toEqual([400, 'workaroundArticleId']);

    const tooEarly = await send('PATCH', path, t.uit!, { status: 'resuelto' });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.fields[0]).toMatchObject({ field: 'status' });
    expect(tooEarly.body.fields[0].message).toContain('falta la causa raíz');

    const article = await send<{ id: string }>('POST', '/api/v1/kb/articles', t.operator!, {
      title: 'Correo caído por la mañana: reenviar la cola',
      problem: 'Los correos no llegan entre las 8 y las 9',
      solutionSteps: ['Reenviar la cola del servidor de correo'],
      category: 'correo-electronico',
      tags: ['correo'],
      visibility: 'internal',
    });
    expect(article.status).toBe(201);
    const workaround = await send<ProblemV1>('PATCH', path, t.uit!, {
      status: 'solucion_temporal',
      workaroundArticleId: article.body.id,
      workaround: 'Reenviar la cola del servidor de correo.',
    });
    expect(workaround.status).toBe(200);
    expect(workaround.body).toMatchObject({ status: 'solucion_temporal', workaroundArticleId: article.body.id });

    const action = await send<ProblemV1>('POST', `${path}/actions`, t.uit!, { text: 'Se revisó el certificado TLS.' });
    expect(action.status).toBe(200);
    expect(action.body.actions).toEqual([
      expect.objectContaining({
        text: 'Se revisó el certificado TLS.',
        by: expect.objectContaining({ name: 'Persona uit' }),
      }),
    ]);
    const blank = await send('POST', `${path}/actions`, t.uit!, { text: '   ' });
    expect([blank.status, blank.body.fields[0].field]).toEqual([400, 'text']);

    const resolved = await send<ProblemV1>('PATCH', path, t.uit!, {
      status: 'resuelto',
      rootCause: 'El certificado del servidor vencía cada noche.',
    });
    expect([resolved.status, resolved.body.status]).toEqual([200, 'resuelto']);

    // Who may do what: the area edits, another area and requesters do not, only supervisors close.
    expect((await send('PATCH', path, t.upat!, { title: 'Otro' })).status).toBe(403);
    expect((await send('PATCH', path, t.uit!, { status: 'cerrado' })).status).toBe(403);
    expect((await send('PATCH', path, t.uit!, { area: 'UPAT' })).status).toBe(403);
    expect((await send('GET', '/api/v1/problems', t.ana!)).status).toBe(403);
    expect((await send('POST', '/api/v1/problems', t.upat!, { title: 'X', area: 'UIT' })).status).toBe(403);
    const closed = await send<ProblemV1>('PATCH', path, t.supervisor!, { status: 'cerrado' });
    expect([closed.status, closed.body.status]).toEqual([200, 'cerrado']);
    expect((await send('PATCH', path, t.supervisor!, { status: 'en_analisis' })).status).toBe(409);
    expect((await send('POST', `${path}/actions`, t.supervisor!, { text: 'Tarde' })).status).toBe(409);

    const badId = await send('GET', '/api/v1/problems/no-es-un-id', t.operator!);
    expect([badId.status, badId.body.fields[0].field]).toEqual([400, 'id']);
    expect((await send('GET', '/api/v1/problems/7d4c1b7e-0000-4000-8000-000000000000', t.operator!)).status).toBe(404);
    const noTitle = await send('POST', '/api/v1/problems', t.uit!, { area: 'UIT' });
    expect([noTitle.status, noTitle.body.fields[0].field]).toEqual([400, 'title']);
  });

  it('audits every change of a problem, and the reports show it open with its incidents until it is closed', async () => {
    const a = await register('Sin VPN desde la sede');
    const b = await register('La VPN se corta');
    const problem = await createWith([a]);
    const path = `/api/v1/problems/${problem.id}`;
    expect((await send('PATCH', path, t.uit!, { status: 'en_analisis', rootCause: 'Túnel caído' })).status).toBe(200);
    expect((await send('POST', `${path}/actions`, t.uit!, { text: 'Se reinició el concentrador.' })).status).toBe(200);
    const linked = await waitFor(
      async () => {
        const r = await send<ProblemV1>('POST', `${path}/tickets`, t.uit!, { tickets: [b] });
        return r.status === 400 ? undefined : r;
      },
      { what: 'linking b', timeoutMs: 20_000 },
    );
    expect(linked.status).toBe(200);

    // The reports count the problem's incidents once reporting has the events (today's month).
    const today = new Date();
    const month = today.toISOString().slice(0, 7);
    const next = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
    const reportPath = `/api/v1/reports/problems?from=${month}-01&to=${next}-01`;
    const row = await waitFor(
      async () => {
        const r = await send<ProblemsReportV1>('GET', reportPath, t.supervisor!);
        expect(r.status).toBe(200);
        const found = r.body.problems.find((p) => p.id === problem.id);
        return found?.incidents === 2 ? found : undefined;
      },
      { what: 'the problem in the report', timeoutMs: 20_000 },
    );
    expect(row).toMatchObject({ number: problem.number, status: 'en_analisis', area: 'UIT', openIncidents: 2 });
    expect((await send('GET', reportPath, t.ana!)).status).toBe(403);

    expect((await send('DELETE', `${path}/tickets/${b}`, t.uit!)).status).toBe(200);
    expect((await send('PATCH', path, t.supervisor!, { status: 'cerrado' })).status).toBe(200);
    // Refused changes are not audited.
    expect((await send('PATCH', path, t.supervisor!, { status: 'en_analisis' })).status).toBe(409);

    const audit = await send<{
      items: Array<{ action: string; actor: { name: string }; before: unknown; after: unknown }>;
    }>('GET', `/api/v1/audit?targetType=problem&targetId=${problem.id}`, t.admin!);
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e) => [e.action, e.actor.name]).reverse()).toEqual([
      ['problem.create', 'Persona uit'],
      ['problem.update', 'Persona uit'],
      ['problem.add-action', 'Persona uit'],
      ['problem.link-tickets', 'Persona uit'],
      ['problem.unlink-ticket', 'Persona uit'],
      ['problem.close', 'Persona supervisor'],
    ]);
    const [close, unlink, link, action, update, create] = audit.body.items;
    expect(create!.after).toMatchObject({
      title: 'Caídas del correo por las mañanas',
      status: 'abierto',
      tickets: [a],
    });
    expect([update!.before, update!.after]).toEqual([
      expect.objectContaining({ status: 'abierto', rootCause: null }),
      expect.objectContaining({ status: 'en_analisis', rootCause: 'Túnel caído' }),
    ]);
    expect(action!.after).toEqual({ action: 'Se reinició el concentrador.' });
    expect([link!.before, link!.after]).toEqual([{ tickets: [a] }, { tickets: [a, b] }]);
    expect([unlink!.before, unlink!.after]).toEqual([{ tickets: [a, b] }, { tickets: [a] }]);
    expect([close!.before, close!.after]).toEqual([
      expect.objectContaining({ status: 'en_analisis' }),
      expect.objectContaining({ status: 'cerrado' }),
    ]);

    // Closed: no longer among the open problems.
    await waitFor(
      async () => {
        const r = await send<ProblemsReportV1>('GET', reportPath, t.supervisor!);
        return r.body.problems.every((p) => p.id !== problem.id) ? true : undefined;
      },
      { what: 'the closed problem out of the report', timeoutMs: 20_000 },
    );
  });
});
