import { randomUUID } from 'node:crypto';
import { ErrorCode, InventoryRpc, type EquipmentState, type EquipmentV1 } from '@cau/contracts';
import { InventoryHarness, actor } from './support.js';

jest.setTimeout(120_000);

const operator = actor('operator');

describe('inventory: custody (resguardo)', () => {
  let h: InventoryHarness;
  const ana = randomUUID();
  const beto = randomUUID();
  beforeAll(async () => {
    h = await InventoryHarness.start('inv-custody', { intake: true });
    await h.db.query(
      `INSERT INTO intake.requesters (id, email, name) VALUES ($1, 'ana.perez@salud.gob', 'Ana Pérez'), ($2, 'beto.gomez@salud.gob', 'Beto Gómez')`,
      [ana, beto],
    );
  });
  afterAll(async () => {
    await h.stop();
  });

  const register = (inventoryNumber: string, state: EquipmentState = 'en_stock'): Promise<EquipmentV1> =>
    h.request(InventoryRpc.RegisterEquipment, {
      actor: operator,
      equipment: { inventoryNumber, type: 'notebook', state },
    });
  const assign = (id: string, requesterId: string) =>
    h.request(InventoryRpc.AssignCustody, { actor: operator, id, custody: { requesterId } });

  it('assigns, transfers and returns, keeping every period with since and until', async () => {
    const notebook = await register('NB-1');
    const assigned = await assign(notebook.id, ana);
    expect(assigned.custody).toMatchObject({
      holder: { requesterId: ana, name: 'Ana Pérez', email: 'ana.perez@salud.gob' },
    });
    // Handed to a person, equipment in stock is in use (a new revision); given back, it is in stock again.
    expect(assigned).toMatchObject({ state: 'en_uso', revision: notebook.revision + 1 });
    const transferred = await assign(notebook.id, beto);
    expect(transferred.custody?.holder.name).toBe('Beto Gómez');
    expect(transferred).toMatchObject({ state: 'en_uso', revision: assigned.revision });
    const returned = await h.request(InventoryRpc.ReturnCustody, {
      actor: operator,
      id: notebook.id,
      custody: { note: 'Devuelta al depósito' },
    });
    expect(returned.custody).toBeNull();
    expect(returned).toMatchObject({ state: 'en_stock', revision: assigned.revision + 1 });

    const periods = await h.request(InventoryRpc.CustodyHistory, {
      actor: operator,
      id: notebook.id,
    });
    expect(periods.map((p) => [p.holder.name, p.until !== null, p.returnedBy?.accountId])).toEqual([
      ['Beto Gómez', true, operator.accountId],
      ['Ana Pérez', true, operator.accountId],
    ]);
    expect(periods[1]!.until).toBe(periods[0]!.since);
    const history = await h.request(InventoryRpc.EquipmentHistory, {
      actor: operator,
      id: notebook.id,
    });
    expect(history.map((e) => e.action)).toEqual([
      'custody-returned',
      'custody-transferred',
      'custody-assigned',
      'registered',
    ]);
    const events = await h.eventsWhenThere(4);
    expect(events.filter((e) => e.type === 'equipment.custody-changed').map((e) => e.data.change)).toEqual([
      'assigned',
      'transferred',
      'returned',
    ]);
  });

  it('refuses a transfer of equipment out for repair with the reason, an unknown person and an unknown equipment', async () => {
    const notebook = await register('NB-2', 'en_uso');
    await assign(notebook.id, ana);
    await h.request(InventoryRpc.ChangeEquipment, {
      actor: operator,
      id: notebook.id,
      changes: { revision: 1, state: 'en_reparacion' },
    });
    const inRepair = await h.refusal(InventoryRpc.AssignCustody, {
      actor: operator,
      id: notebook.id,
      custody: { requesterId: beto },
    });
    expect(inRepair.payload).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'inventory.in-repair-no-custody' },
    });
    const unknownPerson = await h.refusal(InventoryRpc.AssignCustody, {
      actor: operator,
      id: (await register('NB-3')).id,
      custody: { requesterId: randomUUID() },
    });
    expect(unknownPerson.payload.fields).toEqual([
      { field: 'requesterId', constraint: 'unknownRequester', params: [expect.any(String)] },
    ]);
    const unknownEquipment = await h.refusal(InventoryRpc.AssignCustody, {
      actor: operator,
      id: randomUUID(),
      custody: { requesterId: ana },
    });
    expect(unknownEquipment.payload.code).toBe(ErrorCode.NotFound);
    const periods = await h.request(InventoryRpc.CustodyHistory, {
      actor: operator,
      id: notebook.id,
    });
    expect(periods.map((p) => [p.holder.name, p.until])).toEqual([['Ana Pérez', null]]);
  });

  it("lists what a person holds now by their address (the desk's picker), nothing of what they gave back", async () => {
    const kept = await register('NB-HOLD-1');
    const given = await register('NB-HOLD-2');
    const others = await register('NB-HOLD-3');
    await assign(kept.id, ana);
    await assign(given.id, ana);
    await assign(given.id, beto);
    await assign(others.id, beto);
    const held = (holderEmail: string, extra: Record<string, unknown> = {}) =>
      h.request(InventoryRpc.ListEquipment, {
        actor: operator,
        params: { holderEmail, ...extra },
      });
    const ofAna = await held('ANA.Perez@salud.gob', { text: 'NB-HOLD' });
    expect(ofAna.items.map((e) => e.inventoryNumber)).toEqual(['NB-HOLD-1']);
    expect((await held('beto.gomez@salud.gob', { text: 'NB-HOLD' })).items.map((e) => e.inventoryNumber)).toEqual([
      'NB-HOLD-2',
      'NB-HOLD-3',
    ]);
    expect((await held('nadie@salud.gob')).items).toEqual([]);
    const bad = await h.refusal(InventoryRpc.ListEquipment, { actor: operator, params: { holderEmail: 'ana' } });
    expect(bad.payload.fields?.map((f) => f.field)).toEqual(['params.holderEmail']);
  });
});
