import { randomUUID } from 'node:crypto';
import { registration, startGateway, type Answer, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

interface Registered {
  ticketId: string;
  number: number;
  registeredAt: string;
}

describe('gateway: tickets', () => {
  let f: GatewayFixture;
  const storedTickets = async (): Promise<number> =>
    (await f.db.query('SELECT count(*)::int AS n FROM intake.tickets')).rows[0].n;
  const post = <T = ErrorBody>(json: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> =>
    f.http.send<T>('POST', '/api/v1/tickets', { token: f.adminToken, json, headers });

  beforeAll(async () => {
    f = await startGateway('gwtickets', { intake: true });
  });

  afterAll(async () => {
    await f?.stop();
  });

  describe('registration', () => {
    it('answers 201 with the number and its Location', async () => {
      const answer = await post<Registered>(registration());
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({ ticketId: expect.any(String), number: 1, registeredAt: expect.any(String) });
      expect(answer.headers.get('location')).toBe('/api/v1/tickets/1');
      const row = await f.db.query('SELECT title, registered_by FROM intake.tickets WHERE number = 1');
      expect(row.rows[0]).toMatchObject({ title: 'La impresora no imprime', registered_by: { role: 'admin' } });
    });

    it('gives a retried request with the same Idempotency-Key the same ticket (200)', async () => {
      const key = randomUUID();
      const first = await post<Registered>(registration({ title: 'Reintento' }), { 'idempotency-key': key });
      const retry = await post<Registered>(registration({ title: 'Reintento' }), { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('location')).toBe(`/api/v1/tickets/${first.body.number}`);
      const reused = await post(registration({ title: 'Otra cosa' }), { 'idempotency-key': key });
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    });

    it('lets intake apply its policy: a requester files only for themselves → 403', async () => {
      const token = await f.http.account(f.adminToken, { email: 'vecina@salud.gob', role: 'requester' });
      const other = await f.http.send('POST', '/api/v1/tickets', {
        token,
        json: registration({ channel: 'portal' }),
      });
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('FORBIDDEN');
      const own = await f.http.send('POST', '/api/v1/tickets', {
        token,
        json: registration({ channel: 'portal', requester: { email: 'vecina@salud.gob', name: 'Vecina' } }),
      });
      expect(own.status).toBe(201);
    });
  });

  describe('refused requests, none of which stores anything', () => {
    let before: number;
    beforeAll(async () => {
      before = await storedTickets();
    });
    afterAll(async () => {
      expect(await storedTickets()).toBe(before);
    });

    it('missing fields are named by their path in the body', async () => {
      const { requester: _requester, ...withoutRequester } = registration();
      const answer = await post({ ...withoutRequester, requester: { name: 'Sin correo' }, category: undefined });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION',
        message: 'La solicitud tiene datos no válidos.',
        fields: [
          { field: 'requester.email', message: 'El campo «requester.email» es obligatorio.' },
          { field: 'category', message: 'El campo «category» es obligatorio.' },
        ],
        correlationId: expect.any(String),
      });
    });

    it('wrong types and values', async () => {
      const answer = await post(registration({ title: 42, impact: 'enorme', attachments: [{ url: 'ftp://x' }] }));
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual([
        { field: 'title', message: 'El campo «title» debe ser texto.' },
        { field: 'impact', message: 'El campo «impact» debe ser uno de: alto, medio, bajo.' },
        { field: 'attachments.0.url', message: 'El campo «attachments.0.url» debe ser una URL http(s) válida.' },
      ]);
    });

    it('unknown fields, also nested ones', async () => {
      const answer = await post(
        registration({ priority: 'ALTA', requester: { email: 'a@b.gob', name: 'A', role: 'admin' } }),
      );
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual([
        { field: 'priority', message: 'El campo «priority» no está permitido.' },
        { field: 'requester.role', message: 'El campo «requester.role» no está permitido.' },
      ]);
    });

    it('a title of 201 characters, in Spanish and in English', async () => {
      const spanish = await post(registration({ title: 'x'.repeat(201) }));
      expect(spanish.status).toBe(400);
      expect(spanish.body.fields).toEqual([
        { field: 'title', message: 'El campo «title» admite como máximo 200 caracteres.' },
      ]);
      const english = await post(registration({ title: 'x'.repeat(201) }), { 'accept-language': 'en-US,en;q=0.9' });
      expect(english.body).toMatchObject({
        message: 'The request has invalid data.',
        fields: [{ field: 'title', message: "Field 'title' accepts at most 200 characters." }],
      });
    });

    it('a body over 256 KiB → 413', async () => {
      const answer = await post(registration({ description: 'x'.repeat(300 * 1024) }));
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: 'El cuerpo de la solicitud supera el máximo de 262144 bytes.',
      });
    });

    it('malformed or empty JSON → 400 MALFORMED_JSON', async () => {
      for (const raw of ['{"title": "sin cerrar"', '']) {
        const answer = await f.http.send('POST', '/api/v1/tickets', {
          token: f.adminToken,
          raw,
          headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        });
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' });
      }
    });

    it('a body that is not JSON → 415', async () => {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const answer = await f.http.send('POST', '/api/v1/tickets', {
          token: f.adminToken,
          raw: 'title=hola',
          headers: { 'content-type': contentType },
        });
        expect(answer.status).toBe(415);
        expect(answer.body).toMatchObject({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'El cuerpo debe enviarse como application/json.',
        });
      }
    });

    it('a body that is not an object', async () => {
      const answer = await post([registration()]);
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual([{ field: '(body)', message: 'El campo «(body)» debe ser un objeto.' }]);
    });

    it('an unusable Idempotency-Key, naming the header', async () => {
      for (const key of ['x'.repeat(201), 'clave-ñandú', ' ']) {
        const answer = await post(registration(), { 'idempotency-key': key });
        expect(answer.status).toBe(400);
        expect(answer.body.fields).toEqual([
          { field: 'Idempotency-Key', message: 'La cabecera «Idempotency-Key» no es válida.' },
        ]);
      }
    });

    it('no token → 401 before anything is read', async () => {
      const answer = await f.http.send('POST', '/api/v1/tickets', { json: registration() });
      expect(answer.status).toBe(401);
    });
  });

  describe('reading (served by reporting, absent here)', () => {
    it.each([
      ['/api/v1/tickets/abc', 'number', 'El campo «number» debe ser un número entero.'],
      ['/api/v1/tickets/0', 'number', 'El campo «number» debe ser mayor o igual que 1.'],
      ['/api/v1/tickets/1.5', 'number', 'El campo «number» debe ser un número entero.'],
      ['/api/v1/tickets?limit=1000', 'limit', 'El campo «limit» debe ser menor o igual que 100.'],
      ['/api/v1/tickets?before=abc', 'before', 'El campo «before» debe ser un número entero.'],
      ['/api/v1/tickets?colour=red', 'colour', 'El campo «colour» no está permitido.'],
      [
        '/api/v1/tickets?status=perdido',
        'status',
        'El campo «status» debe ser uno de: abierto, en_curso, resuelto, cerrado, fusionado.',
      ],
      [
        '/api/v1/tickets?status=abierto&status=perdido',
        'status',
        'El campo «status» debe ser uno de: abierto, en_curso, resuelto, cerrado, fusionado.',
      ],
      ['/api/v1/tickets?overdue=si', 'overdue', 'El campo «overdue» debe ser verdadero o falso.'],
      [
        '/api/v1/tickets?assignee=todos',
        'assignee',
        'El campo «assignee» debe ser «me», «none» o el identificador (UUID) de una cuenta.',
      ],
      ['/api/v1/tickets?dueWithinHours=0', 'dueWithinHours', 'El campo «dueWithinHours» debe ser mayor o igual que 1.'],
      [
        '/api/v1/tickets?registeredFrom=2026-02-30',
        'registeredFrom',
        'El campo «registeredFrom» debe ser una fecha ISO 8601.',
      ],
      [
        '/api/v1/tickets?sort=titulo',
        'sort',
        'El campo «sort» debe ser uno de: newest, oldest, due, updated, priority.',
      ],
    ])('%s → 400 naming %s', async (path, field, message) => {
      const answer = await f.http.send('GET', path, { token: f.adminToken });
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual([{ field, message }]);
    });

    it.each(['/api/v1/tickets/1', '/api/v1/tickets?limit=10&status=abierto&text=impresora'])(
      '%s → 503 when no reporting instance answers',
      async (path) => {
        const answer = await f.http.send('GET', path, { token: f.adminToken });
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({
          code: 'SERVICE_UNAVAILABLE',
          message: 'El servicio reporting no respondió a tiempo; intente de nuevo en unos segundos.',
        });
        expect(answer.headers.get('retry-after')).toBe('5');
      },
    );
  });
});
