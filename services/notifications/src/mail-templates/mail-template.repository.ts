import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { Language, MailKind } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { fetchFirst, fetchRows } from '@cau/persistence';
import { notificationsRows } from '../rows.js';
import type { MailTemplates } from '../rows.generated.js';
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

const COLUMNS = [
  'kind',
  'language',
  'version',
  'subject',
  'text_body',
  'html_body',
  'created_by',
  'created_at',
] as const;

type VersionRow = Pick<Selectable<MailTemplates>, (typeof COLUMNS)[number]>;

/** The versions of `mail_templates`; the newest of a kind and language is in force. */
@Injectable()
export class MailTemplateRepository {
  private readonly db = notificationsRows;
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
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('mail_templates')
        .select(COLUMNS)
        .where('kind', '=', kind)
        .where('language', '=', language)
        .orderBy('version', 'desc')
        .limit(1),
    );
    return row ? toVersion(row) : null;
  }

  /** The newest version of every kind and language that was ever edited. */
  async allLatest(tx: EntityManager): Promise<TemplateVersion[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('mail_templates')
        .distinctOn(['kind', 'language'])
        .select(COLUMNS)
        .orderBy('kind')
        .orderBy('language')
        .orderBy('version', 'desc'),
    );
    return rows.map(toVersion);
  }

  async versions(tx: EntityManager, kind: MailKind, language: Language): Promise<TemplateVersion[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('mail_templates')
        .select(COLUMNS)
        .where('kind', '=', kind)
        .where('language', '=', language)
        .orderBy('version', 'desc'),
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
    // Reads no table: only locks, so there is no row to type.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.s}.mail_templates.${kind}.${language}`]);
    const row = await fetchFirst(
      tx,
      this.db
        .insertInto('mail_templates')
        .columns(['kind', 'language', 'version', 'subject', 'text_body', 'html_body', 'created_by_id', 'created_by'])
        .expression((eb) =>
          eb
            .selectFrom('mail_templates')
            .select((inner) => [
              inner.val(kind).as('kind'),
              inner.val(language).as('language'),
              sql<number>`COALESCE(MAX(version), 0) + 1`.as('version'),
              inner.val(template?.subject ?? null).as('subject'),
              inner.val(template?.text ?? null).as('text_body'),
              inner.val(template?.html ?? null).as('html_body'),
              inner.val(by.accountId).as('created_by_id'),
              inner.val(by.email).as('created_by'),
            ])
            .where('kind', '=', kind)
            .where('language', '=', language),
        )
        .returning(COLUMNS),
    );
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
