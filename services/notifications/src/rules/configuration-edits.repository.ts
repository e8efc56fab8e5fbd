import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';

/** Settings the environment seeds until an administrator edits them. */
export const EditableSetting = {
  AreaMailboxes: 'area-mailboxes',
} as const;
export type EditableSetting = (typeof EditableSetting)[keyof typeof EditableSetting];

/** Who last edited a setting, and when (`configuration_edits`). */
@Injectable()
export class ConfigurationEditsRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async record(tx: EntityManager, setting: EditableSetting, accountId: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".configuration_edits (setting, edited_by, edited_at) VALUES ($1, $2, $3)
       ON CONFLICT (setting) DO UPDATE SET edited_by = EXCLUDED.edited_by, edited_at = EXCLUDED.edited_at`,
      [setting, accountId, at],
    );
  }

  async wasEdited(setting: EditableSetting): Promise<boolean> {
    const rows: unknown[] = await this.runtime.dataSource.query(
      `SELECT 1 FROM "${this.s}".configuration_edits WHERE setting = $1`,
      [setting],
    );
    return rows.length > 0;
  }
}
