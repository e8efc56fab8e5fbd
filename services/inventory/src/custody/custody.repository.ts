import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorV1, CustodyHolderV1, CustodyPeriodV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

interface PeriodRow {
  requester_id: string;
  holder_name: string;
  holder_email: string;
  since: Date;
  until: Date | null;
  assigned_by_id: string;
  assigned_by_name: string;
  returned_by_id: string | null;
  returned_by_name: string | null;
  note: string | null;
}

@Injectable()
export class CustodyRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Ends the open custody of the equipment, if any. */
  async close(tx: EntityManager, equipmentId: string, by: ActorV1, at: Date): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".custody_periods SET until = $2, returned_by_id = $3, returned_by_name = $4
       WHERE equipment_id = $1 AND until IS NULL`,
      [equipmentId, at, by.accountId, by.name],
    );
  }

  async open(
    tx: EntityManager,
    id: string,
    equipmentId: string,
    holder: CustodyHolderV1,
    by: ActorV1,
    at: Date,
    note: string | null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".custody_periods
         (id, equipment_id, requester_id, holder_name, holder_email, since, assigned_by_id, assigned_by_name, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, equipmentId, holder.requesterId, holder.name, holder.email, at, by.accountId, by.name, note],
    );
  }

  /** The equipment's current holder, kept on its row so lists and pages read it without a join. */
  async setHolder(
    tx: EntityManager,
    equipmentId: string,
    holder: CustodyHolderV1 | null,
    since: Date | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".equipment SET holder_requester_id = $2, holder_name = $3, holder_email = $4, holder_since = $5
       WHERE id = $1`,
      [equipmentId, holder?.requesterId ?? null, holder?.name ?? null, holder?.email ?? null, since],
    );
  }

  async periods(equipmentId: string): Promise<CustodyPeriodV1[]> {
    const rows: PeriodRow[] = await this.runtime.dataSource.query(
      `SELECT requester_id, holder_name, holder_email, since, until, assigned_by_id, assigned_by_name,
              returned_by_id, returned_by_name, note
       FROM "${this.s}".custody_periods WHERE equipment_id = $1 ORDER BY since DESC, until DESC NULLS FIRST`,
      [equipmentId],
    );
    return rows.map((r) => ({
      holder: { requesterId: r.requester_id, name: r.holder_name, email: r.holder_email },
      since: r.since.toISOString(),
      until: r.until?.toISOString() ?? null,
      assignedBy: { accountId: r.assigned_by_id, name: r.assigned_by_name },
      returnedBy: r.returned_by_id ? { accountId: r.returned_by_id, name: r.returned_by_name ?? '' } : null,
      note: r.note,
    }));
  }
}
