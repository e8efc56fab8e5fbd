import { startService, type RunningService } from '@cau/messaging';
import { inventoryService } from '../../inventory/src/inventory.service.js';
import { startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

jest.setTimeout(120_000);

const HEADER =
  'numero_inventario,serie,tipo,marca,modelo,edificio,piso,oficina,jurisdiccion,estado,fecha_compra,garantia_hasta,proveedor,atributos';

const printer = {
  inventoryNumber: 'INV-0001',
  serial: 'SN-1',
  type: 'impresora',
  brand: 'HP',
  model: 'LaserJet',
  location: { building: 'Central', floor: '2', office: '204' },
  jurisdiction: 'SALUD',
  state: 'en_uso',
  purchaseDate: '2023-01-10',
  warrantyUntil: '2026-01-10',
  attributes: { toner: 'CE255A' },
};

describe('gateway: inventory', () => {
  let f: GatewayFixture;
  let inventory: RunningService;
  let operator: string;
  let supervisor: string;
  let requester: string;

  beforeAll(async () => {
    f = await startGateway('gwinventory', { intake: true });
    inventory = await startService(inventoryService, { ...f.env, INVENTORY_PORT: '0' });
    operator = await f.http.account(f.adminToken, { email: 'op@cau.gob', role: 'operator' });
    supervisor = await f.http.account(f.adminToken, { email: 'sup@cau.gob', role: 'supervisor' });
    requester = await f.http.account(f.adminToken, { email: 'ana@salud.gob', role: 'requester' });
  });

  afterAll(async () => {
    await inventory?.stop();
    await f?.stop();
  });

  async function upload(token: string, csv: string, field = 'file'): Promise<{ status: number; body: any }> {
    const form = new FormData();
    form.append(field, new Blob([csv], { type: 'text/csv' }), 'inventario.csv');
    const response = await fetch(`${f.gateway.url}/api/v1/inventory/equipment/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: response.status, body: await response.json() };
  }

  it('registers, reads, changes, lists and tells the history; 404, 409 and 400 naming the field', async () => {
    const created = await f.http.send<{ id: string; revision: number }>('POST', '/api/v1/inventory/equipment', {
      token: operator,
      json: printer,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const changed = await f.http.send<{ state: string }>('PATCH', `/api/v1/inventory/equipment/${id}`, {
      token: operator,
      json: { revision: 1, state: 'en_reparacion' },
    });
    expect(changed).toMatchObject({ status: 200, body: { state: 'en_reparacion' } });
    const history = await f.http.send<Array<{ action: string }>>('GET', `/api/v1/inventory/equipment/${id}/history`, {
      token: operator,
    });
    expect(history.body.map((e) => e.action)).toEqual(['changed', 'registered']);
    const list = await f.http.send<{ items: unknown[] }>('GET', '/api/v1/inventory/equipment?text=sn-1&limit=5', {
      token: operator,
    });
    expect(list.body.items).toHaveLength(1);

    const duplicate = await f.http.send('POST', '/api/v1/inventory/equipment', {
      token: operator,
      json: { ...printer, inventoryNumber: 'inv-0001' },
    });
    expect(duplicate.status).toBe(409);
    const unknown = await f.http.send('GET', '/api/v1/inventory/equipment/00000000-0000-4000-8000-000000000000', {
      token: operator,
    });
    expect(unknown).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND', message: expect.stringContaining('el equipo') },
    });
    const badFormat = await f.http.send<ErrorBody>('POST', '/api/v1/inventory/equipment', {
      token: operator,
      json: { ...printer, inventoryNumber: 'INV-9', warrantyUntil: '10/01/2026' },
    });
    expect(badFormat).toMatchObject({ status: 400, body: { fields: [{ field: 'warrantyUntil' }] } });
    const notADay = await f.http.send<ErrorBody>('POST', '/api/v1/inventory/equipment', {
      token: operator,
      json: { ...printer, inventoryNumber: 'INV-9', purchaseDate: '2023-02-30' },
    });
    expect(notADay).toMatchObject({ status: 400, body: { fields: [{ field: 'purchaseDate' }] } });
    const badChange = await f.http.send<ErrorBody>('PATCH', `/api/v1/inventory/equipment/${id}`, {
      token: operator,
      json: { revision: 2, warrantyUntil: '2020-01-01' },
    });
    expect(badChange.body.fields).toEqual([
      { field: 'warrantyUntil', message: expect.stringContaining('purchaseDate') },
    ]);
    const forbidden = await f.http.send('GET', '/api/v1/inventory/equipment', { token: requester });
    expect(forbidden.status).toBe(403);
    const types = await f.http.send<Array<{ code: string }>>('GET', '/api/v1/inventory/equipment-types', {
      token: operator,
    });
    expect(types.body.map((t) => t.code)).toContain('dispositivo_de_red');
  });

  it('imports a CSV all or nothing, reports what it did, and exports what imports back unchanged', async () => {
    const good = `${HEADER}\r\nCSV-1,S1,PC,Dell,Optiplex,Central,1,101,SALUD,En uso,2024-01-01,,Prov,"{""ram"":""8 GB""}"\r\nCSV-2,S2,Monitor,LG,,Central,1,102,SALUD,en stock,,,,\r\n`;
    expect(await upload(supervisor, good)).toEqual({
      status: 200,
      body: { rows: 2, created: 2, changed: 0, unchanged: 0 },
    });

    const bad = `${HEADER}\r\nCSV-3,S3,PC,,,,,,,en uso,,,,\r\nCSV-4,S4,tostadora,,,,,,,en uso,,,,\r\n`;
    const refused = await upload(supervisor, bad);
    expect(refused.status).toBe(400);
    expect(refused.body.fields.map((e: { field: string }) => e.field)).toEqual(['file', 'file.3.tipo']);
    expect(refused.body.fields[0].message).toContain('1 línea(s) con errores');
    expect(refused.body.fields[1].message).toBe(
      'Línea 3, columna "tipo": "tostadora" no es un tipo de equipo conocido (PC, Notebook, Impresora, Monitor, Dispositivo de red, Teléfono, Otro).',
    );

    const malformed = await upload(supervisor, `${HEADER}\r\nCSV-5,"S5,PC\r\n`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields[0]).toMatchObject({ field: 'file', message: expect.stringContaining('línea 2') });
    expect((await upload(supervisor, good, 'archivo')).status).toBe(400);
    expect((await upload(operator, good)).status).toBe(403);
    const json = await f.http.send('POST', '/api/v1/inventory/equipment/import', { token: supervisor, json: {} });
    expect(json.status).toBe(415);

    const exported = await fetch(`${f.gateway.url}/api/v1/inventory/equipment.csv?text=csv-`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(exported.headers.get('content-type')).toContain('text/csv');
    const text = await exported.text();
    expect(text.split('\r\n')).toHaveLength(4);
    expect(await upload(supervisor, text)).toEqual({
      status: 200,
      body: { rows: 2, created: 0, changed: 0, unchanged: 2 },
    });
  });

  it('gives equipment in custody, transfers it, refuses a transfer while it is out for repair, lists the periods', async () => {
    const [ana, beto] = [crypto.randomUUID(), crypto.randomUUID()];
    await f.db.query(
      `INSERT INTO intake.requesters (id, email, name) VALUES ($1, 'ana@salud.gob', 'Ana Pérez'), ($2, 'beto@salud.gob', 'Beto Gómez')`,
      [ana, beto],
    );
    const created = await f.http.send<{ id: string }>('POST', '/api/v1/inventory/equipment', {
      token: operator,
      json: { inventoryNumber: 'RES-1', type: 'notebook', state: 'en_uso' },
    });
    const path = `/api/v1/inventory/equipment/${created.body.id}/custody`;
    const assigned = await f.http.send<{ custody: { holder: { name: string } } }>('POST', path, {
      token: operator,
      json: { requesterId: ana },
    });
    expect(assigned).toMatchObject({ status: 200, body: { custody: { holder: { name: 'Ana Pérez' } } } });
    await f.http.send('PATCH', `/api/v1/inventory/equipment/${created.body.id}`, {
      token: operator,
      json: { revision: 1, state: 'en_reparacion' },
    });
    const refused = await f.http.send('POST', path, { token: operator, json: { requesterId: beto } });
    expect(refused).toMatchObject({ status: 409, body: { message: expect.stringContaining('en reparación') } });
    const unknown = await f.http.send<ErrorBody>('POST', path, {
      token: operator,
      json: { requesterId: crypto.randomUUID() },
    });
    expect(unknown).toMatchObject({ status: 400, body: { fields: [{ field: 'requesterId' }] } });
    const returned = await f.http.send('POST', `${path}/return`, { token: operator });
    expect(returned).toMatchObject({ status: 200, body: { custody: null } });
    const periods = await f.http.send<Array<{ holder: { name: string }; until: string | null }>>('GET', path, {
      token: operator,
    });
    expect(periods.body.map((p) => [p.holder.name, p.until !== null])).toEqual([['Ana Pérez', true]]);
  });
});
