import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Language, MailKind } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { TransactionMemo } from '../persistence/transaction-memo.js';
import type { MailTemplate } from '../templates/template-language.js';

export interface TemplateVersion {
  kind: MailKind;
  language: Language;
  version: number;
  /** null: this version went back to the built-in template. */
  template: MailTemplate | null;
  createdBy: string;
  createdAt: string;
}

interface VersionRow {
  kind: MailKind;
  language: Language;
  version: number;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  created_by: string;
  created_at: Date;
}

const COLUMNS = 'kind, language, version, subject, text_body, html_body, created_by, created_at';

/** The versions of `mail_templates`; the newest of a kind and language is in force. */
@Injectable()
export class MailTemplateRepository {
  private readonly s: string;
  private readonly inForceMemo = new TransactionMemo<MailTemplate | null>();

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** The administrator's template in force, or null when the built-in one is; read once per transaction. */
  inForce(tx: EntityManager, kind: MailKind, language: Language): Promise<MailTemplate | null> {
    return this.inForceMemo.get(
      tx,
      `${kind}|${language}`,
      async () => (await this.latest(tx, kind, language))?.template ?? null,
    );
  }

  async latest(tx: EntityManager, kind: MailKind, language: Language): Promise<TemplateVersion | null> {
    const rows: VersionRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM "${this.s}".mail_templates
       WHERE kind = $1 AND language = $2 ORDER BY version DESC LIMIT 1`,
      [kind, language],
    );
    return rows[0] ? toVersion(rows[0]) : null;
  }

  /** The newest version of every kind and language that was ever edited. */
  async allLatest(tx: EntityManager): Promise<TemplateVersion[]> {
    const rows: VersionRow[] = await tx.query(
      `SELECT DISTINCT ON (kind, language) ${COLUMNS} FROM "${this.s}".mail_templates
       ORDER BY kind, language, version DESC`,
    );
    return rows.map(toVersion);
  }

  async versions(tx: EntityManager, kind: MailKind, language: Language): Promise<TemplateVersion[]> {
    const rows: VersionRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM "${this.s}".mail_templates WHERE kind = $1 AND language = $2 ORDER BY version DESC`,
      [kind, language],
    );
    return rows.map(toVersion);
  }

  /**
   * Adds the next version (null: back to the built-in template). Edits of one kind and language are
   * serialised by a transaction-scoped lock, so two administrators saving at once get two versions.
   */
  async append(
    tx: EntityManager,
    kind: MailKind,
    language: Language,
    template: MailTemplate | null,
    by: { accountId: string; email: string },
  ): Promise<TemplateVersion> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.s}.mail_templates.${kind}.${language}`]);
    const rows: VersionRow[] = await tx.query(
      `INSERT INTO "${this.s}".mail_templates
         (kind, language, version, subject, text_body, html_body, created_by_id, created_by)
       SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3, $4, $5, $6, $7
       FROM "${this.s}".mail_templates WHERE kind = $1 AND language = $2
       RETURNING ${COLUMNS}`,
      [
        kind,
        language,
        template?.subject ?? null,
        template?.text ?? null,
        template?.html ?? null,
        by.accountId,
        by.email,
      ],
    );
    const row = rows[0];
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return toVersion(row);
  }
}

function toVersion(row: VersionRow): TemplateVersion {
  return {
    kind: row.kind,
    language: row.language,
    version: row.version,
    template:
      row.subject === null || row.text_body === null || row.html_body === null
        ? null
        : { subject: row.subject, text: row.text_body, html: row.html_body },
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}
