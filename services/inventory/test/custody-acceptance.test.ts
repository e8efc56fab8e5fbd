import { randomUUID } from 'node:crypto';
import { ErrorCode, InventoryLimits, InventoryRpc, type AcceptCustodyBodyV1, type EquipmentV1 } from '@cau/contracts';
import { InventoryHarness, actor } from './support.js';

jest.setTimeout(120_000);

/** A real 1×1 PNG, as a canvas exports one. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const operator = actor('operator');

describe('inventory: the holder accepts the custody document', () => {
  let h: InventoryHarness;
  const anaId = randomUUID();
  const betoId = randomUUID();
  // The accounts they sign in with: the same addresses as their requester records (case aside).
  const ana = actor('requester', { email: 'Ana.Perez@salud.gob', name: 'Ana Pérez' });
  const beto = actor('referente', { email: 'beto.gomez@salud.gob', name: 'Beto Gómez', jurisdiction: 'SALUD' });
  beforeAll(async () => {
    h = await InventoryHarness.start('inv-acceptance', { intake: true });
    await h.db.query(
      `INSERT INTO intake.requesters (id, email, name) VALUES ($1, 'ana.perez@salud.gob', 'Ana Pérez'), ($2, 'beto.gomez@salud.gob', 'Beto Gómez')`,
      [anaId, betoId],
    );
  });
  afterAll(async () => {
    await h.stop();
  });

  const register = (inventoryNumber: string): Promise<EquipmentV1> =>
    h.request(InventoryRpc.RegisterEquipment, {
      actor: operator,
      equipment: {
        inventoryNumber,
        type: 'notebook',
        state: 'en_stock',
        brand: 'Lenovo',
        location: { building: 'Anexo', floor: '1', office: '12' },
      },
    });
  const assign = (id: string, requesterId: string, note?: string) =>
    h.request(InventoryRpc.AssignCustody, {
      actor: operator,
      id,
      custody: { requesterId, ...(note ? { note } : {}) },
    });
  const mine = (who: typeof ana) => h.request(InventoryRpc.MyEquipment, { actor: who });
  const acceptance = (who: typeof ana, id: string, periodId: string, body: AcceptCustodyBodyV1) => ({
    actor: who,
    id,
    periodId,
    acceptance: body,
  });
  const storedAcceptances = async (periodId: string) =>
    (
      await h.db.query<{ accepted_at: Date | null }>(
        `SELECT accepted_at FROM inventory.custody_periods WHERE id = $1`,
        [periodId],
      )
    ).rows[0]!.accepted_at;

  it('shows the holder their equipment with the text, accepts it once with the signature, and keeps it on transfer', async () => {
    const notebook = await register('ACC-1');
    await assign(notebook.id, anaId, 'Con cargador');
    const before = await mine(ana);
    expect(before.signature).toBe('optional');
    expect(before.items).toHaveLength(1);
    const item = before.items[0]!;
    expect(item).toMatchObject({ equipment: { id: notebook.id }, note: 'Con cargador', acceptance: null });
    expect(item.documentText).toContain('Yo, Ana Pérez (ana.perez@salud.gob), recibo en resguardo');
    expect(item.documentText).toContain(
      'Notebook con número de inventario ACC-1, marca Lenovo, ubicado en Anexo · 1 · 12',
    );
    expect((await mine(beto)).items).toEqual([]);

    const accepted = await h.request(
      InventoryRpc.AcceptCustody,
      acceptance(ana, notebook.id, item.periodId, { text: item.documentText, signature: PNG_1X1 }),
    );
    expect(accepted.acceptance).toMatchObject({
      by: { accountId: ana.accountId, name: 'Ana Pérez' },
      text: item.documentText,
      signed: true,
    });
    const again = await h.refusal(
      InventoryRpc.AcceptCustody,
      acceptance(ana, notebook.id, item.periodId, { text: item.documentText }),
    );
    expect(again.payload).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'inventory.custody-accepted' },
    });
    // Nothing rewrites an acceptance, not even a direct update.
    await expect(
      h.db.query(`UPDATE inventory.custody_periods SET accepted_text = 'otro' WHERE id = $1`, [item.periodId]),
    ).rejects.toThrow(/never changed/);

    // A transfer closes the period and keeps its acceptance; the new holder has a new one to accept.
    await assign(notebook.id, betoId);
    const periods = await h.request(InventoryRpc.CustodyHistory, {
      actor: operator,
      id: notebook.id,
    });
    expect(periods.map((p) => [p.holder.name, p.until !== null, p.acceptance?.at ?? null])).toEqual([
      ['Beto Gómez', false, null],
      ['Ana Pérez', true, accepted.acceptance!.at],
    ]);
    expect(periods[1]!.acceptance!.text).toBe(item.documentText);
    expect((await mine(ana)).items).toEqual([]);
    const notHers = await h.refusal(
      InventoryRpc.AcceptCustody,
      acceptance(ana, notebook.id, periods[0]!.id, { text: item.documentText }),
    );
    expect(notHers.payload.code).toBe(ErrorCode.NotFound);

    const events = await h.eventsWhenThere(4);
    expect(events.filter((e) => e.type === 'equipment.custody-accepted').map((e) => e.data)).toEqual([
      {
        equipmentId: notebook.id,
        inventoryNumber: 'ACC-1',
        periodId: item.periodId,
        requesterId: anaId,
        acceptedBy: ana.accountId,
        signed: true,
      },
    ]);
  });

  it('refuses another person, staff, a closed period, a changed text, unknown ids and a bad signature, storing nothing', async () => {
    const notebook = await register('ACC-2');
    await assign(notebook.id, anaId);
    const item = (await mine(ana)).items.find((i) => i.equipment.id === notebook.id)!;
    const body = { text: item.documentText };

    const other = await h.refusal(InventoryRpc.AcceptCustody, acceptance(beto, notebook.id, item.periodId, body));
    expect(other.payload.code).toBe(ErrorCode.NotFound);
    const staff = await h.refusal(InventoryRpc.AcceptCustody, acceptance(operator, notebook.id, item.periodId, body));
    expect(staff.payload.code).toBe(ErrorCode.Forbidden);
    const unknownPeriod = await h.refusal(InventoryRpc.AcceptCustody, acceptance(ana, notebook.id, randomUUID(), body));
    expect(unknownPeriod.payload).toMatchObject({ code: ErrorCode.NotFound, params: { resource: 'custody-period' } });
    const unknownEquipment = await h.refusal(
      InventoryRpc.AcceptCustody,
      acceptance(ana, randomUUID(), item.periodId, body),
    );
    expect(unknownEquipment.payload.code).toBe(ErrorCode.NotFound);
    const malformed = await h.refusal(InventoryRpc.AcceptCustody, acceptance(ana, notebook.id, 'periodo-1', body));
    expect(malformed.payload.fields?.map((f) => f.field)).toEqual(['periodId']);

    for (const signature of ['bm90IGEgcG5n', 'iVBORw0KGgo=', '%%%']) {
      const bad = await h.refusal(
        InventoryRpc.AcceptCustody,
        acceptance(ana, notebook.id, item.periodId, { ...body, signature }),
      );
      expect(bad.payload.fields).toEqual([
        { field: 'signature', constraint: 'signaturePng', params: [InventoryLimits.signatureBytes] },
      ]);
    }
    const changed = await h.refusal(
      InventoryRpc.AcceptCustody,
      acceptance(ana, notebook.id, item.periodId, { text: `${item.documentText} y algo más` }),
    );
    expect(changed.payload).toMatchObject({ code: ErrorCode.Conflict, fields: [{ field: 'text' }] });
    expect(await storedAcceptances(item.periodId)).toBeNull();

    // Returned before accepting: the holder can no longer accept it.
    await h.request(InventoryRpc.ReturnCustody, { actor: operator, id: notebook.id, custody: {} });
    const returned = await h.refusal(InventoryRpc.AcceptCustody, acceptance(ana, notebook.id, item.periodId, body));
    expect(returned.payload).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'inventory.custody-ended' },
    });
    expect(await storedAcceptances(item.periodId)).toBeNull();
  });
});
