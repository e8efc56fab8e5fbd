import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { ActorV1, FieldTicketV1, RepairCondition, RepairOutBodyV1, RepairV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { inventoryRows } from '../rows.js';

/** A repair with the equipment it is about (dates as the calendar days they are). */
function selectRepairs(db: typeof inventoryRows) {
  return db
    .selectFrom('repairs as r')
    .innerJoin('equipment as e', 'e.id', 'r.equipment_id')
    .select([
      'r.id',
      'r.ticket_number',
      'r.equipment_id',
      'e.inventory_number',
      'e.serial',
      'e.type',
      'e.brand',
      'e.model',
      'e.state',
      'r.taken_by',
      'r.destination',
      'r.left_at',
      sql<string>`to_char(r.expected_return, 'YYYY-MM-DD')`.as('expected_return'),
      'r.report_number',
      'r.reason',
      'r.recorded_by_id',
      'r.recorded_by_name',
      sql<string | null>`to_char(r.returned_on, 'YYYY-MM-DD')`.as('returned_on'),
      'r.condition',
      'r.return_note',
      'r.returned_by_id',
      'r.returned_by_name',
    ]);
}

type RepairRow = InferResult<ReturnType<typeof selectRepairs>>[number];

const toView = (r: RepairRow): RepairV1 => ({
  id: r.id,
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
  takenBy: r.taken_by,
  destination: r.destination,
  leftAt: r.left_at.toISOString(),
  expectedReturn: r.expected_return,
  reportNumber: r.report_number,
  reason: r.reason,
  recordedBy: { accountId: r.recorded_by_id, name: r.recorded_by_name },
  returnedOn: r.returned_on,
  condition: r.condition,
  returnNote: r.return_note,
  returnedBy: r.returned_by_id ? { accountId: r.returned_by_id, name: r.returned_by_name ?? '' } : null,
});

@Injectable()
export class RepairsRepository {
  private readonly db = inventoryRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  async out(tx: EntityManager, id: string, ticket: FieldTicketV1, repair: RepairOutBodyV1, by: ActorV1, at: Date) {
    await execute(
      tx,
      this.db.insertInto('repairs').values({
        id,
        ticket_number: ticket.ticketNumber,
        ticket_id: ticket.ticketId,
        equipment_id: repair.equipmentId,
        taken_by: repair.takenBy.trim(),
        destination: repair.destination.trim(),
        left_at: at,
        expected_return: repair.expectedReturn,
        report_number: repair.reportNumber?.trim() || null,
        reason: repair.reason.trim(),
        recorded_by_id: by.accountId,
        recorded_by_name: by.name,
      }),
    );
  }

  async returned(
    tx: EntityManager,
    id: string,
    back: { returnedOn: string; condition: RepairCondition; note: string | null },
    by: ActorV1,
  ): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('repairs')
        .set({
          returned_on: back.returnedOn,
          condition: back.condition,
          return_note: back.note,
          returned_by_id: by.accountId,
          returned_by_name: by.name,
        })
        .where('id', '=', id),
    );
  }

  async find(id: string, tx?: EntityManager, lock = false): Promise<RepairV1 | null> {
    const row = await fetchFirst(
      tx ?? this.runtime.dataSource,
      selectRepairs(this.db)
        .where('r.id', '=', id)
        .$if(lock, (query) => query.forUpdate('r')),
    );
    return row ? toView(row) : null;
  }

  async ofTicket(ticketNumber: number): Promise<RepairV1[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      selectRepairs(this.db).where('r.ticket_number', '=', String(ticketNumber)).orderBy('r.left_at').orderBy('r.id'),
    );
    return rows.map(toView);
  }

  async ofEquipment(equipmentId: string): Promise<RepairV1[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      selectRepairs(this.db).where('r.equipment_id', '=', equipmentId).orderBy('r.left_at', 'desc').orderBy('r.id'),
    );
    return rows.map(toView);
  }
}
