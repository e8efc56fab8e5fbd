import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { gatewayRows } from '../rows.js';

export interface StoredFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

export interface AttachmentRecord {
  id: string;
  ticketNumber: number | null;
  ownerAccountId: string;
  ownerName: string | null;
  ownerRole: string | null;
  kind: 'file' | 'link';
  fileName: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  storageKey: string | null;
  url: string | null;
  title: string | null;
  createdAt: Date;
  attachedAt: Date | null;
  expiresAt: Date | null;
}

/** Why an insert or a binding did not happen. */
export type Refusal = { refused: 'ticket-full'; limit: number } | { refused: 'unknown'; id: string };

/** Attachments with their owner's name and role. */
function selectAttachments(db: typeof gatewayRows) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('accounts as o', 'o.id', 'a.owner_account_id')
    .select([
      'a.id',
      'a.ticket_number',
      'a.owner_account_id',
      'o.name as owner_name',
      'o.role as owner_role',
      'a.kind',
      'a.file_name',
      'a.content_type',
      'a.size_bytes',
      'a.sha256',
      'a.storage_key',
      'a.url',
      'a.title',
      'a.created_at',
      'a.attached_at',
      'a.expires_at',
    ]);
}

type Row = InferResult<ReturnType<typeof selectAttachments>>[number];

/** The gateway's attachment metadata (`gateway.attachments`); the bytes are the store's. */
@Injectable()
export class AttachmentRepository {
  private readonly db = gatewayRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** Files uploaded ahead of a registration or comment, owned by their uploader until they expire. */
  async insertStaged(owner: string, files: StoredFile[], expiresAt: Date): Promise<void> {
    await this.runtime.dataSource.transaction(async (tx) => {
      for (const file of files) await this.insertFile(tx, owner, file, null, expiresAt);
    });
  }

  /** Files added to a ticket directly; refused as a whole when the ticket would exceed `maxTicketBytes`. */
  async insertForTicket(
    owner: string,
    ticketNumber: number,
    files: StoredFile[],
    maxTicketBytes: number,
  ): Promise<Refusal | null> {
    return this.runtime.dataSource.transaction(async (tx) => {
      const used = await this.lockedUsage(tx, ticketNumber);
      const adding = files.reduce((sum, f) => sum + f.sizeBytes, 0);
      if (used + adding > maxTicketBytes) return { refused: 'ticket-full', limit: maxTicketBytes };
      for (const file of files) await this.insertFile(tx, owner, file, ticketNumber, null);
      return null;
    });
  }

  async insertLink(owner: string, ticketNumber: number, id: string, url: string, title: string | null): Promise<void> {
    await execute(
      this.runtime.dataSource,
      this.db.insertInto('attachments').values({
        id,
        ticket_number: ticketNumber,
        owner_account_id: owner,
        kind: 'link',
        url,
        title,
        attached_at: sql<Date>`now()`,
      }),
    );
  }

