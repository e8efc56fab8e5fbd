import { createHash } from 'node:crypto';
import { sanitizeFileName } from '@cau/attachments';
import { inspectMailAttachment } from '../inbound/mail-attachment.js';
import { fetchMedia } from './cloud-api.js';
import type { WhatsappConfig } from './whatsapp-config.js';

/** Why a media message's file is not kept (the ticket's text says so, in the requester's words). */
export const MEDIA_REFUSALS = ['size', 'type', 'empty', 'checksum', 'unavailable'] as const;
export type MediaRefusal = (typeof MEDIA_REFUSALS)[number];

/** The file of a stored media message, as the webhook described it. */
export interface MessageMedia {
  id: string;
  mimeType: string | null;
  sha256: string | null;
  fileName: string | null;
}

/** A media message's file after the checks that decide whether it is kept. */
export interface ReceivedMedia {
  fileName: string;
  /** What WhatsApp declared (kept for the record; never served). */
  declaredType: string | null;
  sizeBytes: number;
  /** The bytes to keep; null when refused (`reason` says why). */
  content: Buffer | null;
  /** Decided from the bytes; null when refused before they were inspected. */
  detectedType: string | null;
  sha256: string | null;
  refusal: MediaRefusal | null;
  reason: string | null;
}

export type MediaReceipt = { kind: 'received'; media: ReceivedMedia } | { kind: 'retry'; error: string };

/**
 * Fetches a media message's file from the Cloud API and checks it as inbound mail's attachments are: the
 * same size limit (INBOUND_MAX_ATTACHMENT_BYTES) and the same inspection of the bytes, plus the SHA-256
 * WhatsApp gives for it (a file that does not match is refused, never stored). Only a fetch that may pass
 * next time is `retry`; every other outcome is a decision, kept or refused.
 */
export async function receiveMedia(
  config: Pick<WhatsappConfig, 'graphUrl' | 'token' | 'timeoutMs'>,
  message: { type: string; sentAt: Date; media: MessageMedia },
  maxBytes: number,
): Promise<MediaReceipt> {
  const { media } = message;
  const fetched = await fetchMedia(config, media.id, maxBytes);
  const fileName = mediaFileName(message);
  const refused = (refusal: MediaRefusal, reason: string, extra: Partial<ReceivedMedia> = {}): MediaReceipt => ({
    kind: 'received',
    media: {
      fileName,
      declaredType: media.mimeType,
      sizeBytes: 0,
      content: null,
      detectedType: null,
      sha256: null,
      refusal,
      reason,
      ...extra,
    },
  });
  if (fetched.kind === 'retry') return fetched;
  if (fetched.kind === 'failed') return refused('unavailable', fetched.error);
  if (fetched.kind === 'tooBig') {
    return refused('size', `over INBOUND_MAX_ATTACHMENT_BYTES (${maxBytes})`, { sizeBytes: fetched.sizeBytes });
  }
  const declaredType = fetched.mimeType ?? media.mimeType;
  const sizeBytes = fetched.content.length;
  const digest = createHash('sha256').update(fetched.content).digest();
  const expected = [fetched.sha256, media.sha256].filter((hash): hash is string => hash !== null);
  const mismatch = expected.find((hash) => !sameDigest(hash, digest));
  if (mismatch !== undefined) {
    return refused('checksum', `SHA-256 mismatch: WhatsApp gave ${mismatch}, the bytes are ${digest.toString('hex')}`, {
      declaredType,
      sizeBytes,
    });
  }
  const inspected = inspectMailAttachment(
    { filename: fileName, contentType: declaredType ?? undefined, content: fetched.content },
    0,
    maxBytes,
  );
  return {
    kind: 'received',
    media: {
      fileName: inspected.filename,
      declaredType,
      sizeBytes,
      content: inspected.content,
      detectedType: inspected.detectedType,
      sha256: inspected.sha256,
      refusal: inspected.refusal,
      reason: inspected.reason,
    },
  };
}

/** WhatsApp gives the hash in base64 (webhooks) or hex; either way it must be these bytes' SHA-256. */
function sameDigest(given: string, digest: Buffer): boolean {
  const trimmed = given.trim();
  return /^[0-9a-f]{64}$/i.test(trimmed)
    ? trimmed.toLowerCase() === digest.toString('hex')
    : trimmed === digest.toString('base64');
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/**
 * A document's own name (sanitised as an upload's); other media have none, so one that says what and
 * when: `whatsapp-image-20261206-004512.jpg`.
 */
export function mediaFileName(message: { type: string; sentAt: Date; media: MessageMedia }): string {
  const given = message.media.fileName ? sanitizeFileName(message.media.fileName) : null;
  if (given) return given;
  const stamp = message.sentAt.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*$/, '');
  const mimeType = message.media.mimeType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const extension = EXTENSIONS[mimeType];
  return `whatsapp-${message.type}-${stamp}${extension ? `.${extension}` : ''}`;
}
