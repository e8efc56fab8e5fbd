import { createHash, randomUUID } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile, Multipart } from '@fastify/multipart';
import { ErrorCode } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { ContentInspector, sanitizeFileName, type AttachmentStore } from '@cau/attachments';
import type { StoredFile } from './attachment.repository.js';

/** The multipart field that carries files (repeat it for several). */
export const FILES_FIELD = 'files';

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
  /** Bytes all files of this request may add together (what is left of the ticket's budget). */
  maxRequestBytes: number;
  /** The limit named when `maxRequestBytes` is exceeded. */
  ticketLimitBytes: number;
}

/**
 * Streams every file of a multipart request into the store, never holding more than a chunk and the
 * first 64 KiB of one file: each byte passes a size count, the SHA-256 and the content check on its way
 * to the store. All or nothing: when one file is refused or the client goes away, the files already
 * stored by this request are deleted, and the rest of the body is read and dropped so the client gets
 * the refusal rather than a reset connection.
 */
export async function receiveUploads(
  request: FastifyRequest,
  store: AttachmentStore,
  limits: UploadLimits,
): Promise<StoredFile[]> {
  if (!request.isMultipart()) {
    throw new ServiceError({ code: ErrorCode.UnsupportedMediaType, params: { expected: 'multipart/form-data' } });
  }
  const stored: StoredFile[] = [];
  let requestBytes = 0;
  const parts: AsyncIterableIterator<Multipart> = request.parts({
    // Busboy drops whatever passes these, so a refused file costs reading, not storing.
    // (The plugin is registered with throwFileSizeLimit off: CheckedFile names the limit itself.)
    limits: { fileSize: limits.maxFileBytes + 1, files: limits.maxFiles, fields: 0, parts: limits.maxFiles + 1 },
  });
  try {
    for await (const part of parts) {
      if (part.type !== 'file' || part.fieldname !== FILES_FIELD) {
        if (part.type === 'file') part.file.resume();
        throw ServiceError.validation([{ field: part.fieldname, constraint: 'unknownField' }]);
      }
      const file = await storeOne(part, store, limits, limits.maxRequestBytes - requestBytes);
      stored.push(file);
      requestBytes += file.sizeBytes;
    }
  } catch (error) {
    await drain(parts);
    await Promise.all(stored.map((file) => store.delete(file.storageKey).catch(() => undefined)));
    // A client that went away is nobody's fault here: no answer reaches it, and it is not a server error.
    if (request.raw.aborted || request.raw.socket.destroyed) {
      throw ServiceError.validation([{ field: FILES_FIELD, constraint: 'incomplete' }]);
    }
    throw translate(error, limits);
  }
  if (stored.length === 0) throw ServiceError.validation([{ field: FILES_FIELD, constraint: 'isDefined' }]);
  return stored;
}

async function storeOne(
  part: MultipartFile,
  store: AttachmentStore,
  limits: UploadLimits,
  budget: number,
): Promise<StoredFile> {
  const declared = part.filename ?? '';
  const fileName = sanitizeFileName(declared);
  if (fileName === null) {
    part.file.resume();
    throw new ServiceError({ code: ErrorCode.AttachmentNameInvalid, params: { fileName: printable(declared) } });
  }
  const check = new CheckedFile(fileName, limits.maxFileBytes, budget, limits.ticketLimitBytes);
  // The busboy stream's failure (client gone, malformed body) must fail the store's write too.
  part.file.once('error', (error) => check.destroy(error));
  // A refusal may come before the store has attached its own listener (it may await a directory first);
  // the store still sees it (the stream is left errored), it must just not be an unhandled 'error' event.
  check.on('error', () => undefined);
  const storageKey = await store.put(part.file.pipe(check)).catch((error: unknown) => {
    part.file.unpipe(check);
    part.file.resume();
    throw error;
  });
  return {
    id: randomUUID(),
    fileName,
    contentType: check.contentType,
    sizeBytes: check.size,
    sha256: check.sha256,
    storageKey,
  };
}

/** Counts, hashes and inspects the bytes passing to the store, and fails the stream at the first refusal. */
class CheckedFile extends Transform {
  size = 0;
  contentType = '';
  sha256 = '';
  private readonly hash = createHash('sha256');
  private readonly inspector: ContentInspector;

  constructor(
    private readonly fileName: string,
    private readonly maxFileBytes: number,
    private readonly budget: number,
    private readonly ticketLimitBytes: number,
  ) {
    super();
    this.inspector = new ContentInspector(fileName);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxFileBytes) {
      done(
        new ServiceError({
          code: ErrorCode.AttachmentTooLarge,
          params: { fileName: this.fileName, limit: this.maxFileBytes },
        }),
      );
      return;
    }
    if (this.size > this.budget) {
      done(new ServiceError({ code: ErrorCode.TicketAttachmentsFull, params: { limit: this.ticketLimitBytes } }));
      return;
    }
    const refusal = this.inspector.push(chunk);
    if (refusal && !refusal.allowed) {
      done(this.typeRefused(refusal.detected));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.size === 0) {
      done(new ServiceError({ code: ErrorCode.AttachmentEmpty, params: { fileName: this.fileName } }));
      return;
    }
    const decision = this.inspector.end();
    if (!decision.allowed) {
      done(this.typeRefused(decision.detected));
      return;
    }
    this.contentType = decision.mediaType;
    this.sha256 = this.hash.digest('hex');
    done();
  }

  private typeRefused(detected: string): ServiceError {
    return new ServiceError({
      code: ErrorCode.AttachmentTypeNotAllowed,
      params: { fileName: this.fileName, detected },
    });
  }
}

/** Reads what is left of the request so the refusal reaches the client; a client that left ends it. */
async function drain(parts: AsyncIterableIterator<Multipart>): Promise<void> {
  try {
    for await (const part of parts) {
      if (part.type === 'file') part.file.resume();
    }
  } catch {
    // the request ended badly; nothing more to read
  }
}

/** @fastify/multipart's own limit errors in our terms. */
function translate(error: unknown, limits: UploadLimits): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new ServiceError({ code: ErrorCode.TooManyAttachments, params: { limit: limits.maxFiles } });
  }
  if (code === 'FST_FIELDS_LIMIT') {
    return ServiceError.validation([{ field: FILES_FIELD, constraint: 'unknownField' }]);
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new ServiceError({ code: ErrorCode.UnsupportedMediaType, params: { expected: 'multipart/form-data' } });
  }
  return error;
}

/** A refused name as it may be shown back: controls removed, shortened. */
function printable(name: string): string {
  return name.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 100);
}
