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
  const random = randomBytes(32).toString('base64url');
  return `${random}.${sign(secret, random)}`;
}

/** True when the token has the shape and the signature this gateway (its secret) gives. */
export function verifyResetToken(secret: Uint8Array, token: string): boolean {
  if (!PASSWORD_RESET_TOKEN_PATTERN.test(token)) return false;
  const [random = '', signature = ''] = token.split('.');
  const expected = Buffer.from(sign(secret, random));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function resetTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sign(secret: Uint8Array, random: string): string {
  return createHmac('sha256', secret).update(`password-reset:${random}`).digest('base64url');
}
