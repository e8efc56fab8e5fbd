import { startGateway, type Answer, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

interface CannedAnswer {
  id: string;
  area: string;
  title: string;
  body: string;
  updatedBy: { accountId: string; name: string };
  mayEdit: boolean;
  createdAt: string;
  updatedAt: string;
}

describe('gateway: canned answers of the areas', () => {
  let f: GatewayFixture;
  let uit: string;
  let l1: string;
  let supervisor: string;
  let requester: string;

  const send = <T = CannedAnswer>(method: string, path: string, token: string, json?: unknown): Promise<Answer<T>> =>
    f.http.send<T>(method, `/api/v1/canned-answers${path}`, { token, ...(json !== undefined ? { json } : {}) });
  const list = async (token: string, query = ''): Promise<CannedAnswer[]> =>
    (await send<{ items: CannedAnswer[] }>('GET', query, token)).body.items;

  beforeAll(async () => {
    f = await startGateway('gwcanned');
    uit = await f.http.account(f.adminToken, { email: 'ana.uit@cau.gob', role: 'agent', area: 'UIT' });
    l1 = await f.http.account(f.adminToken, { email: 'beto.l1@cau.gob', role: 'operator', area: 'L1' });
    supervisor = await f.http.account(f.adminToken, { email: 'sofia@cau.gob', role: 'supervisor' });
    requester = await f.http.account(f.adminToken, { email: 'vecino@salud.gob', role: 'requester' });
  });

  afterAll(async () => {
    await f?.stop();
  });

  it('lets an area write its answers with the ticket placeholders, and every staff member read them', async () => {
    const written = await send('POST', '', uit, {
      area: 'UIT',
      title: '  Reinicio del equipo ',
      body: 'Hola {{solicitante}}: reinicie el equipo y avísenos en el ticket {{ numero }}. {{agente}}, {{area}}',
    });
    expect(written.status).toBe(201);
    expect(written.body).toEqual({
      id: expect.any(String),
      area: 'UIT',
      title: 'Reinicio del equipo',
      body: 'Hola {{solicitante}}: reinicie el equipo y avísenos en el ticket {{ numero }}. {{agente}}, {{area}}',
      updatedBy: { accountId: expect.any(String), name: 'Cuenta agent' },
      mayEdit: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(
      (await send('POST', '', l1, { area: 'L1', title: 'Saludo', body: 'Buen día, {{solicitante}}.' })).status,
    ).toBe(201);
    expect(
      (await send('POST', '', supervisor, { area: 'UPAT', title: 'Actualización', body: 'Se actualizó.' })).status,
    ).toBe(201);

    expect((await list(l1)).map((a) => [a.area, a.title, a.mayEdit])).toEqual([
      ['L1', 'Saludo', true],
      ['UIT', 'Reinicio del equipo', false],
      ['UPAT', 'Actualización', false],
    ]);
    expect((await list(l1, '?area=UIT')).map((a) => a.title)).toEqual(['Reinicio del equipo']);
    expect((await list(uit, '?search=REINICIE')).map((a) => a.title)).toEqual(['Reinicio del equipo']);
    expect((await list(uit, '?search=100%25')).map((a) => a.title)).toEqual([]);
  });

  it("refuses writing another area's answers, except to supervisors", async () => {
    const [reinicio] = await list(l1, '?area=UIT');
    const foreign = await send<ErrorBody>('POST', '', l1, { area: 'UIT', title: 'Otra', body: 'Texto' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('FORBIDDEN');
    expect((await send<ErrorBody>('PATCH', `/${reinicio!.id}`, l1, { title: 'Mía' })).status).toBe(403);
    expect((await send<ErrorBody>('DELETE', `/${reinicio!.id}`, l1)).status).toBe(403);

    const edited = await send('PATCH', `/${reinicio!.id}`, supervisor, {
      body: 'Reinicie el equipo, {{solicitante}}.',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      title: 'Reinicio del equipo',
      body: 'Reinicie el equipo, {{solicitante}}.',
      updatedBy: { name: 'Cuenta supervisor' },
      mayEdit: true,
    });
    expect(edited.body.updatedAt >= edited.body.createdAt).toBe(true);
    expect((await list(uit, '?area=UIT'))[0]?.body).toBe('Reinicie el equipo, {{solicitante}}.');
  });

  it('refuses a title the area already uses (409 naming the field), but not one another area uses', async () => {
    const again = await send<ErrorBody>('POST', '', uit, { area: 'UIT', title: 'REINICIO DEL EQUIPO', body: 'x' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'title', message: expect.any(String) }] });
    expect((await send('POST', '', l1, { area: 'L1', title: 'Reinicio del equipo', body: 'x' })).status).toBe(201);
  });

  it('names each bad field in a 400, an unknown placeholder with the ones it may use, and stores nothing', async () => {
    const before = (await list(uit)).length;
    const cases: Array<[unknown, string[]]> = [
      [{ title: 'T', body: 'x' }, ['area']],
      [{ area: 'uit', title: 'T', body: 'x' }, ['area']],
      [{ area: 'UIT', title: '  ', body: 'x' }, ['title']],
      [{ area: 'UIT', title: 'x'.repeat(121), body: 'x' }, ['title']],
      [{ area: 'UIT', title: 'T', body: '' }, ['body']],
      [{ area: 'UIT', title: 'T', body: 'x'.repeat(5001) }, ['body']],
      [{ area: 'UIT', title: 'T', body: 'Hola {{nombre}}' }, ['body']],
      [{ area: 'UIT', title: 'T', body: 'x', shared: true }, ['shared']],
    ];
    for (const [body, fields] of cases) {
      const answer = await send<ErrorBody>('POST', '', uit, body);
      expect({ body, status: answer.status, fields: answer.body.fields?.map((p) => p.field) }).toEqual({
        body,
        status: 400,
        fields,
      });
    }
    const placeholder = await send<ErrorBody>('POST', '', uit, { area: 'UIT', title: 'T', body: 'Hola {{nombre}}' });
    expect(placeholder.body.fields?.[0]?.message).toContain('{{nombre}}');
    expect(placeholder.body.fields?.[0]?.message).toContain('solicitante');
    expect((await send<ErrorBody>('GET', '?area=1', uit)).status).toBe(400);
    expect(
      (await send<ErrorBody>('PATCH', '/not-a-uuid', uit, { title: 'x' })).body.fields?.map((p) => p.field),
    ).toEqual(['id']);
    expect((await send<ErrorBody>('DELETE', '/00000000-0000-4000-8000-000000000000', uit)).status).toBe(404);
    expect((await list(uit)).length).toBe(before);
  });

  it('is for staff only', async () => {
    expect((await send<ErrorBody>('GET', '', requester)).status).toBe(403);
    expect((await send<ErrorBody>('POST', '', requester, { area: 'UIT', title: 'x', body: 'y' })).status).toBe(403);
  });
});
