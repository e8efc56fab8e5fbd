import { randomUUID } from 'node:crypto';
import { ErrorCode, InventoryRpc, type EquipmentV1 } from '@cau/contracts';
import { InventoryHarness, actor } from './support.js';

jest.setTimeout(120_000);

const operator = actor('operator');
const requester = actor('requester');

describe('inventory: equipment on tickets', () => {
  let h: InventoryHarness;
  beforeAll(async () => {
    h = await InventoryHarness.start('inv-ticket-eq');
  });
  afterAll(async () => {
    await h.stop();
  });

  const register = (inventoryNumber: string, serial: string): Promise<EquipmentV1> =>
    h.request(InventoryRpc.RegisterEquipment, {
      actor: operator,
      equipment: { inventoryNumber, serial, type: 'pc', brand: 'Dell', model: 'Optiplex 7090', state: 'en_uso' },
    });
  const ticket = (ticketNumber: number) => ({ ticketId: randomUUID(), ticketNumber });

  it('links equipment to a ticket once, lists it both ways, unlinks it, and emits an event each time', async () => {
    const pc = await register('PC-0042', 'SN-42');
    const monitor = await register('MON-0042', 'SN-M42');
    const t7 = ticket(7);
    await h.request(InventoryRpc.LinkTicketEquipment, {
      actor: operator,
      ticket: t7,
      link: { equipmentId: pc.id },
    });
    const twice = await h.request(InventoryRpc.LinkTicketEquipment, {
      actor: operator,
      ticket: t7,
      link: { equipmentId: pc.id },
    });
    expect(twice).toEqual([
      {
        ticketNumber: 7,
        equipment: {
          id: pc.id,
          inventoryNumber: 'PC-0042',
          serial: 'SN-42',
          type: 'pc',
          brand: 'Dell',
          model: 'Optiplex 7090',
          state: 'en_uso',
        },
        linkedBy: { accountId: operator.accountId, name: operator.name },
        linkedAt: expect.any(String),
      },
    ]);
    await h.request(InventoryRpc.LinkTicketEquipment, {
      actor: operator,
      ticket: t7,
      link: { equipmentId: monitor.id },
    });
    await h.request(InventoryRpc.LinkTicketEquipment, {
      actor: operator,
      ticket: ticket(9),
      link: { equipmentId: pc.id },
    });

    const ofTicket = await h.request(InventoryRpc.TicketEquipment, {
      actor: requester,
      ticket: t7,
    });
    expect(ofTicket.map((l) => l.equipment.inventoryNumber)).toEqual(['PC-0042', 'MON-0042']);
    const ofPc = await h.request(InventoryRpc.EquipmentTickets, {
      actor: operator,
      id: pc.id,
    });
    expect(ofPc.map((l) => l.ticketNumber)).toEqual([9, 7]);

    const left = await h.request(InventoryRpc.UnlinkTicketEquipment, {
      actor: operator,
      ticket: t7,
      equipmentId: monitor.id,
    });
    expect(left.map((l) => l.equipment.inventoryNumber)).toEqual(['PC-0042']);

    const events = await h.eventsWhenThere(6);
    const field = events.filter((e) => e.type.startsWith('equipment.ticket-'));
    expect(field.map((e) => [e.type, e.data.ticketNumber, e.data.inventoryNumber])).toEqual([
      ['equipment.ticket-linked', 7, 'PC-0042'],
      ['equipment.ticket-linked', 7, 'MON-0042'],
      ['equipment.ticket-linked', 9, 'PC-0042'],
      ['equipment.ticket-unlinked', 7, 'MON-0042'],
    ]);
    expect(field[0]!.ticketId).toBe(t7.ticketId);
  });

  it('refuses unknown equipment naming equipmentId, a missing link, requesters and malformed input; stores nothing', async () => {
    const before = await h.count('ticket_equipment');
    const unknownId = randomUUID();
    const unknown = await h.refusal(InventoryRpc.LinkTicketEquipment, {
      actor: operator,
      ticket: ticket(11),
      link: { equipmentId: unknownId },
    });
    expect(unknown.payload).toMatchObject({
      code: ErrorCode.Validation,
      fields: [{ field: 'equipmentId', constraint: 'unknownEquipment', params: [unknownId] }],
    });
    const pc = await register('PC-0043', 'SN-43');
    const notLinked = await h.refusal(InventoryRpc.UnlinkTicketEquipment, {
      actor: operator,
      ticket: ticket(11),
      equipmentId: pc.id,
    });
    expect(notLinked.payload.code).toBe(ErrorCode.NotFound);
    const byRequester = await h.refusal(InventoryRpc.LinkTicketEquipment, {
      actor: requester,
      ticket: ticket(11),
      link: { equipmentId: pc.id },
    });
    expect(byRequester.payload.code).toBe(ErrorCode.Forbidden);
    const requesterReadsEquipmentPage = await h.refusal(InventoryRpc.EquipmentTickets, {
      actor: requester,
      id: pc.id,
    });
    expect(requesterReadsEquipmentPage.payload.code).toBe(ErrorCode.Forbidden);
    const malformed = await h.refusal(InventoryRpc.LinkTicketEquipment, {
      actor: operator,
      ticket: { ticketId: randomUUID(), ticketNumber: 0 },
      link: { equipmentId: 'PC-0043' },
    });
    expect(malformed.payload.code).toBe(ErrorCode.Validation);
    expect(await h.count('ticket_equipment')).toBe(before);
  });
});
