import { startService, type RunningService } from '@cau/messaging';
import type { TicketPageV1 } from '@cau/contracts';
import { reportingService } from '../src/reporting.service.js';
import { startGateway, type GatewayFixture } from '../../gateway/test/gateway-fixture.js';

/**
 * `GET /api/v1/tickets` as the desk console calls it: the query text converted to the contract (lists,
 * booleans, integers, `me`), each bad value refused with 400 naming the field, in Spanish or English,
 * whether the gateway or reporting finds it, and pages followed by their cursor.
 */
describe('gateway: ticket queues (GET /api/v1/tickets)', () => {
  let f: GatewayFixture;
  let reporting: RunningService;
  let agent: string;
  let agentId: string;

  beforeAll(async () => {
    f = await startGateway('gwqueues');
    reporting = await startService(reportingService, { ...f.env, REPORTING_PORT: '0' });
    agent = await f.http.account(f.adminToken, { email: 'agente.uit@cau.gob', role: 'agent', area: 'UIT' });
    agentId = (await f.http.send<{ id: string }>('GET', '/api/v1/accounts/me', { token: agent })).body.id;
    // The view as the projection leaves it, written directly: the list reads nothing else. Tickets 1–12 in
    // UIT, statuses in turn; every third is the agent's; due dates an hour apart (11 in 1.5 h, 10 in 2.5 h…),
    // the last without one.
    await f.db.query(
      `INSERT INTO reporting.ticket_view
         (ticket_id, number, title, description, channel, type, category, impact, urgency, priority, area, status,
          jurisdiction, requester_email, requester_name, requester, registered_by, attachments, registered_at,
          updated_at, assignee_id, assignee_name, resolution_due_at, overdue)
       SELECT gen_random_uuid(), n, 'Ticket ' || n, 'Descripción', 'telefono', 'incidente', 'correo', 'medio', 'alta',
              (ARRAY['ALTA', 'MEDIA', 'BAJA'])[1 + n % 3], 'UIT', (ARRAY['abierto', 'en_curso', 'resuelto', 'cerrado'])[1 + n % 4],
              'SALUD', 'ana@salud.gob', 'Ana Pérez', '{"email":"ana@salud.gob","name":"Ana"}',
              '{"accountId":"00000000-0000-4000-8000-000000000001","name":"Op","role":"operator"}', '[]',
              timestamptz '2026-03-02 12:00Z' + n * interval '1 hour', now(),
              CASE WHEN n % 3 = 0 THEN $1::uuid END, CASE WHEN n % 3 = 0 THEN 'Agente UIT' END,
              CASE WHEN n < 12 THEN now() + (13 - n) * interval '1 hour' - interval '30 minutes' END, n = 5
       FROM generate_series(1, 12) n`,
      [agentId],
    );
  });

  afterAll(async () => {
    await reporting?.stop();
    await f?.stop();
  });

  const get = (query: string, token = agent, headers: Record<string, string> = {}) =>
    f.http.send<TicketPageV1>('GET', `/api/v1/tickets?${query}`, { token, headers });
  const numbers = async (query: string) => {
    const answer = await get(query);
    expect([query, answer.status]).toEqual([query, 200]);
    return answer.body.items.map((t) => t.number);
  };

  it('takes several statuses repeated, comma-separated, or both', async () => {
    const open = [12, 9, 8, 5, 4, 1];
    expect(await numbers('status=abierto&status=en_curso')).toEqual(open);
    expect(await numbers('status=abierto,en_curso')).toEqual(open);
    expect(await numbers('status=abierto,%20en_curso&status=en_curso')).toEqual(open);
    expect(await numbers('status=resuelto')).toEqual([10, 6, 2]);
  });

  it('resolves assignee=me to the caller, and takes none and an account id', async () => {
    expect(await numbers('assignee=me')).toEqual([12, 9, 6, 3]);
    expect(await numbers(`assignee=${agentId}&status=abierto,en_curso`)).toEqual([12, 9]);
    expect(await numbers('assignee=none&status=abierto')).toEqual([8, 4]);
    // The administrator has nothing assigned.
    const mine = await get('assignee=me', f.adminToken);
    expect(mine.body.items).toEqual([]);
  });

  it('converts booleans and integers: con atraso, about to be, waiting', async () => {
    expect(await numbers('overdue=true')).toEqual([5]);
    expect(await numbers('overdue=false&status=abierto')).toEqual([12, 8, 4]);
    // Due within 5 h and neither resolved nor closed: 11 (1.5 h) is closed, 10 (2.5 h) resolved.
    expect(await numbers('dueWithinHours=5&sort=due')).toEqual([9, 8]);
    expect(await numbers('dueWithinHours=4')).toEqual([9]);
    expect(await numbers('waitingOnRequester=false&status=cerrado')).toEqual([11, 7, 3]);
  });

  it('pages every order by its cursor, and newest also by before', async () => {
    const walk = async (query: string) => {
      const seen: number[] = [];
      let cursor = '';
      for (let i = 0; i < 20; i++) {
        const answer = await get(`${query}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(answer.status).toBe(200);
        seen.push(...answer.body.items.map((t) => t.number));
        if (answer.body.nextCursor === null) return seen;
        cursor = answer.body.nextCursor;
      }
      throw new Error('the paging does not end');
    };
    const all = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(await walk('sort=due')).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 12]);
    expect(await walk('sort=oldest')).toEqual(all);
    expect(await walk('sort=newest')).toEqual([...all].reverse());
    expect((await walk('sort=priority')).length).toBe(12);
    expect((await walk('sort=updated')).sort((a, b) => a - b)).toEqual(all);
    const first = await get('limit=5');
    expect(first.body).toMatchObject({ nextBefore: 8, nextCursor: expect.any(String) });
    expect((await get('limit=5&before=8')).body.items.map((t) => t.number)).toEqual([7, 6, 5, 4, 3]);
  });

  it('answers the fields the queues show', async () => {
    const [row] = (await get('assignee=me&status=en_curso')).body.items;
    expect(row).toMatchObject({
      number: 9,
      assigneeId: agentId,
      assigneeName: 'Agente UIT',
      waitingOnRequester: false,
      impact: 'medio',
      urgency: 'alta',
      responseDueAt: null,
      resolutionDueAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      respondedAt: null,
    });
  });

  describe('bad values → 400 naming the field', () => {
    it.each([
      [
        'status=abierto,perdido',
        'status',
        'El campo «status» debe ser uno de: abierto, en_curso, resuelto, cerrado, fusionado.',
      ],
      ['status=', 'status', 'El campo «status» debe ser uno de: abierto, en_curso, resuelto, cerrado, fusionado.'],
      [
        'assignee=juan',
        'assignee',
        'El campo «assignee» debe ser «me», «none» o el identificador (UUID) de una cuenta.',
      ],
      ['overdue=si', 'overdue', 'El campo «overdue» debe ser verdadero o falso.'],
      ['overdue=true&overdue=false', 'overdue', 'El campo «overdue» debe ser verdadero o falso.'],
      ['waitingOnRequester=1', 'waitingOnRequester', 'El campo «waitingOnRequester» debe ser verdadero o falso.'],
      ['dueWithinHours=0', 'dueWithinHours', 'El campo «dueWithinHours» debe ser mayor o igual que 1.'],
      ['dueWithinHours=721', 'dueWithinHours', 'El campo «dueWithinHours» debe ser menor o igual que 720.'],
      ['dueWithinHours=dos', 'dueWithinHours', 'El campo «dueWithinHours» debe ser un número entero.'],
      ['type=queja', 'type', expect.stringMatching(/^El campo «type» debe ser uno de: solicitud, incidente,/)],
      ['channel=fax', 'channel', expect.stringMatching(/^El campo «channel» debe ser uno de: telefono,/)],
      ['category=' + 'c'.repeat(101), 'category', 'El campo «category» admite como máximo 100 caracteres.'],
      ['registeredFrom=2026-02-30', 'registeredFrom', 'El campo «registeredFrom» debe ser una fecha ISO 8601.'],
      ['registeredTo=ayer', 'registeredTo', 'El campo «registeredTo» debe ser una fecha ISO 8601.'],
      ['updatedSince=2026-03-01T10:00', 'updatedSince', 'El campo «updatedSince» debe ser una fecha ISO 8601.'],
      ['sort=titulo', 'sort', 'El campo «sort» debe ser uno de: newest, oldest, due, updated, priority.'],
      // Found by reporting, named as the client sent them.
      [
        'cursor=abc',
        'cursor',
        'El campo «cursor» no es un cursor de esta lista: páselo tal como llegó en «nextCursor», con el mismo orden, o empiece por la primera página.',
      ],
      [
        'sort=due&before=5',
        'before',
        'El campo «before» solo sirve con el orden «newest»; con otro orden use «cursor».',
      ],
      [
        'registeredFrom=2026-03-02&registeredTo=2026-03-01',
        'registeredTo',
        'El campo «registeredTo» no puede ser anterior a «registeredFrom».',
      ],
    ])('%s', async (query, field, message) => {
      const answer = await f.http.send('GET', `/api/v1/tickets?${query}`, { token: agent });
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual([{ field, message }]);
    });

    it('in English when asked', async () => {
      const answer = await f.http.send('GET', '/api/v1/tickets?assignee=juan', {
        token: agent,
        headers: { 'accept-language': 'en' },
      });
      expect(answer.body.fields).toEqual([
        { field: 'assignee', message: "Field 'assignee' must be 'me', 'none' or an account id (UUID)." },
      ]);
    });

    it('a cursor of another order', async () => {
      const due = (await get('sort=due&limit=2')).body.nextCursor!;
      const answer = await f.http.send('GET', `/api/v1/tickets?sort=updated&cursor=${encodeURIComponent(due)}`, {
        token: agent,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual([{ field: 'cursor', message: expect.stringContaining('«cursor»') }]);
    });
  });

  it('lets the exports take the same filters', async () => {
    const supervisor = await f.http.account(f.adminToken, { email: 'supervisora@cau.gob', role: 'supervisor' });
    const csv = await fetch(`${f.http.baseUrl}/api/v1/reports/tickets.csv?status=abierto,en_curso&overdue=false`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(1 + 5);
    const bad = await f.http.send('GET', '/api/v1/reports/tickets.csv?overdue=quizas', { token: supervisor });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: 'overdue', message: 'El campo «overdue» debe ser verdadero o falso.' }]);
  });
});
