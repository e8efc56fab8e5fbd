import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst } from '@cau/persistence';
import { notificationsRows } from '../rows.js';

/** Settings the environment seeds until an administrator edits them. */
export const EditableSetting = {
  AreaMailboxes: 'area-mailboxes',
} as const;
export type EditableSetting = (typeof EditableSetting)[keyof typeof EditableSetting];

/** Who last edited a setting, and when (`configuration_edits`). */
@Injectable()
export class ConfigurationEditsRepository {
  private readonly db = notificationsRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  async record(tx: EntityManager, setting: EditableSetting, accountId: string, at: Date): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('configuration_edits')
        .values({ setting, edited_by: accountId, edited_at: at })
        .onConflict((conflict) =>
          conflict.column('setting').doUpdateSet((eb) => ({
            edited_by: eb.ref('excluded.edited_by'),
            edited_at: eb.ref('excluded.edited_at'),
          })),
        ),
    );
  }

  async wasEdited(setting: EditableSetting): Promise<boolean> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db
        .selectFrom('configuration_edits')
        .select(sql<number>`1`.as('edited'))
        .where('setting', '=', setting),
    );
    return row !== null;
  }
}
