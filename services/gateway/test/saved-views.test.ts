import { startGateway, type Answer, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

interface View {
  id: string;
  name: string;
  query: string;
  shared: boolean;
  owner: { accountId: string; name: string };
  mine: boolean;
  createdAt: string;
  updatedAt: string;
}

describe('gateway: saved queue views', () => {
  let f: GatewayFixture;
  let ana: string;
  let beto: string;
  let requester: string;

  const send = <T = View>(method: string, path: string, token: string, json?: unknown): Promise<Answer<T>> =>
    f.http.send<T>(method, `/api/v1/views${path}`, { token, ...(json !== undefined ? { json } : {}) });
  const list = async (token: string): Promise<View[]> => (await send<{ items: View[] }>('GET', '', token)).body.items;

  beforeAll(async () => {
    f = await startGateway('gwviews');
    ana = await f.http.account(f.adminToken, { email: 'ana@cau.gob', role: 'agent', area: 'UIT' });
    beto = await f.http.account(f.adminToken, { email: 'beto@cau.gob', role: 'operator' });
    requester = await f.http.account(f.adminToken, { email: 'vecino@salud.gob', role: 'requester' });
  });

  afterAll(async () => {
    await f?.stop();
  });

  it('saves a named view, private unless shared, and lists own views before those others share', async () => {
    const mine = await send('POST', '', ana, { name: '  Con atraso en UIT ', query: '?area=UIT&overdue=true' });
    expect(mine.status).toBe(201);
    expect(mine.body).toEqual({
      id: expect.any(String),
      name: 'Con atraso en UIT',
      query: '?area=UIT&overdue=true',
      shared: false,
      owner: { accountId: expect.any(String), name: 'Cuenta agent' },
      mine: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const shared = await send('POST', '', ana, { name: 'Abiertos', query: '?status=abierto', shared: true });
    expect(shared.status).toBe(201);
    const betos = await send('POST', '', beto, { name: 'Mis tickets', query: '' });
    expect(betos.status).toBe(201);

    expect((await list(ana)).map((v) => [v.name, v.mine])).toEqual([
      ['Abiertos', true],
      ['Con atraso en UIT', true],
    ]);
    expect((await list(beto)).map((v) => [v.name, v.mine, v.owner.name])).toEqual([
      ['Mis tickets', true, 'Cuenta operator'],
      ['Abiertos', false, 'Cuenta agent'],
    ]);
  });

  it('lets only the owner change or delete a view', async () => {
    const [abiertos] = (await list(beto)).filter((v) => v.name === 'Abiertos') as [View];
    const edit = await send<ErrorBody>('PATCH', `/${abiertos.id}`, beto, { name: 'Mío' });
    expect(edit.status).toBe(403);
    expect(edit.body.code).toBe('FORBIDDEN');
    expect((await send<ErrorBody>('DELETE', `/${abiertos.id}`, beto)).status).toBe(403);

    const [privateView] = (await list(ana)).filter((v) => v.name === 'Con atraso en UIT') as [View];
    expect((await send<ErrorBody>('PATCH', `/${privateView.id}`, beto, { shared: true })).status).toBe(404);

    const changed = await send('PATCH', `/${privateView.id}`, ana, { shared: true, query: '?area=UIT' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Con atraso en UIT', query: '?area=UIT', shared: true });
    expect(changed.body.updatedAt >= changed.body.createdAt).toBe(true);
    expect((await list(beto)).map((v) => v.name)).toEqual(['Mis tickets', 'Abiertos', 'Con atraso en UIT']);

    expect((await send('DELETE', `/${privateView.id}`, ana)).status).toBe(204);
    expect((await send<ErrorBody>('DELETE', `/${privateView.id}`, ana)).status).toBe(404);
    expect((await list(beto)).map((v) => v.name)).toEqual(['Mis tickets', 'Abiertos']);
  });

  it('refuses a name the owner already uses (409 naming the field), but not one another person uses', async () => {
    const again = await send<ErrorBody>('POST', '', ana, { name: 'ABIERTOS', query: '?x=1' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'name', message: expect.any(String) }] });
    expect((await send('POST', '', beto, { name: 'Abiertos', query: '?x=1' })).status).toBe(201);
    const other = await send('POST', '', ana, { name: 'Otra', query: '' });
    const rename = await send<ErrorBody>('PATCH', `/${other.body.id}`, ana, { name: 'abiertos' });
    expect(rename.status).toBe(409);
    expect(rename.body.fields?.map((p) => p.field)).toEqual(['name']);
  });

  it('names each bad field in a 400', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ query: '?a=1' }, ['name']],
      [{ name: '   ', query: '' }, ['name']],
      [{ name: 'x'.repeat(101), query: '' }, ['name']],
      [{ name: 'Vista', query: '?a=b c' }, ['query']],
      [{ name: 'Vista', query: '?a=ñ' }, ['query']],
      [{ name: 'Vista', query: `?q=${'a'.repeat(2000)}` }, ['query']],
      [{ name: 'Vista', query: { status: 'abierto' } }, ['query']],
      [{ name: 'Vista', query: '', shared: 'yes' }, ['shared']],
      [{ name: 'Vista', query: '', owner: 'x' }, ['owner']],
    ];
    for (const [body, fields] of cases) {
      const answer = await send<ErrorBody>('POST', '', ana, body);
      expect({ body, status: answer.status, fields: answer.body.fields?.map((p) => p.field) }).toEqual({
        body,
        status: 400,
        fields,
      });
    }
    const badId = await send<ErrorBody>('PATCH', '/not-a-uuid', ana, { name: 'x' });
    expect(badId.status).toBe(400);
    expect(badId.body.fields?.map((p) => p.field)).toEqual(['id']);
  });

  it('is for staff only', async () => {
    expect((await send<ErrorBody>('GET', '', requester)).status).toBe(403);
    expect((await send<ErrorBody>('POST', '', requester, { name: 'x', query: '' })).status).toBe(403);
  });
});
