import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, Role, type ActorV1, type InboundAttachmentV1, type TicketViewV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { GetTicketUseCase } from '../tickets/get-ticket.use-case.js';
import { AttachmentBytesMissing, AttachmentStore } from '@cau/attachments';
import { AttachmentRepository, type AttachmentRecord, type Refusal, type StoredFile } from './attachment.repository.js';
import type { AttachmentLinkBody, StagedAttachmentResponse, TicketAttachmentResponse } from './attachment.dto.js';
import { AttachmentsConfig } from './attachments-config.js';
import { MailAttachments } from './mail-attachments.js';
import { receiveUploads } from './receive-uploads.js';

export interface Download {
  record: { fileName: string | null; contentType: string | null; sizeBytes: number; sha256: string };
  body: Readable;
}

/**
 * Files and links on tickets. The gateway owns them (metadata in its schema, bytes in the attachment
 * store) and asks reporting, as the actor, whether the ticket may be seen: its refusal (404/403) is the
 * answer for the ticket's attachments too.
 */
@Injectable()
export class AttachmentsUseCase {
  constructor(
    private readonly config: AttachmentsConfig,
    private readonly store: AttachmentStore,
    private readonly attachments: AttachmentRepository,
    private readonly tickets: GetTicketUseCase,
    private readonly mail: MailAttachments,
  ) {}

  /** Files uploaded before the ticket or comment they belong to exists; kept for the staging period. */
  async stage(actor: ActorV1, request: FastifyRequest): Promise<StagedAttachmentResponse[]> {
    const files = await receiveUploads(request, this.store, this.uploadLimits(this.config.maxTicketBytes));
    const expiresAt = new Date(Date.now() + this.config.stagedTtlSeconds * 1000);
    await this.keepOrDelete(files, () => this.attachments.insertStaged(actor.accountId, files, expiresAt));
    return files.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      contentType: f.contentType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
      expiresAt: expiresAt.toISOString(),
    }));
  }

  /** Files added straight to a ticket the actor may see. */
  async addFiles(actor: ActorV1, number: number, request: FastifyRequest): Promise<TicketAttachmentResponse[]> {
    await this.tickets.read(actor, number);
    const left = this.config.maxTicketBytes - (await this.attachments.usage(number));
    if (left <= 0) throw this.ticketFull();
    const files = await receiveUploads(request, this.store, this.uploadLimits(left));
    const refusal = await this.keepOrDelete(files, () =>
      this.attachments.insertForTicket(actor.accountId, number, files, this.config.maxTicketBytes),
    );
    if (refusal) {
      await this.deleteBytes(files);
      throw this.refusalError(refusal);
    }
    const added = new Set(files.map((f) => f.id));
    return (await this.attachments.listForTicket(number)).filter((r) => added.has(r.id)).map((r) => present(r));
  }

  async addLink(actor: ActorV1, number: number, link: AttachmentLinkBody): Promise<TicketAttachmentResponse> {
    await this.tickets.read(actor, number);
    const id = randomUUID();
    await this.attachments.insertLink(actor.accountId, number, id, link.url, link.title?.trim() || null);
    const record = await this.attachments.findOnTicket(number, id);
    return present(record!);
  }

  /**
   * The ticket's files and links: those given at registration (as links), then the gateway's and the
   * files that came with its mails and WhatsApp messages (kept ones only), oldest first.
   */
  async list(actor: ActorV1, number: number): Promise<TicketAttachmentResponse[]> {
    const ticket = await this.tickets.read(actor, number);
    const [records, mailed] = await Promise.all([this.attachments.listForTicket(number), this.mail.ofTicket(number)]);
    const added = [
      ...records.map((r) => present(r)),
      ...mailed.filter((m) => m.storageKey !== null).map((m) => presentMailed(m, number)),
    ].sort((a, b) => Date.parse(a.addedAt) - Date.parse(b.addedAt));
    return [...registrationLinks(ticket), ...added];
  }

  /** A file of the gateway's, or else one that came with a mail or WhatsApp message on the ticket. */
  async open(actor: ActorV1, number: number, id: string): Promise<Download> {
    await this.tickets.read(actor, number);
    const record = await this.attachments.findOnTicket(number, id);
    if (record) {
      if (record.kind !== 'file' || record.storageKey === null) throw ServiceError.notFound('attachment', id);
      return { record: record as Download['record'], body: await this.bytes(record.storageKey, id) };
    }
    const mailed = (await this.mail.ofTicket(number, true)).find((m) => m.id === id);
    if (!mailed?.storageKey || mailed.sha256 === null) throw ServiceError.notFound('attachment', id);
    const body = await this.bytes(mailed.storageKey, id);
    return {
      record: {
        fileName: mailed.fileName,
        contentType: mailed.contentType,
        sizeBytes: mailed.sizeBytes,
        sha256: mailed.sha256,
      },
      body,
    };
  }

  private bytes(storageKey: string, id: string): Promise<Readable> {
    return this.store.get(storageKey).catch((error: unknown) => {
      // Metadata without bytes (deleted by hand, a restore without the store): gone for the client too.
      if (error instanceof AttachmentBytesMissing) throw ServiceError.notFound('attachment', id);
      throw error;
    });
  }

  /**
   * Before a registration (`ticketNumber` null) or a comment is forwarded: every id must be the actor's
   * own staged file (or, on a retry, already on that ticket), and the ticket must have room for them.
   * `retry`: a registration with an Idempotency-Key, which may be a retry whose files are already bound.
   */
  async checkBindable(
    actor: ActorV1,
    ids: readonly string[],
    ticketNumber: number | null,
    retry = false,
  ): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.attachments.findBindable(actor.accountId, ids, ticketNumber, retry);
    const known = new Set(found.map((r) => r.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) throw new ServiceError({ code: ErrorCode.StagedAttachmentUnknown, params: { id: unknown } });
    const adding = found.filter((r) => r.ticketNumber === null).reduce((sum, r) => sum + (r.sizeBytes ?? 0), 0);
    const used = ticketNumber === null ? 0 : await this.attachments.usage(ticketNumber);
    if (adding > 0 && used + adding > this.config.maxTicketBytes) throw this.ticketFull();
  }

  /** After the service accepted the registration or comment; idempotent. */
  async bind(actor: ActorV1, ids: readonly string[], ticketNumber: number): Promise<void> {
    const refusal = await this.attachments.bind(actor.accountId, ids, ticketNumber, this.config.maxTicketBytes);
    if (refusal) throw this.refusalError(refusal);
  }

  private uploadLimits(maxRequestBytes: number): Parameters<typeof receiveUploads>[2] {
    return {
      maxFileBytes: this.config.maxFileBytes,
      maxFiles: this.config.maxFilesPerRequest,
      maxRequestBytes,
      ticketLimitBytes: this.config.maxTicketBytes,
    };
  }

  /** Runs the metadata write; when it fails the stored bytes are deleted, so nothing is left half-stored. */
  private async keepOrDelete<T>(files: StoredFile[], write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      await this.deleteBytes(files);
      throw error;
    }
  }

  private async deleteBytes(files: StoredFile[]): Promise<void> {
    await Promise.all(files.map((f) => this.store.delete(f.storageKey).catch(() => undefined)));
  }

  private ticketFull(): ServiceError {
    return new ServiceError({ code: ErrorCode.TicketAttachmentsFull, params: { limit: this.config.maxTicketBytes } });
  }

  private refusalError(refusal: Refusal): ServiceError {
    return refusal.refused === 'ticket-full'
      ? this.ticketFull()
      : new ServiceError({ code: ErrorCode.StagedAttachmentUnknown, params: { id: refusal.id } });
  }
}

