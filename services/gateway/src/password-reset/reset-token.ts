import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PASSWORD_RESET_TOKEN_PATTERN } from '@cau/contracts';

/** How long a reset link works. */
export const PASSWORD_RESET_TTL_SECONDS = 3600;

/**
 * A reset token: 32 random bytes and their HMAC-SHA256 under the gateway's secret, both base64url. The
 * signature lets a forged or mangled token be refused without a database read; the random part makes it
 * unguessable. Only `tokenHash` of it is stored.
 */
export function mintResetToken(secret: Uint8Array): string {
  return mintMailedToken(secret, 'password-reset');
}

/** True when the token has the shape and the signature this gateway (its secret) gives. */
export function verifyResetToken(secret: Uint8Array, token: string): boolean {
  return verifyMailedToken(secret, 'password-reset', token);
}

/**
 * What a mailed token is for. Part of the signed text, so a token minted for one use (a reset link)
 * is refused by the other (a registration's verification) even under the same secret.
 */
export type MailedTokenPurpose = 'password-reset' | 'registration';

/** A token of the reset's shape for any mailed link; see mintResetToken. */
export function mintMailedToken(secret: Uint8Array, purpose: MailedTokenPurpose): string {
  const random = randomBytes(32).toString('base64url');
  return `${random}.${sign(secret, purpose, random)}`;
}

export function verifyMailedToken(secret: Uint8Array, purpose: MailedTokenPurpose, token: string): boolean {
  if (!PASSWORD_RESET_TOKEN_PATTERN.test(token)) return false;
  const [random = '', signature = ''] = token.split('.');
  const expected = Buffer.from(sign(secret, purpose, random));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function resetTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sign(secret: Uint8Array, purpose: MailedTokenPurpose, random: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${random}`).digest('base64url');
}
