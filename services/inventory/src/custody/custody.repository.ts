import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorV1, CustodyAcceptanceV1, CustodyHolderV1, CustodyPeriodV1, EquipmentState } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

interface PeriodRow {
  id: string;
  equipment_id: string;
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
  accepted_at: Date | null;
  accepted_by_id: string | null;
  accepted_by_name: string | null;
  accepted_text: string | null;
  signed: boolean;
}

/** A custody period with what its document needs: the signature image itself, not only whether there is one. */
export interface StoredPeriod extends CustodyPeriodV1 {
  equipmentId: string;
  signature: Buffer | null;
}

/** The period as the API shows it (whether it was signed, not the image). */
export function periodView({
  equipmentId: _equipment,
  signature: _signature,
  ...period
}: StoredPeriod): CustodyPeriodV1 {
  return period;
}

export interface NewAcceptance {
  by: ActorV1;
  at: Date;
  text: string;
  signature: Buffer | null;
}

const PERIOD_COLUMNS = `id, equipment_id, requester_id, holder_name, holder_email, since, until, assigned_by_id,
  assigned_by_name, returned_by_id, returned_by_name, note, accepted_at, accepted_by_id, accepted_by_name,
  accepted_text, accepted_signature IS NOT NULL AS signed`;

function toPeriod(r: PeriodRow): CustodyPeriodV1 {
  const acceptance: CustodyAcceptanceV1 | null = r.accepted_at
    ? {
        at: r.accepted_at.toISOString(),
        by: { accountId: r.accepted_by_id!, name: r.accepted_by_name! },
        text: r.accepted_text!,
        signed: r.signed,
      }
    : null;
  return {
    id: r.id,
    holder: { requesterId: r.requester_id, name: r.holder_name, email: r.holder_email },
    since: r.since.toISOString(),
    until: r.until?.toISOString() ?? null,
    assignedBy: { accountId: r.assigned_by_id, name: r.assigned_by_name },
    returnedBy: r.returned_by_id ? { accountId: r.returned_by_id, name: r.returned_by_name ?? '' } : null,
    note: r.note,
    acceptance,
  };
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

  /**
   * The equipment's current holder, kept on its row so lists and pages read it without a join, and its
   * state as the custody leaves it (a changed state is a new revision: an edit read before is refused).
   */
  async setHolder(
    tx: EntityManager,
    equipmentId: string,
    holder: CustodyHolderV1 | null,
    since: Date | null,
    state: EquipmentState,
  ): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".equipment
       SET holder_requester_id = $2, holder_name = $3, holder_email = $4, holder_since = $5,
           revision = revision + (state <> $6)::int, state = $6
       WHERE id = $1`,
      [equipmentId, holder?.requesterId ?? null, holder?.name ?? null, holder?.email ?? null, since, state],
    );
  }

  async periods(equipmentId: string): Promise<CustodyPeriodV1[]> {
    const rows: PeriodRow[] = await this.runtime.dataSource.query(
      `SELECT ${PERIOD_COLUMNS}
       FROM "${this.s}".custody_periods WHERE equipment_id = $1 ORDER BY since DESC, until DESC NULLS FIRST`,
      [equipmentId],
    );
    return rows.map(toPeriod);
  }

  /** One period of one piece of equipment, with its signature image; `lock` holds it until the transaction ends. */
  async find(
    equipmentId: string,
    periodId: string,
    tx: EntityManager = this.runtime.dataSource.manager,
    lock = false,
  ): Promise<StoredPeriod | null> {
    const rows: Array<PeriodRow & { accepted_signature: Buffer | null }> = await tx.query(
      `SELECT ${PERIOD_COLUMNS}, accepted_signature
       FROM "${this.s}".custody_periods WHERE id = $1 AND equipment_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [periodId, equipmentId],
    );
    const row = rows[0];
    return row ? { ...toPeriod(row), equipmentId: row.equipment_id, signature: row.accepted_signature } : null;
  }

  /**
   * The open periods held by the person with this address. Intake's requester directory is keyed by the
   * address (one requester per address, the same one an account signs in with), so it names the same
   * person as the requester id the period was opened for.
   */
  async openFor(email: string): Promise<Array<CustodyPeriodV1 & { equipmentId: string }>> {
    const rows: PeriodRow[] = await this.runtime.dataSource.query(
      `SELECT ${PERIOD_COLUMNS}
       FROM "${this.s}".custody_periods WHERE lower(holder_email) = lower($1) AND until IS NULL ORDER BY since DESC`,
      [email.trim()],
    );
    return rows.map((row) => ({ ...toPeriod(row), equipmentId: row.equipment_id }));
  }

  /** Records the acceptance once: false when the period was accepted meanwhile. */
  async accept(tx: EntityManager, periodId: string, acceptance: NewAcceptance): Promise<boolean> {
    // Wrapped in a SELECT because TypeORM reshapes the result of a bare UPDATE … RETURNING.
    const rows: Array<{ id: string }> = await tx.query(
      `WITH accepted AS (UPDATE "${this.s}".custody_periods
         SET accepted_at = $2, accepted_by_id = $3, accepted_by_name = $4, accepted_text = $5, accepted_signature = $6
         WHERE id = $1 AND accepted_at IS NULL RETURNING id)
       SELECT id FROM accepted`,
      [periodId, acceptance.at, acceptance.by.accountId, acceptance.by.name, acceptance.text, acceptance.signature],
    );
    return rows.length === 1;
  }
}
