import { randomUUID } from 'node:crypto';
import { registration, startGateway, type GatewayFixture } from './gateway-fixture.js';

/**
 * Issue 10, D2/D4: NUL, lone surrogates and absurd nesting used to reach PostgreSQL (or `isEmail`) and come
 * back as 500s. They are refused at the contract layer with a 400 naming the field, and nothing is stored.
 */
describe('gateway: text no field may hold', () => {
  let f: GatewayFixture;
  let operator: string;

  beforeAll(async () => {
    f = await startGateway('gwhostile', { intake: true });
    operator = await f.http.account(f.adminToken, { email: 'op@cau.test', role: 'operator', area: 'L1' });
  });

  afterAll(async () => {
    await f?.stop();
  });

  const tickets = async (): Promise<number> =>
    Number((await f.db.query('SELECT count(*)::int AS n FROM intake.tickets')).rows[0].n);

  it.each([
    ['a NUL in the title', { title: 'No imprime\u0000' }, 'title'],
    ['a lone high surrogate in the description', { description: 'mitad \ud83d de un emoji' }, 'description'],
    [
      'a lone low surrogate in the e-mail',
      { requester: { email: 'ana\udc00@salud.gob', name: 'Ana' } },
      'requester.email',
    ],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_case, change, field) => {
    const before = await tickets();
    const answer = await f.http.send('POST', '/api/v1/tickets', {
      token: operator,
      json: registration(change),
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION');
    expect(answer.body.fields).toEqual([{ field, message: expect.stringContaining('caracteres no permitidos') }]);
    expect(await tickets()).toBe(before);
  });

  it.each([
    ['a title of spaces', { title: '    ' }, 'title', 'no puede estar vacío'],
    ["a requester's name of spaces", { requester: { email: 'ana@salud.gob', name: '   ' } }, 'requester.name', 'vacío'],
    ['a requester that is a list', { requester: [] }, 'requester', 'debe ser un objeto'],
  ])('refuses %s with a 400 naming the field (issue 10 D4), and stores nothing', async (_case, change, field, says) => {
    const before = await tickets();
    const answer = await f.http.send('POST', '/api/v1/tickets', {
      token: operator,
      json: registration(change),
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.fields).toEqual(expect.arrayContaining([{ field, message: expect.stringContaining(says) }]));
    expect(await tickets()).toBe(before);
  });

  it('refuses a NUL in a list filter', async () => {
    const answer = await f.http.send('GET', '/api/v1/tickets?text=%00', { token: operator });
    expect(answer.status).toBe(400);
    expect(answer.body.fields).toEqual([{ field: 'text', message: expect.any(String) }]);
  });

  it('refuses JSON nested thousands of levels deep without overflowing', async () => {
    const deep = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    const body = JSON.stringify(registration()).replace(/}$/, `,"extra":${deep}}`);
    const answer = await f.http.send('POST', '/api/v1/tickets', {
      token: operator,
      raw: body,
      headers: { 'content-type': 'application/json', 'Idempotency-Key': randomUUID() },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.fields?.[0]?.message).toMatch(/anida más de 16 niveles/);
  });

  it('keeps emoji and accents, which are whole characters', async () => {
    const answer = await f.http.send('POST', '/api/v1/tickets', {
      token: operator,
      json: registration({ title: 'No imprime 🖨️ — señal débil' }),
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(answer.status).toBe(201);
  });
});
