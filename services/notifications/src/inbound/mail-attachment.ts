import { createHash } from 'node:crypto';
import { ContentInspector, sanitizeFileName } from '@cau/attachments';

/** What a mail brought attached, after the checks that decide whether it is kept. */
export interface InboundAttachment {
  position: number;
  /** Sanitised as for uploads; `adjunto-N` when the mail gave no usable name. */
  filename: string;
  /** What the mail declared (kept for the record; never served). */
  contentType: string;
  sizeBytes: number;
  /** The bytes to keep; null when refused (`reason` says why). */
  content: Buffer | null;
  /** Decided from the bytes; null when refused for its size or emptiness. */
  detectedType: string | null;
  sha256: string | null;
  refusal: 'size' | 'type' | 'empty' | null;
  reason: string | null;
}

export interface MailPart {
  filename?: string | undefined;
  contentType?: string | undefined;
  content: Buffer;
  size?: number | undefined;
}

/**
 * The checks of an upload, on a mail's attachment: a size limit, a usable name, and a type decided from
 * the bytes against the same allow-list (content-type.ts); what fails is recorded but not kept.
 */
export function inspectMailAttachment(part: MailPart, position: number, maxBytes: number): InboundAttachment {
  const filename = sanitizeFileName(part.filename ?? '') ?? `adjunto-${position + 1}`;
  const sizeBytes = part.size ?? part.content.length;
  const base = {
    position,
    filename,
    contentType: part.contentType || 'application/octet-stream',
    sizeBytes,
  };
  const refused = (refusal: 'size' | 'type' | 'empty', reason: string, detectedType: string | null = null) => ({
    ...base,
    content: null,
    detectedType,
    sha256: null,
    refusal,
    reason,
  });
  if (sizeBytes > maxBytes) return refused('size', `over INBOUND_MAX_ATTACHMENT_BYTES (${maxBytes})`);
  if (part.content.length === 0) return refused('empty', 'empty file');
  const inspector = new ContentInspector(filename);
  const early = inspector.push(part.content);
  const detection = early ?? inspector.end();
  if (!detection.allowed) return refused('type', `type not allowed: ${detection.detected}`, detection.detected);
  return {
    ...base,
    content: part.content,
    detectedType: detection.mediaType,
    sha256: createHash('sha256').update(part.content).digest('hex'),
    refusal: null,
    reason: null,
  };
}

/** The line the ticket's text gives each attachment, so the operator knows what came and what was not kept. */
export function attachmentLine(a: InboundAttachment): string {
  const size = `${Math.ceil(a.sizeBytes / 1024)} KB`;
  switch (a.refusal) {
    case 'size':
      return `- ${a.filename} (${size}, no guardado: supera el tamaño máximo)`;
    case 'type':
      return `- ${a.filename} (${size}, no guardado: tipo de archivo no admitido)`;
    case 'empty':
      return `- ${a.filename} (no guardado: vacío)`;
    default:
      return `- ${a.filename} (${size})`;
  }
}
