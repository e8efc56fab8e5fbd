import { InventoryLimits, type CustodySignatureMode } from '@cau/contracts';

export type AcceptanceDecision =
  { allowed: true } | { allowed: false; refusal: 'not-found' | 'forbidden' | 'conflict'; reason: string };

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
      ? { allowed: false, refusal: 'forbidden', reason: 'solo la persona que tiene el equipo acepta su resguardo' }
      : { allowed: false, refusal: 'not-found', reason: '' };
  }
  if (input.accepted) {
    return { allowed: false, refusal: 'conflict', reason: 'este resguardo ya fue aceptado y no se cambia' };
  }
  if (!input.open) {
    return { allowed: false, refusal: 'conflict', reason: 'este resguardo terminó: el equipo ya no está a su cargo' };
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

/** The PNG's frame: the magic bytes, an IHDR first with a real size, an IEND last (what a canvas exports). */
function isPng(bytes: Buffer): boolean {
  if (bytes.length < 45 || !bytes.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) return false;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return false;
  if (bytes.readUInt32BE(16) === 0 || bytes.readUInt32BE(20) === 0) return false;
  return bytes.toString('latin1', bytes.length - 8, bytes.length - 4) === 'IEND';
}
