import type { TicketPageV1, TicketViewV1 } from '@cau/contracts';
import { ApiClient, startTestPlatform, waitFor, type TestPlatform } from '@cau/testing';

/**
 * Issue 12 through HTTP on the whole platform: staff relate tickets, an L1 operator merges a duplicate
 * into its original; both numbers keep opening, both paths say what happened, and a number finds both.
 */
describe('end to end: related tickets and merging a duplicate', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startTestPlatform('e2emerge');
    api = new ApiClient(platform.gatewayUrl);
    const admin = await api.token(platform.admin.email, platform.admin.password);
    const account = async (key: string, role: string, extra: Record<string, string> = {}) => {
      t[key] = await api.createAccount(admin, {
        email: extra.email ?? `${key}@cau.gob.ar`,
        name: `Persona ${key}`,
        role,
        password: `clave-${key}-12345`,
        ...(extra.area ? { area: extra.area } : {}),
      });
    };
    await account('operator', 'operator');
    await account('uit', 'agent', { area: 'UIT' });
    await account('ana', 'requester', { email: 'ana.perez@salud.gob.ar' });
  }, 240_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  async function register(title: string, email: string, name: string): Promise<number> {
    const response = await api.request<{ number: number }>('POST', '/api/v1/tickets', {
      token: t.operator,
      body: {
        channel: 'telefono',
        requester: { email, name },
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

  /** A POST or DELETE; the first one after registration may have to wait for the ticket to be routed. */
  async function send(method: 'POST' | 'DELETE', path: string, body?: unknown, token = t.operator!) {
    return waitFor(
      async () => {
        const r = await api.request<any>(method, path, { token, ...(body !== undefined ? { body } : {}) });
        return r.status === 404 ? undefined : r;
      },
      { what: `${method} ${path}`, timeoutMs: 15_000 },
    );
  }

  async function view(number: number, until: (v: TicketViewV1) => boolean, token = t.operator!): Promise<TicketViewV1> {
    return waitFor(
      async () => {
        const r = await api.request<TicketViewV1>('GET', `/api/v1/tickets/${number}`, { token });
        return r.status === 200 && until(r.body) ? r.body : undefined;
      },
      { what: `the view of #${number}`, timeoutMs: 15_000 },
    );
  }

  it('relates two tickets both ways, refuses bad numbers naming the field, and unrelates them', async () => {
    const a = await register('Sin acceso al correo', 'ana.perez@salud.gob.ar', 'Ana Pérez');
    const b = await register('El correo rebota', 'luis.gomez@salud.gob.ar', 'Luis Gómez');

    // Resolution learns of each ticket when routing has routed it: #b may come a moment after #a.
    const linked = await waitFor(
      async () => {
        const r = await send('POST', `/api/v1/tickets/${a}/related`, { related: b });
        const bNotYetKnown = r.status === 400 && JSON.stringify(r.body).includes(`no existe (${b})`);
        return bNotYetKnown ? undefined : r;
      },
      { what: `#${b} known to resolution`, timeoutMs: 15_000 },
    );
    expect(linked).toMatchObject({ status: 200, body: { number: a, status: 'abierto' } });
    const viewB = await view(b, (v) => v.relatedTickets.length === 1);
    expect(viewB.relatedTickets).toEqual([{ number: a, title: 'Sin acceso al correo', status: 'abierto' }]);
    expect(viewB.timeline.at(-1)!.summary.es).toBe(`Relacionado con el ticket #${a}`);

    const self = await send('POST', `/api/v1/tickets/${a}/related`, { related: a });
    expect(self.status).toBe(400);
    expect(self.body.fields).toEqual([
      { field: 'related', message: `El campo «related» nombra el mismo ticket (${a}): indique otro.` },
    ]);
    const unknown = await send('POST', `/api/v1/tickets/${a}/related`, { related: 987_654 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual([
      { field: 'related', message: 'El campo «related» nombra un ticket que no existe (987654).' },
    ]);
    const text = await send('POST', `/api/v1/tickets/${a}/related`, { related: 'doce' });
    expect([text.status, text.body.fields[0].field]).toEqual([400, 'related']);
    const requester = await send('POST', `/api/v1/tickets/${a}/related`, { related: b }, t.ana);
    expect(requester.status).toBe(403);

    const unlinked = await send('DELETE', `/api/v1/tickets/${b}/related/${a}`);
    expect(unlinked.status).toBe(200);
    await view(a, (v) => v.relatedTickets.length === 0 && v.timeline.at(-1)!.type === 'ticket.unlinked');
  });

  it('merges a duplicate into its original: both open, both paths say so, a number finds both, refusals give the reason', async () => {
    const original = await register('Caída del correo en el ministerio', 'ana.perez@salud.gob.ar', 'Ana Pérez');
    const duplicate = await register('No me llegan correos', 'luis.gomez@salud.gob.ar', 'Luis Gómez');
    expect((await send('POST', `/api/v1/tickets/${original}/take`)).status).toBe(200);
    // The take is on the original's timeline before the merge is asked for, so the merge comes after it.
    await view(original, (v) => v.timeline.some((e) => e.type === 'ticket.taken'));

    const missing = await send('POST', `/api/v1/tickets/${duplicate}/merge`, {});
    expect([missing.status, missing.body.fields]).toEqual([
      400,
      [{ field: 'into', message: 'El campo «into» es obligatorio.' }],
    ]);
    const merged = await send('POST', `/api/v1/tickets/${duplicate}/merge`, { into: original, reason: 'Mismo corte' });
    expect(merged).toMatchObject({ status: 200, body: { number: duplicate, status: 'fusionado', area: 'L1' } });

    const d = await view(duplicate, (v) => v.mergedInto !== null);
    expect(d).toMatchObject({
      status: 'fusionado',
      mergedInto: { number: original, title: 'Caída del correo en el ministerio', status: 'en_curso' },
    });
    expect(d.timeline.at(-1)!.summary.es).toBe(`Fusionado en el ticket #${original} por Persona operator: Mismo corte`);
    // The duplicate's requester is told where the work goes on.
    const mail = await waitFor(
      () =>
        Promise.resolve(
          platform.smtp.mails.find(
            (m) =>
              m.envelopeTo.includes('luis.gomez@salud.gob.ar') &&
              m.parsed.subject === `[CAU #${duplicate}] Su solicitud se unió a otra: No me llegan correos`,
          ),
        ),
      { what: 'the merge mail', timeoutMs: 15_000 },
    );
    expect(mail.parsed.text).toContain(`/tickets/${original}`);
    const o = await view(
      original,
      (v) => v.mergedTickets.length === 1 && v.timeline.some((e) => e.type === 'ticket.merged'),
    );
    expect(o.mergedTickets).toEqual([{ number: duplicate, title: 'No me llegan correos', status: 'fusionado' }]);
    expect(o.timeline.at(-1)!.summary.es).toBe(
      `El ticket #${duplicate} se fusionó en este por Persona operator: Mismo corte`,
    );

    const found = await api.request<TicketPageV1>('GET', `/api/v1/tickets?text=%23${duplicate}`, { token: t.operator });
    expect(found.status).toBe(200);
    expect(found.body.items.map((i) => [i.number, i.mergedInto]).sort()).toEqual(
      [
        [original, null],
        [duplicate, original],
      ].sort(),
    );

    // The duplicate is terminal; resolution's refusal (a code) is worded by the gateway, in Spanish by default.
    const again = await send('POST', `/api/v1/tickets/${duplicate}/merge`, { into: original });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('fusionado');
    const third = await register('Tampoco envía', 'ana.perez@salud.gob.ar', 'Ana Pérez');
    const chained = await send('POST', `/api/v1/tickets/${third}/merge`, { into: duplicate });
    expect(chained.status).toBe(409);
    expect(chained.body.message).toContain(
      `el ticket ${duplicate} ya fue fusionado en el ticket ${original}; fusione el duplicado en ese original`,
    );
    const english = await api.request<any>('POST', `/api/v1/tickets/${third}/merge`, {
      token: t.operator!,
      body: { into: duplicate },
      headers: { 'accept-language': 'en' },
    });
    expect(english.status).toBe(409);
    expect(english.body.message).toBe(
      `Conflict: ticket ${duplicate} was already merged into ticket ${original}; merge the duplicate into that original.`,
    );
    // An agent of UIT does not hold these L1 tickets.
    const agent = await send('POST', `/api/v1/tickets/${third}/merge`, { into: original }, t.uit);
    expect(agent.status).toBe(403);
  });
});