  /**
   * The owner's files among `ids` that may be bound to `ticketNumber`: staged and not expired, or
   * already on that ticket (a retried comment). For a registration (`ticketNumber` null, the number is
   * not known yet) files already on a ticket count only when `boundCount` says so: a retry with the same
   * Idempotency-Key returns the same ticket, so its files are already there.
   */
  async findBindable(
    owner: string,
    ids: readonly string[],
    ticketNumber: number | null,
    boundCount: boolean,
  ): Promise<AttachmentRecord[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      selectAttachments(this.db)
        .where('a.id', '=', sql<string>`ANY(${ids}::uuid[])`)
        .where('a.owner_account_id', '=', owner)
        .where('a.kind', '=', 'file')
        .where((eb) =>
          eb.or([
            eb.and([eb('a.ticket_number', 'is', null), eb('a.expires_at', '>', sql<Date>`now()`)]),
            eb.and([eb.val(boundCount), eb('a.ticket_number', 'is not', null)]),
            eb('a.ticket_number', '=', sql<number | null>`${ticketNumber}::int`),
          ]),
        ),
    );
    return rows.map(toRecord);
  }

  /** Bytes on a ticket. */
  async usage(ticketNumber: number): Promise<number> {
    return this.bytesOn(this.runtime.dataSource.manager, ticketNumber);
  }

  /**
   * Binds the owner's staged files to a ticket; idempotent (files already there stay). Refused as a
   * whole when an id is neither staged by the owner nor on the ticket, or when the ticket would exceed
   * its limit.
   */
  async bind(
    owner: string,
    ids: readonly string[],
    ticketNumber: number,
    maxTicketBytes: number,
  ): Promise<Refusal | null> {
    if (ids.length === 0) return null;
    return this.runtime.dataSource.transaction(async (tx) => {
      const used = await this.lockedUsage(tx, ticketNumber);
      const rows = await fetchRows(
        tx,
        this.db
          .selectFrom('attachments')
          .select(['id', 'ticket_number', 'size_bytes'])
          .where('id', '=', sql<string>`ANY(${ids}::uuid[])`)
          .where('owner_account_id', '=', owner)
          .where('kind', '=', 'file')
          .where((eb) =>
            eb.or([
              eb.and([eb('ticket_number', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]),
              eb('ticket_number', '=', ticketNumber),
            ]),
          )
          .forUpdate(),
      );
      const found = new Set(rows.map((r) => r.id));
      const missing = ids.find((id) => !found.has(id));
      if (missing) return { refused: 'unknown', id: missing };
      const staged = rows.filter((r) => r.ticket_number === null);
      const adding = staged.reduce((sum, r) => sum + Number(r.size_bytes), 0);
      if (adding > 0 && used + adding > maxTicketBytes) return { refused: 'ticket-full', limit: maxTicketBytes };
      await execute(
        tx,
        this.db
          .updateTable('attachments')
          .set({ ticket_number: ticketNumber, attached_at: sql<Date>`now()`, expires_at: null })
          .where('id', '=', sql<string>`ANY(${staged.map((r) => r.id)}::uuid[])`),
      );
      return null;
    });
  }

  /** A ticket's files and links, oldest first. */
  async listForTicket(ticketNumber: number): Promise<AttachmentRecord[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      selectAttachments(this.db).where('a.ticket_number', '=', ticketNumber).orderBy('a.attached_at').orderBy('a.id'),
    );
    return rows.map(toRecord);
  }

  async findOnTicket(ticketNumber: number, id: string): Promise<AttachmentRecord | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      selectAttachments(this.db).where('a.ticket_number', '=', ticketNumber).where('a.id', '=', id),
    );
    return row ? toRecord(row) : null;
  }

  /**
   * Deletes up to `limit` expired staged rows and returns their storage keys, for the caller to delete
   * the bytes. The row goes first: a binding racing the purge either binds before (and the row is no
   * longer staged) or finds no row; bytes whose deletion fails are orphans, never a dangling row.
   */
  async deleteExpired(limit: number): Promise<string[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .with('expired', (db) =>
          db
            .selectFrom('attachments')
            .select('id')
            .where('ticket_number', 'is', null)
            .where('expires_at', '<=', sql<Date>`now()`)
            .orderBy('expires_at')
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        .deleteFrom('attachments as a')
        .using('expired')
        .whereRef('a.id', '=', 'expired.id')
        .returning('a.storage_key'),
    );
    // A staged row is a file's: its storage key is set.
    return rows.flatMap((r) => (r.storage_key === null ? [] : [r.storage_key]));
  }

  /** Serializes changes to one ticket's attachments (limit checks) across gateway instances. */
  private async lockedUsage(tx: EntityManager, ticketNumber: number): Promise<number> {
    // Locks and reads no row.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('gateway.attachments'), $1)`, [ticketNumber]);
    return this.bytesOn(tx, ticketNumber);
  }

  private async bytesOn(tx: EntityManager, ticketNumber: number): Promise<number> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('attachments')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('size_bytes'), sql<number>`0`).as('used'))
        .where('ticket_number', '=', ticketNumber),
    );
    return Number(row?.used ?? 0);
  }

  private async insertFile(
    tx: EntityManager,
    owner: string,
    file: StoredFile,
    ticketNumber: number | null,
    expiresAt: Date | null,
  ): Promise<void> {
    await execute(
      tx,
      this.db.insertInto('attachments').values({
        id: file.id,
        ticket_number: ticketNumber,
        owner_account_id: owner,
        kind: 'file',
        file_name: file.fileName,
        content_type: file.contentType,
        size_bytes: file.sizeBytes,
        sha256: file.sha256,
        storage_key: file.storageKey,
        attached_at: ticketNumber === null ? null : sql<Date>`now()`,
        expires_at: expiresAt,
      }),
    );
  }
}

function toRecord(row: Row): AttachmentRecord {
  return {
    id: row.id,
    ticketNumber: row.ticket_number,
    ownerAccountId: row.owner_account_id,
    ownerName: row.owner_name,
    ownerRole: row.owner_role,
    kind: row.kind,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    sha256: row.sha256,
    storageKey: row.storage_key,
    url: row.url,
    title: row.title,
    createdAt: row.created_at,
    attachedAt: row.attached_at,
    expiresAt: row.expires_at,
  };
}
