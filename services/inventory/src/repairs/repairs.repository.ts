import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  ActorV1,
  EquipmentState,
  FieldTicketV1,
  RepairCondition,
  RepairOutBodyV1,
  RepairV1,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

interface RepairRow {
  id: string;
  ticket_number: string;
  equipment_id: string;
  inventory_number: string;
  serial: string | null;
  type: string;
  brand: string | null;
  model: string | null;
  state: EquipmentState;
  taken_by: string;
  destination: string;
  left_at: Date;
  expected_return: string;
  report_number: string | null;
  reason: string;
  recorded_by_id: string;
  recorded_by_name: string;
  returned_on: string | null;
  condition: RepairCondition | null;
  return_note: string | null;
  returned_by_id: string | null;
  returned_by_name: string | null;
}

const SELECT = `SELECT r.id, r.ticket_number, r.equipment_id, e.inventory_number, e.serial, e.type, e.brand, e.model,
  e.state, r.taken_by, r.destination, r.left_at, to_char(r.expected_return, 'YYYY-MM-DD') AS expected_return,
  r.report_number, r.reason, r.recorded_by_id, r.recorded_by_name,
  to_char(r.returned_on, 'YYYY-MM-DD') AS returned_on, r.condition, r.return_note, r.returned_by_id, r.returned_by_name`;

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
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async out(tx: EntityManager, id: string, ticket: FieldTicketV1, repair: RepairOutBodyV1, by: ActorV1, at: Date) {
    await tx.query(
      `INSERT INTO "${this.s}".repairs (id, ticket_number, ticket_id, equipment_id, taken_by, destination, left_at,
         expected_return, report_number, reason, recorded_by_id, recorded_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        id,
        ticket.ticketNumber,
        ticket.ticketId,
        repair.equipmentId,
        repair.takenBy.trim(),
        repair.destination.trim(),
        at,
        repair.expectedReturn,
        repair.reportNumber?.trim() || null,
        repair.reason.trim(),
        by.accountId,
        by.name,
      ],
    );
  }

  async returned(
    tx: EntityManager,
    id: string,
    back: { returnedOn: string; condition: RepairCondition; note: string | null },
    by: ActorV1,
  ): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".repairs SET returned_on = $2, condition = $3, return_note = $4, returned_by_id = $5,
         returned_by_name = $6 WHERE id = $1`,
      [id, back.returnedOn, back.condition, back.note, by.accountId, by.name],
    );
  }

  async find(id: string, tx?: EntityManager, lock = false): Promise<RepairV1 | null> {
    const rows: RepairRow[] = await (tx ?? this.runtime.dataSource).query(
      `${SELECT} FROM "${this.s}".repairs r JOIN "${this.s}".equipment e ON e.id = r.equipment_id
       WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`,
      [id],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async ofTicket(ticketNumber: number): Promise<RepairV1[]> {
    const rows: RepairRow[] = await this.runtime.dataSource.query(
      `${SELECT} FROM "${this.s}".repairs r JOIN "${this.s}".equipment e ON e.id = r.equipment_id
       WHERE r.ticket_number = $1 ORDER BY r.left_at, r.id`,
      [ticketNumber],
    );
    return rows.map(toView);
  }

  async ofEquipment(equipmentId: string): Promise<RepairV1[]> {
    const rows: RepairRow[] = await this.runtime.dataSource.query(
      `${SELECT} FROM "${this.s}".repairs r JOIN "${this.s}".equipment e ON e.id = r.equipment_id
       WHERE r.equipment_id = $1 ORDER BY r.left_at DESC, r.id`,
      [equipmentId],
    );
    return rows.map(toView);
  }
}
