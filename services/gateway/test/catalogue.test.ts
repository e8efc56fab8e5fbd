import { Role } from '@cau/contracts';
import { registration, startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

interface AuditPage {
  items: Array<{
    action: string;
    targetType: string;
    targetId: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }>;
}

describe('gateway: catalogues', () => {
  let f: GatewayFixture;
  let operator: string;
  let supervisor: string;

  const send = <T = ErrorBody>(method: string, path: string, body?: unknown, token = f.adminToken) =>
    f.http.send<T>(method, path, { token, ...(body !== undefined ? { json: body } : {}) });
  const auditCount = async (): Promise<number> =>
    Number((await f.db.query<{ n: string }>('SELECT count(*) AS n FROM gateway.audit_log')).rows[0]?.n);
  const categoryRows = async (code: string) =>
    (await f.db.query('SELECT code, label_es, retired FROM intake.categories WHERE code = $1', [code])).rows;

  beforeAll(async () => {
    f = await startGateway('gwcatalogue', { intake: true });
    operator = await f.http.account(f.adminToken, { email: 'op@catalogue.test', role: Role.Operator });
    supervisor = await f.http.account(f.adminToken, { email: 'sup@catalogue.test', role: Role.Supervisor });
  });

  afterAll(async () => {
    await f?.stop();
  });

  it('serves the active category tree to everyone', async () => {
    expect(
      (
        await send('PUT', '/api/v1/catalogue/categories/impresoras-laser', {
          label: { es: 'Impresoras láser', en: 'Laser printers' },
          parent: 'impresoras',
        })
      ).status,
    ).toBe(200);
    const tree = await send<Array<{ code: string; children: Array<{ code: string }> }>>(
      'GET',
      '/api/v1/catalogue/categories',
      undefined,
      operator,
    );
    expect(tree.status).toBe(200);
    expect(tree.body.find((c) => c.code === 'impresoras')?.children).toEqual([
      { code: 'impresoras-laser', label: { es: 'Impresoras láser', en: 'Laser printers' }, children: [] },
    ]);
    expect(tree.body.find((c) => c.code === 'correo-electronico')?.children).toEqual([]);
    expect(tree.body.some((c) => c.code === 'impresoras-laser')).toBe(false);
  });

  it('lets an administrator relabel and retire a category; registration then refuses it; audited', async () => {
    const relabelled = await send('PUT', '/api/v1/catalogue/categories/telefonia', {
      label: { es: 'Telefonía fija y móvil', en: 'Phones' },
    });
    expect(relabelled.status).toBe(200);
    expect(relabelled.body).toMatchObject({ code: 'telefonia', label: { es: 'Telefonía fija y móvil' }, parent: null });
    const before = await send<{ number: number }>(
      'POST',
      '/api/v1/tickets',
      registration({ category: 'telefonia' }),
      operator,
    );
    expect(before.status).toBe(201);

    const retired = await send('PUT', '/api/v1/catalogue/categories/telefonia/retired', { retired: true });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ code: 'telefonia', retired: true });

    const refused = await send('POST', '/api/v1/tickets', registration({ category: 'telefonia' }), operator);
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual([
      {
        field: 'category',
        message: 'El campo «category»: categoría retirada «telefonia»; ya no se usa para registrar.',
      },
    ]);
    const unknown = await send('POST', '/api/v1/tickets', registration({ category: 'telefono' }), operator);
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields?.[0]?.field).toBe('category');
    expect(unknown.body.fields?.[0]?.message).toContain('categoría desconocida «telefono»');

    // The ticket registered before keeps its category.
    const ticket = await f.db.query('SELECT category FROM intake.tickets WHERE number = $1', [before.body.number]);
    expect(ticket.rows).toEqual([{ category: 'telefonia' }]);

    const audit = await send<AuditPage>('GET', '/api/v1/audit?targetType=catalogue-category&targetId=telefonia');
    expect(audit.body.items.map((e) => e.action)).toEqual(['catalogue.category.retire', 'catalogue.category.update']);
    expect(audit.body.items[0]?.before).toMatchObject({ retired: false });
    expect(audit.body.items[0]?.after).toMatchObject({ retired: true });
    expect(audit.body.items[1]?.before).toMatchObject({ label: { es: 'Telefonía', en: 'Telephony' } });
    expect(audit.body.items[1]?.after).toMatchObject({ label: { es: 'Telefonía fija y móvil', en: 'Phones' } });

    const whole = await send<{ categories: Array<{ code: string; retired: boolean }> }>('GET', '/api/v1/catalogue');
    expect(whole.body.categories.find((c) => c.code === 'telefonia')?.retired).toBe(true);
    const tree = await send<Array<{ code: string }>>('GET', '/api/v1/catalogue/categories', undefined, operator);
    expect(tree.body.some((c) => c.code === 'telefonia')).toBe(false);
  });

  it('manages services and jurisdictions with their referentes and supervisors', async () => {
    const service = await send('PUT', '/api/v1/catalogue/services/correo-institucional', {
      label: { es: 'Correo institucional', en: 'Institutional mail' },
    });
    expect(service.status).toBe(200);
    const jurisdiction = await send('PUT', '/api/v1/catalogue/jurisdictions/SALUD', {
      name: 'Ministerio de Salud',
      referenteEmails: ['ref@salud.gob'],
      supervisorEmails: ['jefa@cau.gob'],
    });
    expect(jurisdiction.status).toBe(200);
    expect(jurisdiction.body).toMatchObject({ code: 'SALUD', listed: true, referenteEmails: ['ref@salud.gob'] });
    const refused = await send('POST', '/api/v1/tickets', registration({ jurisdiction: 'OTRA' }), operator);
    expect(refused.status).toBe(400);
    expect(refused.body.fields?.[0]?.field).toBe('jurisdiction');
    expect(refused.body.fields?.[0]?.message).toContain('jurisdicción desconocida «OTRA»');
    expect((await send('POST', '/api/v1/tickets', registration(), operator)).status).toBe(201);
    const actions = await send<AuditPage>('GET', '/api/v1/audit?targetType=catalogue-jurisdiction&targetId=SALUD');
    // SALUD was already known from the registrations above (unlisted): saving it is an update that lists it.
    expect(actions.body.items.map((e) => e.action)).toEqual(['catalogue.jurisdiction.update']);
    expect(actions.body.items[0]?.before).toMatchObject({ listed: false, referenteEmails: [] });
    const services = await send<AuditPage>('GET', '/api/v1/audit?targetType=catalogue-service');
    expect(services.body.items.map((e) => e.action)).toEqual(['catalogue.service.create']);
  });

  it('changes nothing for anyone but an administrator', async () => {
    const audited = await auditCount();
    for (const token of [operator, supervisor]) {
      expect((await send('GET', '/api/v1/catalogue', undefined, token)).status).toBe(403);
      const put = await send('PUT', '/api/v1/catalogue/categories/otros', { label: { es: 'X', en: 'X' } }, token);
      expect(put.status).toBe(403);
      const retire = await send('PUT', '/api/v1/catalogue/categories/otros/retired', { retired: true }, token);
      expect(retire.status).toBe(403);
      const jurisdiction = await send(
        'PUT',
        '/api/v1/catalogue/jurisdictions/SALUD',
        { name: 'X', referenteEmails: [], supervisorEmails: [] },
        token,
      );
      expect(jurisdiction.status).toBe(403);
    }
    expect(await categoryRows('otros')).toEqual([{ code: 'otros', label_es: 'Otros', retired: false }]);
    expect(await auditCount()).toBe(audited);
  });

  it.each([
    ['categories/Otros', { label: { es: 'O', en: 'O' } }, 'code'],
    ['categories/nueva', { label: { es: '  ', en: 'New' } }, 'label.es'],
    ['categories/nueva', { label: { es: 'Nueva' } }, 'label.en'],
    ['categories/nueva', { label: { es: 'Nueva', en: 'New' }, parent: 'No Vale' }, 'parent'],
    ['categories/nueva', { label: { es: 'Nueva', en: 'New' }, parent: 'impresoras-laser' }, 'parent'],
    ['categories/nueva', { label: { es: 'Nueva', en: 'New' }, order: -1 }, 'order'],
    ['categories/nueva', { label: { es: 'Nueva', en: 'New' }, color: 'rojo' }, 'color'],
    ['categories/correo-electronico/retired', { retired: true }, 'retired'],
    ['categories/nueva/retired', { retired: 'si' }, 'retired'],
    ['services/nuevo', { label: 'Nuevo' }, 'label'],
    [
      'jurisdictions/NUEVA',
      { name: 'Nueva', referenteEmails: ['no es correo'], supervisorEmails: [] },
      'referenteEmails',
    ],
    ['jurisdictions/NUEVA', { name: 'Nueva', referenteEmails: [] }, 'supervisorEmails'],
    ['jurisdictions/NUEVA', { name: '', referenteEmails: [], supervisorEmails: [] }, 'name'],
  ])('refuses PUT %s %j naming %s, and stores nothing', async (path, body, field) => {
    const audited = await auditCount();
    const answer = await send('PUT', `/api/v1/catalogue/${path}`, body);
    expect(answer.status).toBe(400);
    expect(answer.body.fields?.map((p) => p.field)).toContain(field);
    expect(await categoryRows('nueva')).toEqual([]);
    expect((await f.db.query(`SELECT 1 FROM intake.services WHERE code = 'nuevo'`)).rows).toEqual([]);
    expect((await f.db.query(`SELECT 1 FROM intake.jurisdictions WHERE code = 'NUEVA'`)).rows).toEqual([]);
    expect(await categoryRows('correo-electronico')).toEqual([
      { code: 'correo-electronico', label_es: 'Correo electrónico', retired: false },
    ]);
    expect(await auditCount()).toBe(audited);
  });

  it('answers 404 for retiring what does not exist', async () => {
    const answer = await send('PUT', '/api/v1/catalogue/services/no-existe/retired', { retired: true });
    expect(answer.status).toBe(404);
    expect(answer.body.message).toBe('No existe el servicio «no-existe».');
  });
});
