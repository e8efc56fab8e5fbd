import { Injectable } from '@nestjs/common';
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { ActorV1, CustodyAcceptanceV1, CustodyHolderV1, CustodyPeriodV1, EquipmentState } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { inventoryRows } from '../rows.js';
import type { CustodyPeriods, DB } from '../rows.generated.js';

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

const PERIOD_COLUMNS = [
  'id',
  'equipment_id',
  'requester_id',
  'holder_name',
  'holder_email',
  'since',
  'until',
  'assigned_by_id',
  'assigned_by_name',
  'returned_by_id',
  'returned_by_name',
  'note',
  'accepted_at',
  'accepted_by_id',
  'accepted_by_name',
  'accepted_text',
] as const;

/** Whether the acceptance was signed, without reading the image. */
const signed = (eb: ExpressionBuilder<DB, 'custody_periods'>) =>
  eb('accepted_signature', 'is not', null).$castTo<boolean>().as('signed');

type PeriodRow = Pick<Selectable<CustodyPeriods>, (typeof PERIOD_COLUMNS)[number]> & { signed: boolean };

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
  private readonly db = inventoryRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** Ends the open custody of the equipment, if any. */
  async close(tx: EntityManager, equipmentId: string, by: ActorV1, at: Date): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('custody_periods')
        .set({ until: at, returned_by_id: by.accountId, returned_by_name: by.name })
        .where('equipment_id', '=', equipmentId)
        .where('until', 'is', null),
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
    await execute(
      tx,
      this.db.insertInto('custody_periods').values({
        id,
        equipment_id: equipmentId,
        requester_id: holder.requesterId,
        holder_name: holder.name,
        holder_email: holder.email,
        since: at,
        assigned_by_id: by.accountId,
        assigned_by_name: by.name,
        note,
      }),
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
    await execute(
      tx,
      this.db
        .updateTable('equipment')
        .set({
          holder_requester_id: holder?.requesterId ?? null,
          holder_name: holder?.name ?? null,
          holder_email: holder?.email ?? null,
          holder_since: since,
          revision: sql<number>`revision + (state <> ${state})::int`,
          state,
        })
        .where('id', '=', equipmentId),
    );
  }

  async periods(equipmentId: string): Promise<CustodyPeriodV1[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .selectFrom('custody_periods')
        .select(PERIOD_COLUMNS)
        .select(signed)
        .where('equipment_id', '=', equipmentId)
        .orderBy('since', 'desc')
        .orderBy('until', (order) => order.desc().nullsFirst()),
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
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('custody_periods')
        .select(PERIOD_COLUMNS)
        .select(signed)
        .select('accepted_signature')
        .where('id', '=', periodId)
        .where('equipment_id', '=', equipmentId)
        .$if(lock, (query) => query.forUpdate()),
    );
    return row ? { ...toPeriod(row), equipmentId: row.equipment_id, signature: row.accepted_signature } : null;
  }

  /**
   * The open periods held by the person with this address. Intake's requester directory is keyed by the
   * address (one requester per address, the same one an account signs in with), so it names the same
   * person as the requester id the period was opened for.
   */
  async openFor(email: string): Promise<Array<CustodyPeriodV1 & { equipmentId: string }>> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .selectFrom('custody_periods')
        .select(PERIOD_COLUMNS)
        .select(signed)
        .where((eb) => eb(eb.fn('lower', ['holder_email']), '=', eb.fn('lower', [eb.val(email.trim())])))
        .where('until', 'is', null)
        .orderBy('since', 'desc'),
    );
    return rows.map((row) => ({ ...toPeriod(row), equipmentId: row.equipment_id }));
  }

  /** Records the acceptance once: false when the period was accepted meanwhile. */
  async accept(tx: EntityManager, periodId: string, acceptance: NewAcceptance): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      this.db
        .updateTable('custody_periods')
        .set({
          accepted_at: acceptance.at,
          accepted_by_id: acceptance.by.accountId,
          accepted_by_name: acceptance.by.name,
          accepted_text: acceptance.text,
          accepted_signature: acceptance.signature,
        })
        .where('id', '=', periodId)
        .where('accepted_at', 'is', null)
        .returning('id'),
    );
    return rows.length === 1;
  }
}