function present(record: AttachmentRecord): TicketAttachmentResponse {
  const isFile = record.kind === 'file';
  return {
    id: record.id,
    kind: record.kind,
    fileName: record.fileName,
    contentType: record.contentType,
    sizeBytes: record.sizeBytes,
    sha256: record.sha256,
    downloadUrl: isFile ? `/api/v1/tickets/${record.ticketNumber}/attachments/${record.id}` : null,
    url: record.url,
    title: record.title,
    addedBy: { accountId: record.ownerAccountId, name: record.ownerName ?? '', role: record.ownerRole ?? '' },
    addedAt: (record.attachedAt ?? record.createdAt).toISOString(),
    source: 'upload',
    senderEmail: null,
  };
}

/**
 * A file that came attached to a mail or a WhatsApp message: added by its sender, as the requester the
 * channel acts for.
 */
function presentMailed(mailed: InboundAttachmentV1, number: number): TicketAttachmentResponse {
  return {
    id: mailed.id,
    kind: 'file',
    fileName: mailed.fileName,
    contentType: mailed.contentType,
    sizeBytes: mailed.sizeBytes,
    sha256: mailed.sha256,
    downloadUrl: `/api/v1/tickets/${number}/attachments/${mailed.id}`,
    url: null,
    title: null,
    addedBy: { accountId: mailed.senderActorId, name: mailed.senderName, role: Role.Requester },
    addedAt: mailed.addedAt,
    source: mailed.source,
    senderEmail: mailed.sender,
  };
}

function registrationLinks(ticket: TicketViewV1): TicketAttachmentResponse[] {
  return ticket.attachments.map((link) => ({
    id: null,
    kind: 'link',
    fileName: null,
    contentType: null,
    sizeBytes: null,
    sha256: null,
    downloadUrl: null,
    url: link.url,
    title: link.name ?? null,
    addedBy: ticket.registeredBy,
    addedAt: ticket.registeredAt,
    source: 'registration',
    senderEmail: null,
  }));
}
