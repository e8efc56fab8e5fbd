import { crc32, inflateSync } from 'node:zlib';
import { InventoryLimits, type CustodySignatureMode, type Refusal } from '@cau/contracts';

/** `answer`: the error the refusal is given as; someone who may not know of the period is told not-found. */
export type AcceptanceDecision =
  | { allowed: true }
  | { allowed: false; answer: 'not-found' }
  | { allowed: false; answer: 'forbidden' | 'conflict'; refusal: Refusal };

/**
 * Who may accept a custody document: only its holder (the account whose address is the requester's),
 * only while the period is open, only once. Staff who are not the holder are told why (they may read the
 * period); anyone else learns nothing of it.
 */
export function acceptanceDecision(input: {
  isHolder: boolean;
  isStaff: boolean;
  open: boolean;
  accepted: boolean;
}): AcceptanceDecision {
  if (!input.isHolder) {
    return input.isStaff
      ? { allowed: false, answer: 'forbidden', refusal: { code: 'inventory.custody-holder-only' } }
      : { allowed: false, answer: 'not-found' };
  }
  if (input.accepted) {
    return { allowed: false, answer: 'conflict', refusal: { code: 'inventory.custody-accepted' } };
  }
  if (!input.open) {
    return { allowed: false, answer: 'conflict', refusal: { code: 'inventory.custody-ended' } };
  }
  return { allowed: true };
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export type SignatureCheck =
  { ok: true; png: Buffer | null } | { ok: false; constraint: 'signaturePng' | 'signatureRequired' | 'signatureOff' };

/** The drawn signature as the office wants it: a real PNG under the limit, required, optional or refused. */
export function checkSignature(base64: string | undefined, mode: CustodySignatureMode): SignatureCheck {
  if (base64 === undefined || base64 === '') {
    return mode === 'required' ? { ok: false, constraint: 'signatureRequired' } : { ok: true, png: null };
  }
  if (mode === 'off') return { ok: false, constraint: 'signatureOff' };
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) return { ok: false, constraint: 'signaturePng' };
  const png = Buffer.from(base64, 'base64');
  if (png.length > InventoryLimits.signatureBytes) return { ok: false, constraint: 'signaturePng' };
  if (!isPng(png)) return { ok: false, constraint: 'signaturePng' };
  return { ok: true, png };
}

/** Channels per pixel of each PNG colour type (grey, RGB, palette, grey+alpha, RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** A signature canvas is a few hundred pixels a side; this bounds what inflating the image may cost. */
const MAX_SIDE = 4_000;

/**
 * A PNG that really decodes: the magic bytes, chunks whose lengths and CRCs hold, an 8-bit IHDR of a
 * sane size first, IEND last, and image data that inflates to exactly the rows the header announces.
 * The PDF embeds the image later; a file that only looks like a PNG must be refused here, not break it.
 */
function isPng(bytes: Buffer): boolean {
  if (bytes.length < 45 || !bytes.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) return false;
  let offset = PNG_MAGIC.length;
  const data: Buffer[] = [];
  let header: { width: number; height: number; channels: number; interlaced: boolean } | null = null;
  let ended = false;
  while (offset + 12 <= bytes.length && !ended) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length) return false;
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length))
      return false;
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (header === null) {
      if (type !== 'IHDR' || length !== 13) return false;
      const channels = CHANNELS[body[9]!];
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        channels: channels ?? 0,
        interlaced: body[12] === 1,
      };
      if (body[8] !== 8 || !channels || header.width === 0 || header.height === 0) return false;
      if (header.width > MAX_SIDE || header.height > MAX_SIDE) return false;
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      ended = true;
    }
    offset = end;
  }
  if (!header || !ended || offset !== bytes.length || data.length === 0) return false;
  const expected = header.interlaced ? null : header.height * (1 + header.width * header.channels);
  try {
    const pixels = inflateSync(Buffer.concat(data), { maxOutputLength: MAX_SIDE * MAX_SIDE * 4 + MAX_SIDE });
    return expected === null ? pixels.length > 0 : pixels.length === expected;
  } catch {
    return false;
  }
}
