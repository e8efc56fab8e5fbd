import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AreaMailboxV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { TransactionMemo } from '../persistence/transaction-memo.js';

/** The address each area's mails go to (`area_mailboxes`). */
@Injectable()
export class AreaMailboxRepository {
  private readonly s: string;
  private readonly byArea = new TransactionMemo<ReadonlyMap<string, string>>();

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Read once per transaction (the consumer's batch), like the rules. */
  async mailboxOf(tx: EntityManager, area: string): Promise<string | null> {
    const mailboxes = await this.byArea.get(tx, 'all', async () => {
      const rows = await this.all(tx);
      return new Map(rows.map((row) => [row.area, row.email]));
    });
    return mailboxes.get(area) ?? null;
  }

  async all(tx: EntityManager = this.runtime.dataSource.manager): Promise<AreaMailboxV1[]> {
    return tx.query(`SELECT area, email FROM "${this.s}".area_mailboxes ORDER BY area`);
  }

  /** The mailboxes become exactly these; an area left out has none. */
  async replaceAll(tx: EntityManager, mailboxes: readonly AreaMailboxV1[]): Promise<void> {
    await tx.query(`LOCK TABLE "${this.s}".area_mailboxes IN SHARE ROW EXCLUSIVE MODE`);
    await tx.query(`DELETE FROM "${this.s}".area_mailboxes`);
    await tx.query(
      `INSERT INTO "${this.s}".area_mailboxes (area, email) SELECT * FROM unnest($1::text[], $2::text[])`,
      [mailboxes.map((m) => m.area), mailboxes.map((m) => m.email)],
    );
  }
}
