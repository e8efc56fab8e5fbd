import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AnnouncementAudience, AnnouncementKind, AnnouncementV1, Language } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

/** What is stored of an announcement, as the use case decided it. */
export interface AnnouncementState {
  kind: AnnouncementKind;
  title: string;
  body: string;
  language: Language;
  audience: AnnouncementAudience;
  jurisdictions: string[];
  validFrom: string;
  validUntil: string | null;
}

export interface AnnouncementAuthor {
  name: string;
  email: string;
}

/** One requester to mail: their latest ticket's jurisdiction decides whether they are in the audience. */
export interface AnnouncementRecipient {
  email: string;
  name: string;
}

interface AnnouncementRow {
  id: string;
  kind: AnnouncementKind;
  title: string;
  body: string;
  language: Language;
  audience: AnnouncementAudience;
  jurisdictions: string[];
  valid_from: Date;
  valid_until: Date | null;
  send_mail: boolean;
  version: number;
  created_by_name: string;
  created_by_email: string;
  created_at: Date;
  updated_by_name: string;
  updated_by_email: string;
  updated_at: Date;
  withdrawn_at: Date | null;
}

const COLUMNS = `id, kind, title, body, language, audience, jurisdictions, valid_from, valid_until, send_mail, version,
  created_by_name, created_by_email, created_at, updated_by_name, updated_by_email, updated_at, withdrawn_at`;

@Injectable()
export class AnnouncementRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async insert(
    tx: EntityManager,
    id: string,
    state: AnnouncementState,
    sendMail: boolean,
    by: AnnouncementAuthor,
  ): Promise<AnnouncementV1> {
    const rows: AnnouncementRow[] = await tx.query(
      `INSERT INTO "${this.s}".announcements
         (id, kind, title, body, language, audience, jurisdictions, valid_from, valid_until, send_mail,
          created_by_name, created_by_email, updated_by_name, updated_by_email)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11, $12)
       RETURNING ${COLUMNS}`,
      [id, ...stateParams(state), sendMail, by.name, by.email],
    );
    return toAnnouncement(rows[0]!);
  }

  /** Null when there is no such announcement or it was withdrawn (a withdrawn one is never edited). */
  async update(
    tx: EntityManager,
    id: string,
    state: AnnouncementState,
    by: AnnouncementAuthor,
  ): Promise<AnnouncementV1 | null> {
    // Through a CTE: the driver answers a bare UPDATE with a row count, not its RETURNING rows.
    const rows: AnnouncementRow[] = await tx.query(
      `WITH updated AS (
         UPDATE "${this.s}".announcements
         SET kind = $2, title = $3, body = $4, language = $5, audience = $6, jurisdictions = $7, valid_from = $8,
             valid_until = $9, updated_by_name = $10, updated_by_email = $11, updated_at = now(), version = version + 1
         WHERE id = $1 AND withdrawn_at IS NULL
         RETURNING ${COLUMNS})
       SELECT * FROM updated`,
      [id, ...stateParams(state), by.name, by.email],
    );
    return rows[0] ? toAnnouncement(rows[0]) : null;
  }

  /** Marks it withdrawn (kept for the record); null when there was nothing live to withdraw. */
  async withdraw(tx: EntityManager, id: string, by: AnnouncementAuthor): Promise<AnnouncementV1 | null> {
    const rows: AnnouncementRow[] = await tx.query(
      `WITH withdrawn AS (
         UPDATE "${this.s}".announcements SET withdrawn_at = now(), withdrawn_by_email = $2
         WHERE id = $1 AND withdrawn_at IS NULL
         RETURNING ${COLUMNS})
       SELECT * FROM withdrawn`,
      [id, by.email],
    );
    return rows[0] ? toAnnouncement(rows[0]) : null;
  }

  /** Locked until `tx` ends, so the before/after of one change are those of the same row. */
  async findLiveForUpdate(tx: EntityManager, id: string): Promise<AnnouncementV1 | null> {
    const rows: AnnouncementRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM "${this.s}".announcements WHERE id = $1 AND withdrawn_at IS NULL FOR UPDATE`,
      [id],
    );
    return rows[0] ? toAnnouncement(rows[0]) : null;
  }

  /** Every announcement not withdrawn, the latest to start first. */
  async listLive(tx: EntityManager): Promise<AnnouncementV1[]> {
    const rows: AnnouncementRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM "${this.s}".announcements WHERE withdrawn_at IS NULL
       ORDER BY valid_from DESC, created_at DESC LIMIT 500`,
    );
    return rows.map(toAnnouncement);
  }

  /**
   * Not withdrawn and inside the validity window at `now`, security alerts first; the audience is the use
   * case's to decide.
   */
  async listValidAt(tx: EntityManager, now: Date): Promise<AnnouncementV1[]> {
    const rows: AnnouncementRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM "${this.s}".announcements
       WHERE withdrawn_at IS NULL AND valid_from <= $1 AND (valid_until IS NULL OR valid_until > $1)
       ORDER BY kind = 'security-alert' DESC, valid_from DESC, created_at DESC LIMIT 100`,
      [now],
    );
    return rows.map(toAnnouncement);
  }

  /** The jurisdiction of the person's latest ticket (intake's directory rule); null without tickets. */
  async requesterJurisdiction(tx: EntityManager, email: string): Promise<string | null> {
    const rows: Array<{ jurisdiction: string }> = await tx.query(
      `SELECT jurisdiction FROM "${this.s}".tickets WHERE requester_email = $1
       ORDER BY registered_at DESC LIMIT 1`,
      [email.trim().toLowerCase()],
    );
    return rows[0]?.jurisdiction ?? null;
  }

  /**
   * Every requester with a ticket (`jurisdictions` null) or whose latest ticket is of one of
   * `jurisdictions`, leaving out those who opted out of announcements; ordered by address.
   */
  async recipients(tx: EntityManager, jurisdictions: string[] | null): Promise<AnnouncementRecipient[]> {
    const rows: Array<{ email: string; name: string }> = await tx.query(
      `SELECT latest.email, latest.name FROM (
         SELECT DISTINCT ON (requester_email) requester_email AS email, requester_name AS name, jurisdiction
         FROM "${this.s}".tickets
         ORDER BY requester_email, registered_at DESC
       ) latest
       WHERE ($1::text[] IS NULL OR latest.jurisdiction = ANY($1::text[]))
         AND NOT EXISTS (
           SELECT 1 FROM "${this.s}".preferences p
           WHERE p.email = latest.email AND p.event_type = 'announcement.published' AND NOT p.enabled)
       ORDER BY latest.email`,
      [jurisdictions],
    );
    return rows;
  }
}

function stateParams(state: AnnouncementState): unknown[] {
  return [
    state.kind,
    state.title,
    state.body,
    state.language,
    state.audience,
    state.jurisdictions,
    state.validFrom,
    state.validUntil,
  ];
}

function toAnnouncement(row: AnnouncementRow): AnnouncementV1 {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    language: row.language,
    audience: row.audience,
    jurisdictions: row.jurisdictions,
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until ? row.valid_until.toISOString() : null,
    sendMail: row.send_mail,
    version: row.version,
    createdBy: { name: row.created_by_name, email: row.created_by_email },
    createdAt: row.created_at.toISOString(),
    updatedBy: { name: row.updated_by_name, email: row.updated_by_email },
    updatedAt: row.updated_at.toISOString(),
    withdrawnAt: row.withdrawn_at ? row.withdrawn_at.toISOString() : null,
  };
}
