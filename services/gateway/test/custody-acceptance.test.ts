import { InventoryLimits } from '@cau/contracts';
import { pdfText } from '@cau/testing';
import { startService, type RunningService } from '@cau/messaging';
import { inventoryService } from '../../inventory/src/inventory.service.js';
import { startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

jest.setTimeout(120_000);

/** A real 1×1 PNG, as a canvas exports one. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

interface MyEquipment {
  signature: string;
  items: Array<{ equipment: { id: string; inventoryNumber: string }; periodId: string; documentText: string }>;
}

describe('gateway: "mi equipo" and the acceptance of a custody document', () => {
  let f: GatewayFixture;
  let inventory: RunningService;
  let operator: string;
  let ana: string;
  let beto: string;
  const anaId = crypto.randomUUID();
  const betoId = crypto.randomUUID();

  beforeAll(async () => {
    f = await startGateway('gwcustody', { intake: true });
    inventory = await startService(inventoryService, { ...f.env, INVENTORY_PORT: '0' });
    operator = await f.http.account(f.adminToken, { email: 'op@cau.gob', role: 'operator' });
    ana = await f.http.account(f.adminToken, { email: 'ana@salud.gob', role: 'requester' });
    beto = await f.http.account(f.adminToken, { email: 'beto@salud.gob', role: 'referente', jurisdiction: 'SALUD' });
    await f.db.query(
      `INSERT INTO intake.requesters (id, email, name) VALUES ($1, 'ana@salud.gob', 'Ana Pérez'), ($2, 'beto@salud.gob', 'Beto Gómez')`,
      [anaId, betoId],
    );
  });

  afterAll(async () => {
    await inventory?.stop();
    await f?.stop();
  });

  async function equipmentFor(requesterId: string, inventoryNumber: string): Promise<string> {
    const created = await f.http.send<{ id: string }>('POST', '/api/v1/inventory/equipment', {
      token: operator,
      json: { inventoryNumber, type: 'monitor', state: 'en_uso', brand: 'Samsung' },
    });
    const assigned = await f.http.send('POST', `/api/v1/inventory/equipment/${created.body.id}/custody`, {
      token: operator,
      json: { requesterId, note: 'Entregado con cable HDMI' },
    });
    expect(assigned.status).toBe(200);
    return created.body.id;
  }

  it('lists only the person’s own equipment and lets the holder accept it once', async () => {
    const monitor = await equipmentFor(anaId, 'MON-1');
    await equipmentFor(betoId, 'MON-2');
    const mine = await f.http.send<MyEquipment>('GET', '/api/v1/inventory/my-equipment', { token: ana });
    expect(mine.status).toBe(200);
    expect(mine.body.signature).toBe('optional');
    expect(mine.body.items.map((i) => i.equipment.inventoryNumber)).toEqual(['MON-1']);
    const item = mine.body.items[0]!;
    expect(item.documentText).toContain('Entregado con cable HDMI');

    // The register itself stays closed to requesters and referentes.
    expect((await f.http.send('GET', `/api/v1/inventory/equipment/${monitor}`, { token: ana })).status).toBe(403);
    expect((await f.http.send('GET', `/api/v1/inventory/equipment/${monitor}/custody`, { token: beto })).status).toBe(
      403,
    );

    const path = `/api/v1/inventory/equipment/${monitor}/custody/${item.periodId}/accept`;
    const byOther = await f.http.send('POST', path, { token: beto, json: { text: item.documentText } });
    expect(byOther.status).toBe(404);
    const accepted = await f.http.send<{ acceptance: { text: string; signed: boolean } }>('POST', path, {
      token: ana,
      json: { text: item.documentText, signature: PNG_1X1 },
    });
    expect(accepted).toMatchObject({ status: 200, body: { acceptance: { text: item.documentText, signed: true } } });
    const again = await f.http.send('POST', path, { token: ana, json: { text: item.documentText } });
    expect(again).toMatchObject({ status: 409, body: { message: expect.stringContaining('ya fue aceptado') } });
    const periods = await f.http.send<Array<{ acceptance: { at: string } | null }>>(
      'GET',
      `/api/v1/inventory/equipment/${monitor}/custody`,
      { token: operator },
    );
    expect(periods.body[0]!.acceptance?.at).toEqual(expect.any(String));

    // The document: for staff and for the holder, with the acceptance; 404 for anyone else.
    const document = (token: string, periodId = item.periodId, id = monitor) =>
      fetch(`${f.gateway.url}/api/v1/inventory/equipment/${id}/custody/${periodId}/document`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const forStaff = await document(operator);
    expect(forStaff.status).toBe(200);
    expect(forStaff.headers.get('content-type')).toBe('application/pdf');
    expect(forStaff.headers.get('content-disposition')).toMatch(/^attachment; filename="resguardo-MON-1-.*\.pdf"$/);
    const text = await pdfText(new Uint8Array(await forStaff.arrayBuffer()));
    for (const expected of [
      'Centro de Atención a Usuarios',
      'RESGUARDO',
      'Resguardo de equipo de cómputo',
      'MON-1',
      'Samsung',
      'Ana Pérez (ana@salud.gob)',
      'Entregado con cable HDMI',
      'recibo en resguardo',
      'Aceptado por Cuenta requester',
      'Firma dibujada al aceptar',
    ]) {
      expect(text).toContain(expected);
    }
    expect((await document(ana)).status).toBe(200);
    expect((await document(beto)).status).toBe(404);
    expect((await document(operator, crypto.randomUUID())).status).toBe(404);
    const malformed = await document(operator, 'periodo');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorBody).fields?.[0]?.field).toBe('periodId');
  });

  it('answers 400 naming the field for malformed ids and a bad signature, 404 for unknown ids, storing nothing', async () => {
    const monitor = await equipmentFor(anaId, 'MON-3');
    const mine = await f.http.send<MyEquipment>('GET', '/api/v1/inventory/my-equipment', { token: ana });
    const item = mine.body.items.find((i) => i.equipment.id === monitor)!;
    const accept = (id: string, periodId: string, json: unknown) =>
      f.http.send<ErrorBody>('POST', `/api/v1/inventory/equipment/${id}/custody/${periodId}/accept`, {
        token: ana,
        json,
      });
    const body = { text: item.documentText };

    const badId = await accept('monitor-3', item.periodId, body);
    expect(badId).toMatchObject({ status: 400, body: { fields: [{ field: 'id' }] } });
    const badPeriod = await accept(monitor, 'periodo', body);
    expect(badPeriod).toMatchObject({ status: 400, body: { fields: [{ field: 'periodId' }] } });
    expect((await accept(crypto.randomUUID(), item.periodId, body)).status).toBe(404);
    expect((await accept(monitor, crypto.randomUUID(), body)).status).toBe(404);

    const notPng = await accept(monitor, item.periodId, {
      ...body,
      signature: Buffer.from('GIF89a…').toString('base64'),
    });
    expect(notPng).toMatchObject({ status: 400, body: { fields: [{ field: 'signature' }] } });
    // Larger than the limit but under the body limit: refused on `signature`, not as a too-large body.
    const frame = Buffer.from(PNG_1X1, 'base64');
    const huge = Buffer.concat([
      frame.subarray(0, 33),
      Buffer.alloc(InventoryLimits.signatureBytes + 10),
      frame.subarray(frame.length - 12),
    ]);
    const tooLarge = await accept(monitor, item.periodId, { ...body, signature: huge.toString('base64') });
    expect(tooLarge).toMatchObject({ status: 400, body: { fields: [{ field: 'signature' }] } });
    const noText = await accept(monitor, item.periodId, {});
    expect(noText).toMatchObject({ status: 400, body: { fields: [{ field: 'text' }] } });

    const { rows } = await f.db.query(`SELECT accepted_at FROM inventory.custody_periods WHERE id = $1`, [
      item.periodId,
    ]);
    expect(rows[0].accepted_at).toBeNull();
  });
});
