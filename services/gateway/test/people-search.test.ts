import { registration, startGateway, type Answer, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

interface AccountSummary {
  id: string;
  name: string;
  email: string;
  role: string;
  area: string | null;
  jurisdiction: string | null;
  active: boolean;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Requester {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  jurisdiction: string | null;
}

const PASSWORD = 'clave-de-prueba-1';

describe('gateway: people search (accounts and requesters)', () => {
  let f: GatewayFixture;
  let operator: string;
  let requester: string;
  let joseId: string;

  const create = async (account: Record<string, unknown>): Promise<string> => {
    const answer = await f.http.send<{ id: string }>('POST', '/api/v1/accounts', {
      token: f.adminToken,
      json: { password: PASSWORD, ...account },
    });
    expect(answer.status).toBe(201);
    return answer.body.id;
  };
  const accounts = <T = Page<AccountSummary>>(query: string, token = operator): Promise<Answer<T>> =>
    f.http.send<T>('GET', `/api/v1/accounts${query}`, { token });
  const names = (answer: Answer<Page<AccountSummary>>): string[] => answer.body.items.map((a) => a.name);

  beforeAll(async () => {
    f = await startGateway('gwpeople', { intake: true });
    joseId = await create({ email: 'jose.perez@cau.gob', name: 'José Pérez', role: 'agent', area: 'UIT' });
    const josefina = await create({ email: 'jnunez@cau.gob', name: 'Josefina Núñez', role: 'agent', area: 'UPAT' });
    await create({ email: 'maria@cau.gob', name: 'María Gómez', role: 'operator' });
    await create({ email: 'sup@cau.gob', name: 'Susana Supervisora', role: 'supervisor' });
    await create({ email: 'jorge@vecinos.gob', name: 'Jorge Vecino', role: 'requester' });
    await create({ email: 'ref@salud.gob', name: 'Josué Referente', role: 'referente', jurisdiction: 'SALUD' });
    await f.http.send('PATCH', `/api/v1/accounts/${josefina}`, { token: f.adminToken, json: { active: false } });
    operator = await f.http.token('maria@cau.gob', PASSWORD);
    requester = await f.http.token('jorge@vecinos.gob', PASSWORD);
  });

  afterAll(async () => {
    await f?.stop();
  });

  describe('GET /accounts', () => {
    it('finds staff by the start of any word of the name or e-mail, accents and case ignored', async () => {
      const jose = await accounts('?search=JOSE');
      expect(jose.status).toBe(200);
      expect(jose.body).toEqual({
        items: [
          {
            id: joseId,
            name: 'José Pérez',
            email: 'jose.perez@cau.gob',
            role: 'agent',
            area: 'UIT',
            jurisdiction: null,
            active: true,
          },
          expect.objectContaining({ name: 'Josefina Núñez', active: false }),
        ],
        nextCursor: null,
      });
      expect(names(await accounts('?search=p%C3%A9r'))).toEqual(['José Pérez']);
      expect(names(await accounts('?search=nunez'))).toEqual(['Josefina Núñez']);
      expect(names(await accounts('?search=jose.perez%40cau'))).toEqual(['José Pérez']);
      expect(names(await accounts('?search=jose%20gomez'))).toEqual([]);
    });

    it('filters by area, role and active', async () => {
      expect(names(await accounts('?search=jos&area=UPAT'))).toEqual(['Josefina Núñez']);
      expect(names(await accounts('?search=jos&active=true'))).toEqual(['José Pérez']);
      expect(names(await accounts('?role=supervisor'))).toEqual(['Susana Supervisora']);
      expect(names(await accounts('?role=agent&active=false'))).toEqual(['Josefina Núñez']);
    });

    it('shows requesters and referentes to administrators only', async () => {
      expect(names(await accounts('?search=jo'))).toEqual(['José Pérez', 'Josefina Núñez']);
      expect(names(await accounts('?search=jo', f.adminToken))).toEqual([
        'Jorge Vecino',
        'José Pérez',
        'Josefina Núñez',
        'Josué Referente',
      ]);
      const refused = await accounts<ErrorBody>('?role=requester');
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      expect((await accounts<ErrorBody>('?search=jo', requester)).status).toBe(403);
    });

    it('pages by name with a cursor', async () => {
      await f.db.query(
        `INSERT INTO gateway.accounts (id, email, name, password_hash, role, area)
         SELECT gen_random_uuid(), 'agente' || i || '@uit.gob', 'Ágata Agente ' || lpad(i::text, 3, '0'), 'x', 'agent', 'UIT'
         FROM generate_series(1, 45) AS i`,
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Answer<Page<AccountSummary>> = await accounts(
          `?search=agata&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(page.status).toBe(200);
        seen.push(...names(page));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `Ágata Agente ${String(i + 1).padStart(3, '0')}`));
    });

    // Speed is a benchmark's to measure, not a timed test's: this checks the answers among 20,000 accounts.
    it('finds the right people among 20,000 accounts', async () => {
      await f.db.query(
        `INSERT INTO gateway.accounts (id, email, name, password_hash, role, area)
         SELECT gen_random_uuid(), 'persona' || i || '@cau.gob', 'Persona ' || lpad(i::text, 5, '0'), 'x',
                (ARRAY['operator', 'agent', 'supervisor', 'requester'])[1 + i % 4], 'UIT'
         FROM generate_series(1, 20000) AS i`,
      );
      await f.db.query('ANALYZE gateway.accounts');
      const agents = await accounts('?role=agent&limit=100');
      expect(agents.status).toBe(200);
      expect(agents.body.items).toHaveLength(100);
      expect(agents.body.items.every((item) => item.role === 'agent')).toBe(true);
      const one = await accounts('?search=persona12345');
      expect(one.status).toBe(200);
      expect(names(one)).toEqual(['Persona 12345']);
      const none = await accounts('?search=zz9');
      expect(none.status).toBe(200);
      expect(none.body.items).toEqual([]);
    });

    it('names the parameter in a 400', async () => {
      const cases: Array<[string, string]> = [
        ['?limit=0', 'limit'],
        ['?limit=101', 'limit'],
        ['?limit=abc', 'limit'],
        ['?active=yes', 'active'],
        ['?role=boss', 'role'],
        ['?area=uit', 'area'],
        ['?cursor=not-a-cursor', 'cursor'],
        [`?search=${'a'.repeat(201)}`, 'search'],
        ['?sort=name', 'sort'],
      ];
      for (const [query, field] of cases) {
        const answer = await accounts<ErrorBody>(query);
        expect({ query, status: answer.status, fields: answer.body.fields?.map((p) => p.field) }).toEqual({
          query,
          status: 400,
          fields: [field],
        });
      }
    });
  });

  describe('GET /requesters', () => {
    beforeAll(async () => {
      for (const [email, name, phone, jurisdiction] of [
        ['ana.lopez@salud.gob', 'Ana López', '+54 2954 456789', 'SALUD'],
        ['anibal@educacion.gob', 'Aníbal Troilo', undefined, 'EDUCACION'],
      ] as const) {
        const answer = await f.http.send('POST', '/api/v1/tickets', {
          token: f.adminToken,
          json: registration({ requester: { email, name, ...(phone ? { phone } : {}) }, jurisdiction }),
        });
        expect(answer.status).toBe(201);
      }
    });

    it("searches intake's directory by name, e-mail or phone, for staff", async () => {
      const found = await f.http.send<Page<Requester>>('GET', '/api/v1/requesters?search=lopez', { token: operator });
      expect(found.status).toBe(200);
      expect(found.body).toEqual({
        items: [
          {
            id: expect.any(String),
            name: 'Ana López',
            email: 'ana.lopez@salud.gob',
            phone: '+54 2954 456789',
            jurisdiction: 'SALUD',
          },
        ],
        nextCursor: null,
      });
      const byPhone = await f.http.send<Page<Requester>>('GET', '/api/v1/requesters?search=4567', { token: operator });
      expect(byPhone.body.items.map((r) => r.name)).toEqual(['Ana López']);
      const both = await f.http.send<Page<Requester>>('GET', '/api/v1/requesters?search=an&limit=1', {
        token: operator,
      });
      expect(both.body.items.map((r) => r.name)).toEqual(['Ana López']);
      const next = await f.http.send<Page<Requester>>(
        'GET',
        `/api/v1/requesters?search=an&limit=1&cursor=${encodeURIComponent(both.body.nextCursor!)}`,
        { token: operator },
      );
      expect(next.body).toEqual({ items: [expect.objectContaining({ name: 'Aníbal Troilo' })], nextCursor: null });
    });

    it('refuses requesters and names bad parameters', async () => {
      expect((await f.http.send('GET', '/api/v1/requesters?search=an', { token: requester })).status).toBe(403);
      for (const [query, field] of [
        ['?limit=51', 'limit'],
        ['?cursor=nope', 'cursor'],
        ['?phone=2954', 'phone'],
      ]) {
        const answer = await f.http.send('GET', `/api/v1/requesters${query}`, { token: operator });
        expect({ query, status: answer.status, fields: answer.body.fields?.map((p) => p.field) }).toEqual({
          query,
          status: 400,
          fields: [field],
        });
      }
    });
  });
});
