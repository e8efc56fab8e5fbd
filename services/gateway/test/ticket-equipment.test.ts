import { startService, type RunningService } from '@cau/messaging';
import { pdfText, waitFor } from '@cau/testing';
import { inventoryService } from '../../inventory/src/inventory.service.js';
import { reportingService } from '../../reporting/src/reporting.service.js';
import { registration, startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

jest.setTimeout(120_000);

interface Link {
  ticketNumber: number;
  equipment: { id: string; inventoryNumber: string; brand: string | null; model: string | null };
  linkedBy: { name: string };
}

describe('gateway: equipment and field visits on tickets', () => {
  let f: GatewayFixture;
  let inventory: RunningService;
  let reporting: RunningService;
  let operator: string;
  let requester: string;
  let stranger: string;
  let ticket: number;
  let pc: string;

  beforeAll(async () => {
    f = await startGateway('gwticketeq', { intake: true });
    inventory = await startService(inventoryService, { ...f.env, INVENTORY_PORT: '0' });
    reporting = await startService(reportingService, { ...f.env, REPORTING_PORT: '0' });
    operator = await f.http.account(f.adminToken, { email: 'op@cau.gob', role: 'operator' });
    requester = await f.http.account(f.adminToken, { email: 'ana@salud.gob', role: 'requester' });
    stranger = await f.http.account(f.adminToken, { email: 'otra@salud.gob', role: 'requester' });
    const registered = await f.http.send<{ number: number }>('POST', '/api/v1/tickets', {
      token: operator,
      json: registration({ requester: { email: 'ana@salud.gob', name: 'Ana Pérez' } }),
    });
    expect(registered.status).toBe(201);
    ticket = registered.body.number;
    // Reporting answers ticket reads: wait until it has learnt of the new ticket.
    await waitFor(
      async () => (await f.http.send('GET', `/api/v1/tickets/${ticket}`, { token: operator })).status === 200,
      { what: 'reporting to know the ticket' },
    );
    const created = await f.http.send<{ id: string }>('POST', '/api/v1/inventory/equipment', {
      token: operator,
      json: {
        inventoryNumber: 'PC-0100',
        serial: 'SN-100',
        type: 'pc',
        brand: 'Dell',
        model: 'Optiplex',
        state: 'en_uso',
      },
    });
    pc = created.body.id;
  });

  afterAll(async () => {
    await reporting?.stop();
    await inventory?.stop();
    await f?.stop();
  });

  it('staff link equipment to a ticket; the ticket, its requester and the equipment page show it; unlink removes it', async () => {
    const linked = await f.http.send<Link[]>('POST', `/api/v1/tickets/${ticket}/equipment`, {
      token: operator,
      json: { equipmentId: pc },
    });
    expect(linked.status).toBe(201);
    expect(linked.body).toEqual([
      expect.objectContaining({
        ticketNumber: ticket,
        equipment: expect.objectContaining({ id: pc, inventoryNumber: 'PC-0100', brand: 'Dell', model: 'Optiplex' }),
        linkedBy: expect.objectContaining({ name: 'Cuenta operator' }),
      }),
    ]);
    const asRequester = await f.http.send<Link[]>('GET', `/api/v1/tickets/${ticket}/equipment`, { token: requester });
    expect(asRequester).toMatchObject({ status: 200, body: [{ equipment: { inventoryNumber: 'PC-0100' } }] });
    const page = await f.http.send<Link[]>('GET', `/api/v1/inventory/equipment/${pc}/tickets`, { token: operator });
    expect(page.body.map((l) => l.ticketNumber)).toEqual([ticket]);

    const unlinked = await f.http.send<Link[]>('DELETE', `/api/v1/tickets/${ticket}/equipment/${pc}`, {
      token: operator,
    });
    expect(unlinked).toMatchObject({ status: 200, body: [] });
  });

  it('refuses a ticket that does not exist, unknown equipment, bad ids, requesters and strangers; stores nothing', async () => {
    const noTicket = await f.http.send<ErrorBody>('POST', '/api/v1/tickets/999999/equipment', {
      token: operator,
      json: { equipmentId: pc },
    });
    expect(noTicket.status).toBe(404);
    const unknown = await f.http.send<ErrorBody>('POST', `/api/v1/tickets/${ticket}/equipment`, {
      token: operator,
      json: { equipmentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown).toMatchObject({
      status: 400,
      body: { fields: [{ field: 'equipmentId', message: expect.stringContaining('inventario') }] },
    });
    const notAnId = await f.http.send<ErrorBody>('POST', `/api/v1/tickets/${ticket}/equipment`, {
      token: operator,
      json: { equipmentId: 'PC-0100' },
    });
    expect(notAnId).toMatchObject({ status: 400, body: { fields: [{ field: 'equipmentId' }] } });
    const badNumber = await f.http.send<ErrorBody>('GET', '/api/v1/tickets/abc/equipment', { token: operator });
    expect(badNumber.status).toBe(400);
    const byRequester = await f.http.send('POST', `/api/v1/tickets/${ticket}/equipment`, {
      token: requester,
      json: { equipmentId: pc },
    });
    expect(byRequester.status).toBe(403);
    const strangersTicket = await f.http.send('GET', `/api/v1/tickets/${ticket}/equipment`, { token: stranger });
    expect(strangersTicket.status).toBe(403);
    const requesterEquipmentPage = await f.http.send('GET', `/api/v1/inventory/equipment/${pc}/tickets`, {
      token: requester,
    });
    expect(requesterEquipmentPage.status).toBe(403);
    const unknownPage = await f.http.send(
      'GET',
      '/api/v1/inventory/equipment/00000000-0000-4000-8000-000000000000/tickets',
      {
        token: operator,
      },
    );
    expect(unknownPage.status).toBe(404);
    const { rows } = await f.db.query<{ n: string }>('SELECT count(*) AS n FROM inventory.ticket_equipment');
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('a requester names the equipment they hold when reporting; it is linked like a staff link, as seen from both sides', async () => {
    const { rows } = await f.db.query<{ id: string }>(`SELECT id FROM intake.requesters WHERE email = 'ana@salud.gob'`);
    const created = await f.http.send<{ id: string }>('POST', '/api/v1/inventory/equipment', {
      token: operator,
      json: { inventoryNumber: 'PC-ANA-9', type: 'notebook', state: 'en_stock', brand: 'Lenovo', model: 'T14' },
    });
    const notebook = created.body.id;
    const assigned = await f.http.send('POST', `/api/v1/inventory/equipment/${notebook}/custody`, {
      token: operator,
      json: { requesterId: rows[0]!.id },
    });
    expect(assigned.status).toBe(200);
    const own = (equipmentIds: unknown) =>
      registration({ channel: 'portal', requester: { email: 'ana@salud.gob', name: 'Ana Pérez' }, equipmentIds });
    const tickets = async () =>
      Number((await f.db.query<{ n: string }>(`SELECT count(*) AS n FROM intake.tickets`)).rows[0]!.n);
    const before = await tickets();

    const othersEquipment = await f.http.send<ErrorBody>('POST', '/api/v1/tickets', {
      token: stranger,
      json: registration({
        channel: 'portal',
        requester: { email: 'otra@salud.gob', name: 'Otra' },
        equipmentIds: [notebook],
      }),
    });
    expect(othersEquipment).toMatchObject({
      status: 400,
      body: { fields: [{ field: 'equipmentIds.0', message: expect.stringContaining('Mi equipo') }] },
    });
    const unknown = await f.http.send<ErrorBody>('POST', '/api/v1/tickets', {
      token: requester,
      json: own([notebook, '00000000-0000-4000-8000-000000000000']),
    });
    expect(unknown).toMatchObject({ status: 400, body: { fields: [{ field: 'equipmentIds.1' }] } });
    const malformed = await f.http.send<ErrorBody>('POST', '/api/v1/tickets', {
      token: requester,
      json: own(['PC-ANA-9']),
    });
    expect(malformed).toMatchObject({ status: 400, body: { fields: [{ field: 'equipmentIds' }] } });
    const notAList = await f.http.send<ErrorBody>('POST', '/api/v1/tickets', { token: requester, json: own(notebook) });
    expect(notAList).toMatchObject({ status: 400, body: { fields: [{ field: 'equipmentIds' }] } });
    expect(await tickets()).toBe(before);

    const reported = await f.http.send<{ number: number }>('POST', '/api/v1/tickets', {
      token: requester,
      json: own([notebook]),
    });
    expect(reported.status).toBe(201);
    const number = reported.body.number;
    const links = await waitFor(
      async () => {
        const read = await f.http.send<Link[]>('GET', `/api/v1/tickets/${number}/equipment`, { token: requester });
        return read.status === 200 && read.body.length > 0 ? read.body : undefined;
      },
      { what: 'the named notebook on the ticket' },
    );
    expect(links).toEqual([
      expect.objectContaining({
        equipment: expect.objectContaining({ id: notebook, inventoryNumber: 'PC-ANA-9' }),
        linkedBy: expect.objectContaining({ name: 'Cuenta requester' }),
      }),
    ]);
    const page = await f.http.send<Link[]>('GET', `/api/v1/inventory/equipment/${notebook}/tickets`, {
      token: operator,
    });
    expect(page.body.map((l) => l.ticketNumber)).toEqual([number]);
  });

  it('plans a visit by a staff account and records it; refuses unknown accounts, reversed times and other tickets', async () => {
    const me = await f.http.send<{ id: string; name: string }>('GET', '/api/v1/accounts/me', { token: operator });
    const planned = await f.http.send<{ id: string; visitor: { kind: string; name: string } }>(
      'POST',
      `/api/v1/tickets/${ticket}/visits`,
      {
        token: operator,
        json: { plannedFor: '2026-12-07T10:00:00-03:00', visitor: { kind: 'staff', accountId: me.body.id } },
      },
    );
    expect(planned).toMatchObject({ status: 201, body: { visitor: { kind: 'staff', name: me.body.name } } });
    const visitId = planned.body.id;
    const body = {
      visitor: { kind: 'contractor', company: 'Soporte Técnico SA', technician: 'Luis Gómez', reportNumber: 'ST-889' },
      arrivedAt: '2026-12-07T10:20:00-03:00',
      departedAt: '2026-12-07T12:00:00-03:00',
      workDone: 'Cambio de fuente.',
    };
    const backwards = await f.http.send<ErrorBody>('POST', `/api/v1/tickets/${ticket}/visits/${visitId}/record`, {
      token: operator,
      json: { ...body, departedAt: '2026-12-07T10:00:00-03:00' },
    });
    expect(backwards).toMatchObject({
      status: 400,
      body: { fields: [{ field: 'departedAt', message: expect.stringContaining('arrivedAt') }] },
    });
    const requesterAccount = await f.http.send<{ id: string }>('GET', '/api/v1/accounts/me', { token: requester });
    const notStaff = await f.http.send<ErrorBody>('POST', `/api/v1/tickets/${ticket}/visits`, {
      token: operator,
      json: {
        plannedFor: '2026-12-07T10:00:00-03:00',
        visitor: { kind: 'staff', accountId: requesterAccount.body.id },
      },
    });
    expect(notStaff).toMatchObject({ status: 400, body: { fields: [{ field: 'visitor.accountId' }] } });
    const nameFromClient = await f.http.send<ErrorBody>('POST', `/api/v1/tickets/${ticket}/visits`, {
      token: operator,
      json: {
        plannedFor: '2026-12-07T10:00:00-03:00',
        visitor: { kind: 'staff', accountId: me.body.id, name: 'Otro' },
      },
    });
    expect(nameFromClient).toMatchObject({ status: 400, body: { fields: [{ field: 'visitor.name' }] } });
    const noTicket = await f.http.send('POST', `/api/v1/tickets/999999/visits/${visitId}/record`, {
      token: operator,
      json: body,
    });
    expect(noTicket.status).toBe(404);

    const recorded = await f.http.send<{ status: string; visitor: { technician: string } }>(
      'POST',
      `/api/v1/tickets/${ticket}/visits/${visitId}/record`,
      { token: operator, json: body },
    );
    expect(recorded).toMatchObject({
      status: 200,
      body: { status: 'recorded', visitor: { technician: 'Luis Gómez' } },
    });
    const mine = await f.http.send<unknown[]>('GET', `/api/v1/tickets/${ticket}/visits`, { token: requester });
    expect(mine).toMatchObject({ status: 200, body: [{ status: 'recorded' }] });
    const planByRequester = await f.http.send('POST', `/api/v1/tickets/${ticket}/visits`, {
      token: requester,
      json: { plannedFor: '2026-12-07T10:00:00-03:00', visitor: body.visitor },
    });
    expect(planByRequester.status).toBe(403);
    const { rows } = await f.db.query<{ n: string }>('SELECT count(*) AS n FROM inventory.field_visits');
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('records equipment out for repair and its return; the F03 PDF for staff and the requester of the ticket only', async () => {
    const out = await f.http.send<{ id: string; equipment: { state: string } }>(
      'POST',
      `/api/v1/tickets/${ticket}/repairs`,
      {
        token: operator,
        json: {
          equipmentId: pc,
          takenBy: 'Luis Gómez',
          destination: 'Taller de Soporte Técnico SA',
          expectedReturn: '2099-01-15',
          reportNumber: 'ST-889',
          reason: 'Falla de la fuente de alimentación.',
        },
      },
    );
    expect(out).toMatchObject({ status: 201, body: { equipment: { state: 'en_reparacion' } } });
    const badReason = await f.http.send<ErrorBody>('POST', `/api/v1/tickets/${ticket}/repairs`, {
      token: operator,
      json: { equipmentId: pc, takenBy: 'Luis', destination: 'Taller', expectedReturn: '2099-01-15', reason: '' },
    });
    expect(badReason).toMatchObject({ status: 400, body: { fields: [{ field: 'reason' }] } });
    const twice = await f.http.send<ErrorBody>('POST', `/api/v1/tickets/${ticket}/repairs`, {
      token: operator,
      json: { equipmentId: pc, takenBy: 'Luis', destination: 'Taller', expectedReturn: '2099-01-15', reason: 'Otra' },
    });
    expect(twice.status).toBe(409);

    const pdf = await fetch(`${f.gateway.url}/api/v1/tickets/${ticket}/repairs/${out.body.id}/f03.pdf`, {
      headers: { authorization: `Bearer ${requester}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="F03-ticket-${ticket}-PC-0100.pdf"`);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('Salida de Equipo de Cómputo');
    expect(text).toContain('Taller de Soporte Técnico SA');
    const strangers = await f.http.send('GET', `/api/v1/tickets/${ticket}/repairs/${out.body.id}/f03.pdf`, {
      token: stranger,
    });
    expect(strangers.status).toBe(403);
    const unknown = await f.http.send(
      'GET',
      `/api/v1/tickets/${ticket}/repairs/00000000-0000-4000-8000-000000000000/f03.pdf`,
      { token: operator },
    );
    expect(unknown.status).toBe(404);

    const back = await f.http.send<{ equipment: { state: string } }>(
      'POST',
      `/api/v1/tickets/${ticket}/repairs/${out.body.id}/return`,
      { token: operator, json: { returnedOn: '2099-01-10', condition: 'funciona' } },
    );
    // Nobody holds this machine in custody: it comes back to the stock.
    expect(back).toMatchObject({ status: 200, body: { equipment: { state: 'en_stock' } } });
    const page = await f.http.send<unknown[]>('GET', `/api/v1/inventory/equipment/${pc}/repairs`, { token: operator });
    expect(page.body).toHaveLength(1);
  });

  it('records the sign-off of the field attention (after the visit and repair above); refuses bad signatures', async () => {
    const missing = await f.http.send<ErrorBody>('POST', `/api/v1/tickets/${ticket}/sign-off`, {
      token: operator,
      json: { conforme: true, user: { name: 'Ana Pérez' }, head: { name: 'Jefa' } },
    });
    expect(missing).toMatchObject({ status: 400, body: { fields: [{ field: 'repairStaff' }] } });
    const signed = await f.http.send<{ conforme: boolean; head: { name: string } }>(
      'POST',
      `/api/v1/tickets/${ticket}/sign-off`,
      {
        token: operator,
        json: {
          conforme: true,
          user: { name: 'Ana Pérez' },
          head: { name: 'Jefa' },
          repairStaff: { name: 'Luis Gómez' },
        },
      },
    );
    expect(signed).toMatchObject({ status: 201, body: { conforme: true, head: { name: 'Jefa' } } });
    const mine = await f.http.send('GET', `/api/v1/tickets/${ticket}/sign-off`, { token: requester });
    expect(mine).toMatchObject({ status: 200, body: { user: { name: 'Ana Pérez' } } });
    const strangers = await f.http.send('GET', `/api/v1/tickets/${ticket}/sign-off`, { token: stranger });
    expect(strangers.status).toBe(403);
  });
});
