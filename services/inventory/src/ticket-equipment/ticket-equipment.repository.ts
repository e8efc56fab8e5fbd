import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { ActorV1, TicketEquipmentV1, FieldTicketV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { fetchRows } from '@cau/persistence';
import { inventoryRows } from '../rows.js';

/** A link with the equipment it names. */
function selectLinks(db: typeof inventoryRows) {
  return db
    .selectFrom('ticket_equipment as l')
    .innerJoin('equipment as e', 'e.id', 'l.equipment_id')
    .select([
      'l.ticket_number',
      'l.equipment_id',
      'e.inventory_number',
      'e.serial',
      'e.type',
      'e.brand',
      'e.model',
      'e.state',
      'l.linked_by_id',
      'l.linked_by_name',
      'l.linked_at',
    ]);
}

type LinkRow = InferResult<ReturnType<typeof selectLinks>>[number];

const toView = (r: LinkRow): TicketEquipmentV1 => ({
  ticketNumber: Number(r.ticket_number),
  equipment: {
    id: r.equipment_id,
    inventoryNumber: r.inventory_number,
    serial: r.serial,
    type: r.type,
    brand: r.brand,
    model: r.model,
    state: r.state,
  },
  linkedBy: { accountId: r.linked_by_id, name: r.linked_by_name },
  linkedAt: r.linked_at.toISOString(),
});

@Injectable()
export class TicketEquipmentRepository {
  private readonly db = inventoryRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** True when the link is new (linking twice is not an error: the first link stays). */
  async link(
    tx: EntityManager,
    ticket: FieldTicketV1,
    equipmentId: string,
    by: Pick<ActorV1, 'accountId' | 'name'>,
    at: Date,
  ): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      this.db
        .insertInto('ticket_equipment')
        .values({
          ticket_number: ticket.ticketNumber,
          ticket_id: ticket.ticketId,
          equipment_id: equipmentId,
          linked_by_id: by.accountId,
          linked_by_name: by.name,
          linked_at: at,
        })
        .onConflict((conflict) => conflict.doNothing())
        .returning(sql<number>`1`.as('linked')),
    );
    return rows.length > 0;
  }

  /** True when there was a link to remove. */
  async unlink(tx: EntityManager, ticketNumber: number, equipmentId: string): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      this.db
        .deleteFrom('ticket_equipment')
        .where('ticket_number', '=', String(ticketNumber))
        .where('equipment_id', '=', equipmentId)
        .returning(sql<number>`1`.as('removed')),
    );
    return rows.length > 0;
  }

  /** Which of these pieces the person with this address holds now (an open custody period), as stored ids. */
  async heldBy(email: string, equipmentIds: readonly string[], tx?: EntityManager): Promise<Set<string>> {
    if (equipmentIds.length === 0) return new Set();
    const rows = await fetchRows(
      tx ?? this.runtime.dataSource,
      this.db
        .selectFrom('custody_periods')
        .select('equipment_id')
        .where('until', 'is', null)
        .where((eb) => eb(eb.fn('lower', ['holder_email']), '=', eb.fn('lower', [eb.val(email.trim())])))
        .where('equipment_id', '=', sql<string>`ANY(${equipmentIds}::uuid[])`),
    );
    return new Set(rows.map((r) => r.equipment_id));
  }

  async ofTicket(ticketNumber: number, tx?: EntityManager): Promise<TicketEquipmentV1[]> {
    const rows = await fetchRows(
      tx ?? this.runtime.dataSource,
      selectLinks(this.db)
        .where('l.ticket_number', '=', String(ticketNumber))
        .orderBy('l.linked_at')
        .orderBy('e.inventory_number'),
    );
    return rows.map(toView);
  }

  async ofEquipment(equipmentId: string): Promise<TicketEquipmentV1[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      selectLinks(this.db)
        .where('l.equipment_id', '=', equipmentId)
        .orderBy('l.linked_at', 'desc')
        .orderBy('l.ticket_number', 'desc'),
    );
    return rows.map(toView);
  }
}
