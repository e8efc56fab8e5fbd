import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { AnnouncementAudience, AnnouncementKind, AnnouncementV1, Language } from '@cau/contracts';
import { fetchFirst, fetchRows } from '@cau/persistence';
import { notificationsRows } from '../rows.js';
import type { Announcements } from '../rows.generated.js';

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

const COLUMNS = [
  'id',
  'kind',
  'title',
  'body',
  'language',
  'audience',
  'jurisdictions',
  'valid_from',
  'valid_until',
  'send_mail',
  'version',
  'created_by_name',
  'created_by_email',
  'created_at',
  'updated_by_name',
  'updated_by_email',
  'updated_at',
  'withdrawn_at',
] as const;

type AnnouncementRow = Pick<Selectable<Announcements>, (typeof COLUMNS)[number]>;

@Injectable()
export class AnnouncementRepository {
  private readonly db = notificationsRows;

  async insert(
    tx: EntityManager,
    id: string,
    state: AnnouncementState,
    sendMail: boolean,
    by: AnnouncementAuthor,
  ): Promise<AnnouncementV1> {
    const row = await fetchFirst(
      tx,
      this.db
        .insertInto('announcements')
        .values({
          id,
          ...stateColumns(state),
          send_mail: sendMail,
          created_by_name: by.name,
          created_by_email: by.email,
          updated_by_name: by.name,
          updated_by_email: by.email,
        })
        .returning(COLUMNS),
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return toAnnouncement(row);
  }

  /** Null when there is no such announcement or it was withdrawn (a withdrawn one is never edited). */
  async update(
    tx: EntityManager,
    id: string,
    state: AnnouncementState,
    by: AnnouncementAuthor,
  ): Promise<AnnouncementV1 | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .updateTable('announcements')
        .set((eb) => ({
          ...stateColumns(state),
          updated_by_name: by.name,
          updated_by_email: by.email,
          updated_at: sql<Date>`now()`,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .where('withdrawn_at', 'is', null)
        .returning(COLUMNS),
    );
    return row ? toAnnouncement(row) : null;
  }

  /** Marks it withdrawn (kept for the record); null when there was nothing live to withdraw. */
  async withdraw(tx: EntityManager, id: string, by: AnnouncementAuthor): Promise<AnnouncementV1 | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .updateTable('announcements')
        .set({ withdrawn_at: sql<Date>`now()`, withdrawn_by_email: by.email })
        .where('id', '=', id)
        .where('withdrawn_at', 'is', null)
        .returning(COLUMNS),
    );
    return row ? toAnnouncement(row) : null;
  }

  /** Locked until `tx` ends, so the before/after of one change are those of the same row. */
  async findLiveForUpdate(tx: EntityManager, id: string): Promise<AnnouncementV1 | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('announcements')
        .select(COLUMNS)
        .where('id', '=', id)
        .where('withdrawn_at', 'is', null)
        .forUpdate(),
    );
    return row ? toAnnouncement(row) : null;
  }

  /** Every announcement not withdrawn, the latest to start first. */
  async listLive(tx: EntityManager): Promise<AnnouncementV1[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('announcements')
        .select(COLUMNS)
        .where('withdrawn_at', 'is', null)
        .orderBy('valid_from', 'desc')
        .orderBy('created_at', 'desc')
        .limit(500),
    );
    return rows.map(toAnnouncement);
  }

  /**
   * Not withdrawn and inside the validity window at `now`, security alerts first; the audience is the use
   * case's to decide.
   */
  async listValidAt(tx: EntityManager, now: Date): Promise<AnnouncementV1[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('announcements')
        .select(COLUMNS)
        .where('withdrawn_at', 'is', null)
        .where('valid_from', '<=', now)
        .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', now)]))
        .orderBy((eb) => eb('kind', '=', 'security-alert'), 'desc')
        .orderBy('valid_from', 'desc')
        .orderBy('created_at', 'desc')
        .limit(100),
    );
    return rows.map(toAnnouncement);
  }

  /** The jurisdiction of the person's latest ticket (intake's directory rule); null without tickets. */
  async requesterJurisdiction(tx: EntityManager, email: string): Promise<string | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('tickets')
        .select('jurisdiction')
        .where('requester_email', '=', email.trim().toLowerCase())
        .orderBy('registered_at', 'desc')
        .limit(1),
    );
    return row?.jurisdiction ?? null;
  }

  /**
   * Every requester with a ticket (`jurisdictions` null) or whose latest ticket is of one of
   * `jurisdictions`, leaving out those who opted out of announcements; ordered by address.
   */
  async recipients(tx: EntityManager, jurisdictions: string[] | null): Promise<AnnouncementRecipient[]> {
    return fetchRows(
      tx,
      this.db
        .selectFrom((eb) =>
          eb
            .selectFrom('tickets')
            .distinctOn('requester_email')
            .select(['requester_email as email', 'requester_name as name', 'jurisdiction'])
            .orderBy('requester_email')
            .orderBy('registered_at', 'desc')
            .as('latest'),
        )
        .select(['latest.email', 'latest.name'])
        .$if(jurisdictions !== null, (query) =>
          query.where('latest.jurisdiction', '=', sql<string>`ANY(${jurisdictions}::text[])`),
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('preferences as p')
                .select(sql<number>`1`.as('one'))
                .whereRef('p.email', '=', 'latest.email')
                .where('p.event_type', '=', 'announcement.published')
                .where((inner) => inner.not(inner.ref('p.enabled'))),
            ),
          ),
        )
        .orderBy('latest.email'),
    );
  }
}

/** The columns an edit sets, as the use case decided them. */
function stateColumns(state: AnnouncementState) {
  return {
    kind: state.kind,
    title: state.title,
    body: state.body,
    language: state.language,
    audience: state.audience,
    jurisdictions: state.jurisdictions,
    valid_from: state.validFrom,
    valid_until: state.validUntil,
  };
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
