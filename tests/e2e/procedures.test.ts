import type { TicketViewV1 } from '@cau/contracts';
import { ApiClient, startTestPlatform, waitFor, type TestPlatform } from '@cau/testing';

/**
 * The procedures 9.1, 9.2 and 9.3 of docs/domain.md, driven only through HTTP as the people involved would:
 * the L1 operator, the area agents, the supervisor and the requester. Resolution runs as one instance
 * per technical area plus a general one for L1, side by side.
 */
describe('end to end: the CAU procedures', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  /** Tokens of the accounts the procedures need, by who they are. */
  type Person = 'admin' | 'operator' | 'supervisor' | 'requester' | 'other' | 'UIT' | 'UPAT' | 'ACGII' | 'ADT';
  const t = {} as Record<Person, string>;
  const requesterEmail = 'juan.quispe@minedu.gob.bo';

  beforeAll(async () => {
    platform = await startTestPlatform('e2eproc', { env: { CAU_AREAS: 'L1' } });
    for (const area of ['UIT', 'UPAT', 'ACGII', 'ADT']) await platform.spawn('resolution', { CAU_AREAS: area });
    api = new ApiClient(platform.gatewayUrl);
    const admin = await api.token(platform.admin.email, platform.admin.password);
    t.admin = admin;
    const account = async (key: Person, role: string, extra: Record<string, string> = {}) => {
      t[key] = await api.createAccount(admin, {
        email: extra.email ?? `${key}@agetic.gob.bo`,
        name: `Persona ${key}`,
        role,
        password: `clave-${key}-12345`,
        ...(extra.area ? { area: extra.area } : {}),
      });
    };
    await account('operator', 'operator');
    await account('supervisor', 'supervisor');
    await account('requester', 'requester', { email: requesterEmail });
    await account('other', 'requester', { email: 'otra.persona@minedu.gob.bo' });
    for (const area of ['UIT', 'UPAT', 'ACGII', 'ADT'] as const) await account(area, 'agent', { area });
  }, 240_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  async function register(title: string, type = 'incidente'): Promise<number> {
    const response = await api.request<{ number: number }>('POST', '/api/v1/tickets', {
      token: t.operator,
      body: {
        channel: 'telefono',
        requester: { email: requesterEmail, name: 'Juan Quispe' },
        jurisdiction: 'MINEDU',
        title,
        description: `${title}. Reportado por teléfono.`,
        type,
        category: 'sistemas-y-aplicaciones',
        impact: 'medio',
        urgency: 'media',
      },
    });
    expect(response.status).toBe(201);
    return response.body.number;
  }

  /** POST an action; the first one after registration may have to wait for the ticket to be routed. */
  async function act(token: string, number: number, action: string, body?: unknown, expected = 200) {
    const response = await waitFor(
      async () => {
        const r = await api.request<any>('POST', `/api/v1/tickets/${number}/${action}`, {
          token,
          ...(body !== undefined ? { body } : {}),
        });
        return r.status === 404 ? undefined : r;
      },
      { what: `#${number} ${action}`, timeoutMs: 15_000 },
    );
    expect({ action, status: response.status, body: response.body }).toMatchObject({ action, status: expected });
    return response.body;
  }

  const derive = (token: string, number: number, to: string, reason: string, expected = 201) =>
    act(token, number, 'derivations', { to, reason }, expected);

  async function view(number: number, until: (v: TicketViewV1) => boolean): Promise<TicketViewV1> {
    return waitFor(
      async () => {
        const r = await api.request<TicketViewV1>('GET', `/api/v1/tickets/${number}`, { token: t.supervisor });
        return r.status === 200 && until(r.body) ? r.body : undefined;
      },
      { what: `the view of #${number}`, timeoutMs: 15_000 },
    );
  }

  /** The mail of ticket `number` that reached `address`, once it arrives. */
  const mailTo = (address: string, number: number, kind: string) =>
    waitFor(
      () =>
        Promise.resolve(
          platform.smtp.mails.find(
            (mail) =>
              mail.envelopeTo.includes(address) &&
              mail.parsed.subject?.startsWith(`[CAU #${number}]`) &&
              mail.parsed.messageId?.startsWith(`<${kind}.`),
          ),
        ),
      { what: `the ${kind} mail of #${number} to ${address}`, timeoutMs: 15_000 },
    );

  async function closeAtL1(number: number) {
    await act(t.operator, number, 'submit', { verifiedWithRequester: true, articleRef: 'KB-42' });
    const closed = await act(t.supervisor, number, 'review', { decision: 'approve' });
    expect(closed).toMatchObject({ status: 'cerrado', area: 'L1' });
  }

  it('9.1: solved at L1, reviewed and closed by the supervisor, then rated by the requester', async () => {
    const n = await register('No puedo ingresar al sistema de correspondencia');
    expect(await act(t.operator, n, 'take')).toMatchObject({ status: 'en_curso', area: 'L1' });
    await act(t.operator, n, 'worklogs', { description: 'Restablecí la contraseña', minutes: 15 });
    await act(t.operator, n, 'solution', { solution: 'Se restableció la contraseña y se verificó el ingreso.' });
    await closeAtL1(n);
    const report = await api.request<any>('GET', `/api/v1/tickets/${n}/closure-report`, { token: t.supervisor });
    expect(report.status).toBe(200);
    expect(JSON.stringify(report.body)).toContain('Se restableció la contraseña');
    expect(
      await act(t.requester, n, 'survey', { satisfaction: 'satisfecho', score: 5, comment: 'Rápido' }),
    ).toBeTruthy();
    const final = await view(n, (v) => v.status === 'cerrado' && v.timeline.some((e) => e.type === 'survey.answered'));
    expect(final.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'ticket.registered',
        'ticket.routed',
        'ticket.taken',
        'ticket.resolved',
        'ticket.closed',
      ]),
    );
  });

  it('9.1: a rejected review goes back to the operator with observations, and the second attempt closes', async () => {
    const n = await register('La impresora imprime hojas en blanco');
    await act(t.operator, n, 'take');
    await act(t.operator, n, 'solution', { solution: 'Se reinició la impresora.' });
    await act(t.operator, n, 'submit', { verifiedWithRequester: true });
    const rejected = await act(t.supervisor, n, 'review', {
      decision: 'reject',
      observations: 'No se registró el cambio de tóner; verificar con el usuario.',
    });
    expect(rejected).toMatchObject({ status: 'en_curso', area: 'L1' });
    // Told at their own address: the operator who submitted the solution.
    expect((await mailTo('operator@agetic.gob.bo', n, 'review-rejected')).parsed.text).toContain('tóner');
    await act(t.operator, n, 'solution', { solution: 'Se cambió el tóner y se imprimió una página de prueba.' });
    await closeAtL1(n);
    const v = await view(n, (x) => x.status === 'cerrado');
    expect(v.timeline.map((e) => e.type)).toContain('ticket.review-rejected');
  });

  it('9.2 through UIT alone', async () => {
    const n = await register('El servidor de archivos no responde');
    await act(t.operator, n, 'take');
    await derive(t.operator, n, 'UIT', 'Problema de disponibilidad del servicio');
    expect(await act(t.UIT, n, 'take')).toMatchObject({ area: 'UIT', status: 'en_curso' });
    await act(t.UIT, n, 'estimates', { minutes: 90, note: 'Revisar el almacenamiento' });
    await act(t.UIT, n, 'worklogs', { description: 'Se amplió el volumen', minutes: 60 });
    await act(t.UIT, n, 'solution', {
      solution: 'Se amplió el almacenamiento del servidor.',
      elements: 'srv-archivos-01',
    });
    await derive(t.UIT, n, 'L1', 'Solución registrada');
    await closeAtL1(n);
  });

  it('9.2 through UPAT → UIT', async () => {
    const n = await register('El sistema de trámites muestra un error al guardar');
    await derive(t.operator, n, 'UIT', 'Falla del servicio');
    await act(t.UIT, n, 'take');
    await derive(t.UIT, n, 'UPAT', 'Requiere una corrección del sistema');
    await act(t.UPAT, n, 'take');
    await act(t.UPAT, n, 'estimates', { minutes: 240 });
    await act(t.UPAT, n, 'worklogs', { description: 'Corrección publicada en pruebas', minutes: 180 });
    await derive(t.UPAT, n, 'UIT', 'Coordinar el despliegue en producción');
    // The UIT agent who held the ticket before is told it is back.
    await mailTo('uit@agetic.gob.bo', n, 'ticket-escalated');
    await act(t.UIT, n, 'take');
    await act(t.UIT, n, 'solution', { solution: 'Se desplegó la versión corregida.' });
    await derive(t.UIT, n, 'L1', 'Solución registrada');
    await closeAtL1(n);
    const path = await api.request<any>('GET', `/api/v1/tickets/${n}/path`, { token: t.supervisor });
    expect(path.body.steps.map((d: { to: string }) => d.to)).toEqual(['L1', 'UIT', 'UPAT', 'UIT', 'L1']);
  });

  it('9.2 through ACGII → UIT', async () => {
    const n = await register('Correos sospechosos con enlaces maliciosos', 'incidente_seguridad');
    await derive(t.operator, n, 'UIT', 'Posible incidente de seguridad');
    await act(t.UIT, n, 'take');
    await derive(t.UIT, n, 'ACGII', 'Incidente de seguridad');
    await act(t.ACGII, n, 'take');
    await act(t.ACGII, n, 'worklogs', { description: 'Investigación del origen y alcance', minutes: 120 });
    await derive(t.ACGII, n, 'UIT', 'Bloquear el dominio en el filtro de correo');
    await act(t.UIT, n, 'take');
    await act(t.UIT, n, 'solution', { solution: 'Se bloqueó el dominio remitente.' });
    await derive(t.UIT, n, 'L1', 'Solución registrada');
    await closeAtL1(n);
  });

  it('9.3 through ADT alone', async () => {
    const n = await register('El formulario de inscripción no permite cargar la fecha');
    await derive(t.operator, n, 'ADT', 'Problema de diseño funcional');
    await act(t.ADT, n, 'take');
    await act(t.ADT, n, 'solution', { solution: 'Se corrigió la validación del campo fecha.' });
    await derive(t.ADT, n, 'L1', 'Solución registrada');
    await closeAtL1(n);
  });

  it('9.3 through ADT → UPAT → UIT', async () => {
    const n = await register('El flujo de aprobación omite un paso');
    await derive(t.operator, n, 'ADT', 'Diseño funcional');
    await act(t.ADT, n, 'take');
    await derive(t.ADT, n, 'UPAT', 'Requiere desarrollo');
    await act(t.UPAT, n, 'take');
    await act(t.UPAT, n, 'estimates', { minutes: 480 });
    await derive(t.UPAT, n, 'UIT', 'Desplegar la nueva versión');
    await act(t.UIT, n, 'take');
    await act(t.UIT, n, 'solution', { solution: 'Versión 2.3 desplegada.' });
    await derive(t.UIT, n, 'L1', 'Solución registrada');
    await closeAtL1(n);
  });

  it('reopens after closure and lets the ticket be escalated again', async () => {
    const n = await register('La VPN se desconecta');
    await act(t.operator, n, 'take');
    await act(t.operator, n, 'solution', { solution: 'Se reinstaló el cliente VPN.' });
    await closeAtL1(n);
    expect(await act(t.requester, n, 'reopen', { reason: 'Se volvió a desconectar esta mañana' })).toMatchObject({
      status: 'en_curso',
      area: 'L1',
    });
    // Routing learns of the reopening from resolution's event: until then it still holds the ticket closed.
    await waitFor(
      async () => {
        const r = await api.request<any>('POST', `/api/v1/tickets/${n}/derivations`, {
          token: t.operator,
          body: { to: 'UIT', reason: 'Problema de disponibilidad de la VPN' },
        });
        if (r.status === 409 && String(r.body?.message).includes('está cerrado')) return undefined;
        expect(r.status).toBe(201);
        return r;
      },
      { what: `#${n} derived once routing knows it was reopened`, timeoutMs: 30_000 },
    );
    expect(await act(t.UIT, n, 'take')).toMatchObject({ area: 'UIT', status: 'en_curso' });
  });

  it('refuses what the procedures do not allow, with a clear 4xx, and changes nothing', async () => {
    const n = await register('Pantalla azul al iniciar');
    await act(t.operator, n, 'take');
    const notInGraph = await derive(t.operator, n, 'UPAT', 'Directo a UPAT', 409);
    expect(notInGraph.message).toMatch(/UIT/);
    await act(t.UPAT, n, 'take', undefined, 403); // an agent of another area
    await act(t.operator, n, 'solution', { solution: 'Se reparó el arranque.' });
    await act(t.operator, n, 'submit', { verifiedWithRequester: true });
    await act(t.operator, n, 'review', { decision: 'approve' }, 403); // only supervisors close
    await act(t.UIT, n, 'review', { decision: 'approve' }, 403);
    await act(t.requester, n, 'review', { decision: 'approve' }, 403);
    expect((await view(n, (v) => v.status === 'resuelto')).status).toBe('resuelto');
    await act(t.supervisor, n, 'review', { decision: 'approve' });
    await act(t.operator, n, 'take', undefined, 409); // an action on a closed ticket
    await act(t.other, n, 'survey', { satisfaction: 'regular' }, 403); // someone else
    await act(t.requester, n, 'survey', { satisfaction: 'regular' });
    await act(t.requester, n, 'survey', { satisfaction: 'satisfecho' }, 409); // twice
    // Wait for what is asserted: the survey's entry reaches the read side after the closure does.
    const v = await view(n, (x) => x.status === 'cerrado' && x.timeline.some((e) => e.type === 'survey.answered'));
    expect(v.timeline.filter((e) => e.type === 'survey.answered')).toHaveLength(1);
  });

  it('has each area served by its own resolution instance', async () => {
    const resolutions = platform.processes.filter((p) => p.name === 'resolution');
    expect(resolutions).toHaveLength(5);
    const handled = await Promise.all(
      resolutions.map(async (p) => {
        const text = await (await fetch(`${p.url}/metrics`)).text();
        const areas = new Set(
          [...text.matchAll(/cau_rpc_handled_total\{[^}]*subject="resolution\.([A-Z0-9_]+)\.ticket/g)].map((m) => m[1]),
        );
        return [...areas];
      }),
    );
    // The general instance (first) served only L1; each per-area instance only its own area.
    expect(handled).toEqual([['L1'], ['UIT'], ['UPAT'], ['ACGII'], ['ADT']]);
  });
});
