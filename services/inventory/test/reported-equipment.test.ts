import { randomUUID } from 'node:crypto';
import { ErrorCode, IntakeRpc, InventoryRpc, type EquipmentV1 } from '@cau/contracts';
import { waitFor } from '@cau/testing';
import { InventoryHarness, actor } from './support.js';

jest.setTimeout(120_000);

const operator = actor('operator', { name: 'Operadora Mesa' });

describe('inventory: the requester names their equipment when reporting a problem', () => {
  let h: InventoryHarness;
  const anaId = randomUUID();
  const betoId = randomUUID();
  const ana = actor('requester', { email: 'Ana.Perez@salud.gob', name: 'Ana Pérez' });
  const beto = actor('requester', { email: 'beto.gomez@salud.gob', name: 'Beto Gómez' });
  let anaPc: EquipmentV1;
  let anaMonitor: EquipmentV1;
  let betoPc: EquipmentV1;

  const register = (inventoryNumber: string): Promise<EquipmentV1> =>
    h.request(InventoryRpc.RegisterEquipment, {
      actor: operator,
      equipment: { inventoryNumber, type: 'pc', state: 'en_stock', brand: 'HP', model: 'ProDesk 400' },
    });
  const assign = (id: string, requesterId: string) =>
    h.request(InventoryRpc.AssignCustody, { actor: operator, id, custody: { requesterId } });
  const check = (who: typeof ana, holderEmail: string, equipmentIds: string[]) =>
    h.request(InventoryRpc.HeldEquipmentCheck, { actor: who, holderEmail, equipmentIds });
  const report = (who: typeof ana, equipmentIds: string[]) =>
    h.request(IntakeRpc.RegisterTicket, {
      actor: who,
      payload: {
        channel: 'portal',
        requester: { email: who.email, name: who.name },
        jurisdiction: 'SALUD',
        title: 'La PC no enciende',
        description: 'Desde esta mañana',
        type: 'incidente',
        category: 'impresoras',
        impact: 'medio',
        urgency: 'alta',
        equipmentIds,
      },
    });
  const linksOf = async (ticketNumber: number) =>
    (
      await h.db.query<{ equipment_id: string; linked_by_name: string }>(
        `SELECT equipment_id, linked_by_name FROM inventory.ticket_equipment WHERE ticket_number = $1 ORDER BY linked_at`,
        [ticketNumber],
      )
    ).rows;

  beforeAll(async () => {
    h = await InventoryHarness.start('inv-reported-eq', { intake: true });
    await h.db.query(
      `INSERT INTO intake.requesters (id, email, name) VALUES ($1, 'ana.perez@salud.gob', 'Ana Pérez'), ($2, 'beto.gomez@salud.gob', 'Beto Gómez')`,
      [anaId, betoId],
    );
    anaPc = await register('PC-ANA-1');
    anaMonitor = await register('MON-ANA-1');
    betoPc = await register('PC-BETO-1');
    await assign(anaPc.id, anaId);
    await assign(anaMonitor.id, anaId);
    await assign(betoPc.id, betoId);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('links what the requester named on ticket.registered, as linked by whoever registered it', async () => {
    await expect(check(ana, ana.email, [anaPc.id, anaMonitor.id])).resolves.toEqual({ held: true });
    const ticket = await report(ana, [anaPc.id, anaMonitor.id.toUpperCase()]);
    const links = await waitFor(
      async () => {
        const found = await h.request(InventoryRpc.TicketEquipment, {
          actor: ana,
          ticket: { ticketId: ticket.ticketId, ticketNumber: ticket.number },
        });
        return found.length === 2 ? found : undefined;
      },
      { what: 'the two named pieces linked' },
    );
    expect(links.map((l) => [l.equipment.inventoryNumber, l.linkedBy.name])).toEqual([
      // Both linked at the registration's moment, so in inventory-number order.
      ['MON-ANA-1', 'Ana Pérez'],
      ['PC-ANA-1', 'Ana Pérez'],
    ]);
    const linked = await h.eventsWhenThere(1).then(() =>
      waitFor(
        async () => {
          const events = (await h.events()).filter(
            (e) => e.type === 'equipment.ticket-linked' && e.ticketId === ticket.ticketId,
          );
          return events.length === 2 ? events : undefined;
        },
        { what: 'two equipment.ticket-linked events' },
      ),
    );
    expect(linked.map((e) => e.data['inventoryNumber'])).toEqual(['PC-ANA-1', 'MON-ANA-1']);
  });

  it("refuses someone else's equipment, an unknown id and another person's name, naming the field", async () => {
    for (const [who, holder, ids, bad] of [
      [ana, ana.email, [anaPc.id, betoPc.id], ['equipmentIds.1']],
      [ana, ana.email, [randomUUID()], ['equipmentIds.0']],
      // A requester may not name equipment for someone else, even what that person holds.
      [ana, beto.email, [betoPc.id], ['equipmentIds.0']],
    ] as const) {
      const refusal = await h.refusal(InventoryRpc.HeldEquipmentCheck, {
        actor: who,
        holderEmail: holder,
        equipmentIds: ids,
      });
      expect(refusal.payload.code).toBe(ErrorCode.Validation);
      expect(refusal.payload.fields?.map((f) => [f.field, f.constraint])).toEqual(
        bad.map((field) => [field, 'notHeldEquipment']),
      );
    }
    const malformed = await h.refusal(InventoryRpc.HeldEquipmentCheck, {
      actor: ana,
      holderEmail: ana.email,
      equipmentIds: ['PC-ANA-1'],
    });
    expect(malformed.payload.fields?.map((f) => f.field)).toEqual(['equipmentIds']);
    const registration = await h.refusal(IntakeRpc.RegisterTicket, {
      actor: ana,
      payload: {
        channel: 'portal',
        requester: { email: ana.email, name: ana.name },
        jurisdiction: 'SALUD',
        title: 'x',
        description: 'y',
        type: 'incidente',
        category: 'impresoras',
        impact: 'medio',
        urgency: 'alta',
        equipmentIds: ['not-a-uuid'],
      },
    });
    expect(registration.payload.fields?.map((f) => f.field)).toEqual(['payload.equipmentIds']);
  });

  it('staff registering for a person may name that person’s equipment; what they no longer hold is not linked', async () => {
    await expect(check(operator, beto.email, [betoPc.id])).resolves.toEqual({ held: true });
    // Bypassing the check (or custody moving after it): inventory links only what the requester holds.
    const ticket = await h.request(IntakeRpc.RegisterTicket, {
      actor: operator,
      payload: {
        channel: 'telefono',
        requester: { email: beto.email, name: beto.name },
        jurisdiction: 'SALUD',
        title: 'La PC no enciende',
        description: 'Llamó por teléfono',
        type: 'incidente',
        category: 'impresoras',
        impact: 'medio',
        urgency: 'alta',
        equipmentIds: [anaPc.id, betoPc.id],
      },
    });
    const links = await waitFor(
      async () => {
        const rows = await linksOf(ticket.number);
        return rows.length > 0 ? rows : undefined;
      },
      { what: "Beto's PC linked" },
    );
    expect(links).toEqual([{ equipment_id: betoPc.id, linked_by_name: 'Operadora Mesa' }]);
    // A ticket without equipment and later events leave nothing behind: the only links are the ones above.
    await report(beto, []);
    const { rows } = await h.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM inventory.ticket_equipment WHERE equipment_id = $1`,
      [anaPc.id],
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });
});
