import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  InventoryRpc,
  type EquipmentState,
  type EquipmentV1,
  type F01TicketV1,
  type RepairV1,
  type ServiceLogParamsV1,
  type VisitorV1,
} from '@cau/contracts';
import { pdfText } from '@cau/testing';
import { InventoryHarness, actor } from './support.js';

jest.setTimeout(120_000);

const operator = actor('operator');
const requester = actor('requester');
const DRAWING =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

// The service's days are the machine's zone's here (CAU_TIME_ZONE unset), as the test's.
const day = (at: Date) => new Intl.DateTimeFormat('en-CA').format(at);

describe('inventory: the service log (F02) and the F01', () => {
  let h: InventoryHarness;
  const ana = randomUUID();
  const first = { ticketId: randomUUID(), ticketNumber: 51 };
  const second = { ticketId: randomUUID(), ticketNumber: 52 };
  let pc: EquipmentV1;
  let printer: EquipmentV1;
  let repair: RepairV1;
  const now = new Date();
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

  const log = (filters: ServiceLogParamsV1, by = operator) =>
    h.request(InventoryRpc.ServiceLog, { actor: by, filters });
  const register = (inventoryNumber: string, type: string, state: EquipmentState) =>
    h.request(InventoryRpc.RegisterEquipment, {
      actor: operator,
      equipment: { inventoryNumber, type, brand: 'HP', model: 'ProDesk', state },
    });
  const visit = async (ticket: typeof first, visitor: VisitorV1, arrivedAt: string, workDone: string) => {
    const visitId = randomUUID();
    await h.request(InventoryRpc.PlanVisit, {
      actor: operator,
      ticket,
      visitId,
      plannedFor: arrivedAt,
      visitor,
    });
    await h.request(InventoryRpc.RecordVisit, {
      actor: operator,
      ticket,
      visitId,
      visitor,
      arrivedAt,
      departedAt: arrivedAt,
      workDone,
    });
  };

  beforeAll(async () => {
    h = await InventoryHarness.start('inv-service-log', { intake: true });
    await h.db.query(
      `INSERT INTO intake.requesters (id, email, name) VALUES ($1, 'ana.perez@salud.gob', 'Ana Pérez')`,
      [ana],
    );
    pc = await register('PC-LOG-1', 'pc', 'en_stock');
    printer = await register('IMP-LOG-2', 'impresora', 'en_stock');
    await h.request(InventoryRpc.AssignCustody, { actor: operator, id: pc.id, custody: { requesterId: ana } });
    const afterCustody = new Date(Date.now() + 1).toISOString();
    for (const [ticket, equipmentId] of [
      [first, pc.id],
      [second, printer.id],
    ] as const) {
      await h.request(InventoryRpc.LinkTicketEquipment, { actor: operator, ticket, link: { equipmentId } });
    }
    // Dated after the custody began and before the machine left: the holder is the one of the attention's moment.
    await visit(
      first,
      { kind: 'contractor', company: 'Soporte Técnico SA', technician: 'Marta Ruiz', reportNumber: 'UTIC-7781' },
      afterCustody,
      'Cambio de fuente; no enciende aún.',
    );
    await visit(
      second,
      { kind: 'staff', accountId: operator.accountId, name: 'Raúl Díaz' },
      hoursAgo(1),
      'Limpieza del cabezal de impresión.',
    );
    repair = await h.request(InventoryRpc.RecordRepairOut, {
      actor: operator,
      ticket: first,
      repair: {
        equipmentId: pc.id,
        takenBy: 'Marta Ruiz',
        destination: 'Taller de Soporte Técnico SA',
        expectedReturn: '2099-01-15',
        reportNumber: 'UTIC-7781',
        reason: 'Falla de la placa madre',
      },
    });
    await h.request(InventoryRpc.RecordRepairReturn, {
      actor: operator,
      ticket: first,
      repairId: repair.id,
      repair: { returnedOn: day(new Date(repair.leftAt)), condition: 'funciona', note: 'Placa reemplazada' },
    });
    await h.request(InventoryRpc.RecordSignOff, {
      actor: operator,
      ticket: first,
      signOff: {
        conforme: true,
        comments: 'Equipo funcionando',
        user: { name: 'Ana Pérez', drawing: DRAWING },
        head: { name: 'Jefa del Departamento de Centros de Información' },
        repairStaff: { name: 'Marta Ruiz', drawing: DRAWING },
      },
    });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('lists every attention in order, per equipment, per holder and per period, in keyset pages', async () => {
    const all = await log({});
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((e) => [e.kind, e.ticketNumber, e.equipment.inventoryNumber])).toEqual([
      ['visita', 52, 'IMP-LOG-2'],
      ['visita', 51, 'PC-LOG-1'],
      ['salida', 51, 'PC-LOG-1'],
      ['retorno', 51, 'PC-LOG-1'],
      ['conformidad', 51, 'PC-LOG-1'],
    ]);
    const [printerVisit, pcVisit, out, back, signed] = all.items;
    expect(printerVisit).toMatchObject({
      holder: null,
      by: { kind: 'staff', name: 'Raúl Díaz', reportNumber: null },
      equipment: { typeLabel: 'Impresora' },
      signedOff: null,
    });
    expect(pcVisit).toMatchObject({
      holder: { requesterId: ana, name: 'Ana Pérez' },
      done: 'Cambio de fuente; no enciende aún.',
      by: { kind: 'contractor', name: 'Marta Ruiz', company: 'Soporte Técnico SA', reportNumber: 'UTIC-7781' },
      signedOff: true,
    });
    expect(out).toMatchObject({ result: 'en_reparacion', by: { kind: 'taken-by', name: 'Marta Ruiz' } });
    expect(back).toMatchObject({ result: 'funciona', done: 'Placa reemplazada', day: day(new Date(repair.leftAt)) });
    // Only the return is a day; the others are moments.
    expect([printerVisit, pcVisit, out, signed].map((e) => e?.day)).toEqual([null, null, null, null]);
    expect(signed).toMatchObject({ result: 'conforme', done: 'Equipo funcionando' });

    const ofPc = await log({ inventoryNumber: 'pc-log-1' });
    expect(ofPc.items.map((e) => e.kind)).toEqual(['visita', 'salida', 'retorno', 'conformidad']);
    const ofAna = await log({ holderId: ana });
    expect(ofAna.items.every((e) => e.holder?.name === 'Ana Pérez')).toBe(true);
    expect(ofAna.items).toHaveLength(4);
    const yesterday = day(new Date(now.getTime() - 86_400_000));
    expect((await log({ from: yesterday, to: day(new Date(now.getTime() + 86_400_000)) })).items).toHaveLength(5);
    expect((await log({ from: '2000-01-01', to: '2000-12-31' })).items).toEqual([]);

    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await log({ limit: 2, ...(cursor ? { cursor } : {}) });
      pages.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual(all.items.map((e) => e.id));
  });

  it('refuses bad days, a period backwards, unknown equipment, a foreign cursor and requesters', async () => {
    const fields = async (filters: Record<string, unknown>) =>
      (await h.refusal(InventoryRpc.ServiceLog, { actor: operator, filters })).payload.fields?.map((f) => f.field);
    expect(await fields({ from: '2026-02-30' })).toEqual(['from']);
    expect(await fields({ to: '26-01-01' })).toEqual(['filters.to']);
    expect(await fields({ from: '2026-03-02', to: '2026-03-01' })).toEqual(['to']);
    expect(await fields({ inventoryNumber: 'NO-EXISTE' })).toEqual(['inventoryNumber']);
    expect(await fields({ cursor: 'abc' })).toEqual(['cursor']);
    expect(await fields({ holderId: 'ana' })).toEqual(['filters.holderId']);
    const byRequester = await h.refusal(InventoryRpc.ServiceLog, { actor: requester, filters: {} });
    expect(byRequester.payload.code).toBe(ErrorCode.Forbidden);
    const pdfByRequester = await h.refusal(InventoryRpc.ServiceLogForm, { actor: requester, filters: {} });
    expect(pdfByRequester.payload.code).toBe(ErrorCode.Forbidden);
  });

  it('prints the F02 of one machine', async () => {
    const form = await h.request(InventoryRpc.ServiceLogForm, {
      actor: operator,
      filters: { inventoryNumber: 'PC-LOG-1' },
    });
    expect(form.filename).toBe('F02-bitacora-PC-LOG-1.pdf');
    const text = await pdfText(Buffer.from(form.pdf, 'base64'));
    for (const expected of [
      'MP414-PR15-P01-F02',
      'Bitácora de Atención a Usuarios de la Unidad',
      'Equipo PC-LOG-1',
      'Ana Pérez',
      'Soporte Técnico SA —',
      'UTIC-7781',
      'Salida a reparación',
      'Retorno de reparación',
      'Funciona',
      'Conforme',
      '1 / 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('IMP-LOG-2');
  });

  it("prints a ticket's F01 with the requester, the equipment, the actions, Soporte Técnico and the signatures", async () => {
    const ticket: F01TicketV1 = {
      ticketId: first.ticketId,
      number: 51,
      registeredAt: hoursAgo(2),
      title: 'La PC no enciende',
      description: 'Al presionar el botón de encendido no pasa nada desde esta mañana.',
      status: 'cerrado',
      jurisdiction: 'SALUD',
      requester: { name: 'Ana Pérez', email: 'ana.perez@salud.gob', phone: '+54 2954 123456' },
      solution: 'Se reemplazó la placa madre en el taller.',
      closedAt: now.toISOString(),
    };
    const form = await h.request(InventoryRpc.F01Form, { actor: requester, ticket });
    expect(form.filename).toBe('F01-ticket-51.pdf');
    const text = await pdfText(Buffer.from(form.pdf, 'base64'));
    for (const expected of [
      'MP414-PR15-P01-F01',
      'Atención a Usuarios de la Unidad',
      'N.º 51',
      'Ana Pérez',
      'SALUD',
      'ana.perez@salud.gob — +54 2954 123456',
      'PC-LOG-1',
      'La PC no enciende',
      'desde esta mañana',
      'Cambio de fuente; no enciende aún.',
      'Falla de la placa madre',
      'Placa reemplazada',
      'Se reemplazó la placa madre en el taller.',
      '¿Requirió Soporte Técnico?',
      'UTIC-7781',
      'Soporte Técnico SA',
      'Conforme',
      'Jefa del Departamento',
      'Jefatura del Departamento',
      'Personal de la reparación',
      '1 / 1',
      'Cerrado',
    ]) {
      expect(text).toContain(expected);
    }

    const bare = await pdfText(
      Buffer.from(
        (
          await h.request(InventoryRpc.F01Form, {
            actor: operator,
            ticket: {
              ...ticket,
              ticketId: randomUUID(),
              number: 99,
              status: 'abierto',
              solution: null,
              closedAt: null,
            },
          })
        ).pdf,
        'base64',
      ),
    );
    for (const expected of ['Ningún equipo registrado', 'Sin acciones registradas', 'Pendiente']) {
      expect(bare).toContain(expected);
    }
  });
});
