import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorV1, EquipmentState, TicketEquipmentV1, FieldTicketV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

interface LinkRow {
  ticket_number: string;
  equipment_id: string;
  inventory_number: string;
  serial: string | null;
  type: string;
  brand: string | null;
  model: string | null;
  state: EquipmentState;
  linked_by_id: string;
  linked_by_name: string;
  linked_at: Date;
}

const SELECT = `SELECT l.ticket_number, l.equipment_id, e.inventory_number, e.serial, e.type, e.brand, e.model, e.state,
                       l.linked_by_id, l.linked_by_name, l.linked_at`;

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
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** True when the link is new (linking twice is not an error: the first link stays). */
  async link(
    tx: EntityManager,
    ticket: FieldTicketV1,
    equipmentId: string,
    by: Pick<ActorV1, 'accountId' | 'name'>,
    at: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".ticket_equipment
         (ticket_number, ticket_id, equipment_id, linked_by_id, linked_by_name, linked_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1`,
      [ticket.ticketNumber, ticket.ticketId, equipmentId, by.accountId, by.name, at],
    );
    return rows.length > 0;
  }

  /** True when there was a link to remove. */
  async unlink(tx: EntityManager, ticketNumber: number, equipmentId: string): Promise<boolean> {
    const [, removed]: [unknown, number] = await tx.query(
      `DELETE FROM "${this.s}".ticket_equipment WHERE ticket_number = $1 AND equipment_id = $2`,
      [ticketNumber, equipmentId],
    );
    return removed > 0;
  }

  /** Which of these pieces the person with this address holds now (an open custody period), as stored ids. */
  async heldBy(email: string, equipmentIds: readonly string[], tx?: EntityManager): Promise<Set<string>> {
    if (equipmentIds.length === 0) return new Set();
    const rows: Array<{ equipment_id: string }> = await (tx ?? this.runtime.dataSource).query(
      `SELECT equipment_id FROM "${this.s}".custody_periods
       WHERE until IS NULL AND lower(holder_email) = lower($1) AND equipment_id = ANY($2::uuid[])`,
      [email.trim(), equipmentIds],
    );
    return new Set(rows.map((r) => r.equipment_id));
  }

  async ofTicket(ticketNumber: number, tx?: EntityManager): Promise<TicketEquipmentV1[]> {
    const rows: LinkRow[] = await (tx ?? this.runtime.dataSource).query(
      `${SELECT} FROM "${this.s}".ticket_equipment l JOIN "${this.s}".equipment e ON e.id = l.equipment_id
       WHERE l.ticket_number = $1 ORDER BY l.linked_at, e.inventory_number`,
      [ticketNumber],
    );
    return rows.map(toView);
  }

  async ofEquipment(equipmentId: string): Promise<TicketEquipmentV1[]> {
    const rows: LinkRow[] = await this.runtime.dataSource.query(
      `${SELECT} FROM "${this.s}".ticket_equipment l JOIN "${this.s}".equipment e ON e.id = l.equipment_id
       WHERE l.equipment_id = $1 ORDER BY l.linked_at DESC, l.ticket_number DESC`,
      [equipmentId],
    );
    return rows.map(toView);
  }
}
