import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { AreaMailboxV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchRows } from '@cau/persistence';
import { notificationsRows } from '../rows.js';
import { TransactionMemo } from '../persistence/transaction-memo.js';

/** The address each area's mails go to (`area_mailboxes`). */
@Injectable()
export class AreaMailboxRepository {
  private readonly db = notificationsRows;
  private readonly byArea = new TransactionMemo<ReadonlyMap<string, string>>();

  constructor(private readonly runtime: ServiceRuntime) {}

  /** Read once per transaction (the consumer's batch), like the rules. */
  async mailboxOf(tx: EntityManager, area: string): Promise<string | null> {
    const mailboxes = await this.byArea.get(tx, 'all', async () => {
      const rows = await this.all(tx);
      return new Map(rows.map((row) => [row.area, row.email]));
    });
    return mailboxes.get(area) ?? null;
  }

  async all(tx: EntityManager = this.runtime.dataSource.manager): Promise<AreaMailboxV1[]> {
    return fetchRows(tx, this.db.selectFrom('area_mailboxes').select(['area', 'email']).orderBy('area'));
  }

  /** The mailboxes become exactly these; an area left out has none. */
  async replaceAll(tx: EntityManager, mailboxes: readonly AreaMailboxV1[]): Promise<void> {
    // Reads no row: only locks, so there is nothing to type.
    await tx.query('LOCK TABLE area_mailboxes IN SHARE ROW EXCLUSIVE MODE');
    await execute(tx, this.db.deleteFrom('area_mailboxes'));
    const t = sql<AreaMailboxV1>`unnest(${mailboxes.map((m) => m.area)}::text[], ${mailboxes.map(
      (m) => m.email,
    )}::text[])`.as<'t'>(sql`t (area, email)`);
    await execute(
      tx,
      this.db
        .insertInto('area_mailboxes')
        .columns(['area', 'email'])
        .expression((eb) => eb.selectFrom(t).select(['t.area', 't.email'])),
    );
  }
}
