import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';

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

interface Row {
  id: string;
  ticket_number: number | null;
  owner_account_id: string;
  owner_name: string | null;
  owner_role: string | null;
  kind: 'file' | 'link';
  file_name: string | null;
  content_type: string | null;
  size_bytes: string | null;
  sha256: string | null;
  storage_key: string | null;
  url: string | null;
  title: string | null;
  created_at: Date;
  attached_at: Date | null;
  expires_at: Date | null;
}

/** Why an insert or a binding did not happen. */
export type Refusal = { refused: 'ticket-full'; limit: number } | { refused: 'unknown'; id: string };

const SELECT = `
  SELECT a.id, a.ticket_number, a.owner_account_id, o.name AS owner_name, o.role AS owner_role, a.kind,
         a.file_name, a.content_type, a.size_bytes, a.sha256, a.storage_key, a.url, a.title,
         a.created_at, a.attached_at, a.expires_at`;

/** The gateway's attachment metadata (`gateway.attachments`); the bytes are the store's. */
@Injectable()
export class AttachmentRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

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
    await this.runtime.dataSource.query(
      `INSERT INTO "${this.s}".attachments (id, ticket_number, owner_account_id, kind, url, title, attached_at)
       VALUES ($1, $2, $3, 'link', $4, $5, now())`,
      [id, ticketNumber, owner, url, title],
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
    const rows: Row[] = await this.runtime.dataSource.query(
      `${SELECT} FROM "${this.s}".attachments a JOIN "${this.s}".accounts o ON o.id = a.owner_account_id
       WHERE a.id = ANY($1::uuid[]) AND a.owner_account_id = $2 AND a.kind = 'file'
         AND ((a.ticket_number IS NULL AND a.expires_at > now())
              OR ($4 AND a.ticket_number IS NOT NULL) OR a.ticket_number = $3::int)`,
      [ids, owner, ticketNumber, boundCount],
    );
    return rows.map(toRecord);
  }

  /** Bytes on a ticket. */
  async usage(ticketNumber: number): Promise<number> {
    const rows: Array<{ used: string }> = await this.runtime.dataSource.query(
      `SELECT coalesce(sum(size_bytes), 0) AS used FROM "${this.s}".attachments WHERE ticket_number = $1`,
      [ticketNumber],
    );
    return Number(rows[0]?.used ?? 0);
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
      const rows: Array<{ id: string; ticket_number: number | null; size_bytes: string }> = await tx.query(
        `SELECT id, ticket_number, size_bytes FROM "${this.s}".attachments
         WHERE id = ANY($1::uuid[]) AND owner_account_id = $2 AND kind = 'file'
           AND ((ticket_number IS NULL AND expires_at > now()) OR ticket_number = $3)
         FOR UPDATE`,
        [ids, owner, ticketNumber],
      );
      const found = new Set(rows.map((r) => r.id));
      const missing = ids.find((id) => !found.has(id));
      if (missing) return { refused: 'unknown', id: missing };
      const staged = rows.filter((r) => r.ticket_number === null);
      const adding = staged.reduce((sum, r) => sum + Number(r.size_bytes), 0);
      if (adding > 0 && used + adding > maxTicketBytes) return { refused: 'ticket-full', limit: maxTicketBytes };
      await tx.query(
        `UPDATE "${this.s}".attachments SET ticket_number = $2, attached_at = now(), expires_at = NULL
         WHERE id = ANY($1::uuid[])`,
        [staged.map((r) => r.id), ticketNumber],
      );
      return null;
    });
  }

  /** A ticket's files and links, oldest first. */
  async listForTicket(ticketNumber: number): Promise<AttachmentRecord[]> {
    const rows: Row[] = await this.runtime.dataSource.query(
      `${SELECT} FROM "${this.s}".attachments a JOIN "${this.s}".accounts o ON o.id = a.owner_account_id
       WHERE a.ticket_number = $1 ORDER BY a.attached_at, a.id`,
      [ticketNumber],
    );
    return rows.map(toRecord);
  }

  async findOnTicket(ticketNumber: number, id: string): Promise<AttachmentRecord | null> {
    const rows: Row[] = await this.runtime.dataSource.query(
      `${SELECT} FROM "${this.s}".attachments a JOIN "${this.s}".accounts o ON o.id = a.owner_account_id
       WHERE a.ticket_number = $1 AND a.id = $2`,
      [ticketNumber, id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Deletes up to `limit` expired staged rows and returns their storage keys, for the caller to delete
   * the bytes. The row goes first: a binding racing the purge either binds before (and the row is no
   * longer staged) or finds no row; bytes whose deletion fails are orphans, never a dangling row.
   */
  async deleteExpired(limit: number): Promise<string[]> {
    const rows: Array<{ storage_key: string }> = await this.runtime.dataSource.query(
      // Wrapped in a SELECT because TypeORM reshapes the result of a bare DELETE … RETURNING.
      `WITH expired AS (
         SELECT id FROM "${this.s}".attachments
         WHERE ticket_number IS NULL AND expires_at <= now()
         ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED
       ), deleted AS (
         DELETE FROM "${this.s}".attachments a USING expired WHERE a.id = expired.id RETURNING a.storage_key
       ) SELECT storage_key FROM deleted`,
      [limit],
    );
    return rows.map((r) => r.storage_key);
  }

  /** Serializes changes to one ticket's attachments (limit checks) across gateway instances. */
  private async lockedUsage(tx: EntityManager, ticketNumber: number): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('gateway.attachments'), $1)`, [ticketNumber]);
    const rows: Array<{ used: string }> = await tx.query(
      `SELECT coalesce(sum(size_bytes), 0) AS used FROM "${this.s}".attachments WHERE ticket_number = $1`,
      [ticketNumber],
    );
    return Number(rows[0]?.used ?? 0);
  }

  private async insertFile(
    tx: EntityManager,
    owner: string,
    file: StoredFile,
    ticketNumber: number | null,
    expiresAt: Date | null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".attachments
         (id, ticket_number, owner_account_id, kind, file_name, content_type, size_bytes, sha256, storage_key,
          attached_at, expires_at)
       VALUES ($1, $2, $3, 'file', $4, $5, $6, $7, $8, CASE WHEN $2::int IS NULL THEN NULL ELSE now() END, $9)`,
      [
        file.id,
        ticketNumber,
        owner,
        file.fileName,
        file.contentType,
        file.sizeBytes,
        file.sha256,
        file.storageKey,
        expiresAt,
      ],
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
