import { PASSWORD_RESET_TOKEN_PATTERN } from '@cau/contracts';
import { mintMailedToken, mintResetToken, resetTokenHash, verifyMailedToken, verifyResetToken } from './reset-token.js';

const secret = new TextEncoder().encode('reset-token-spec-secret-0123456789-abcdef');
const other = new TextEncoder().encode('another-secret-entirely-0123456789-abcdef');

describe('password reset tokens', () => {
  it('are verified by the secret that signed them only', () => {
    const token = mintResetToken(secret);
    expect(token).toMatch(PASSWORD_RESET_TOKEN_PATTERN);
    expect(verifyResetToken(secret, token)).toBe(true);
    expect(verifyResetToken(other, token)).toBe(false);
  });

  it('refuse a changed random part or signature, and anything malformed', () => {
    const token = mintResetToken(secret);
    const [random = '', signature = ''] = token.split('.');
    const flip = (text: string) => `${text[0] === 'A' ? 'B' : 'A'}${text.slice(1)}`;
    expect(verifyResetToken(secret, `${flip(random)}.${signature}`)).toBe(false);
    expect(verifyResetToken(secret, `${random}.${flip(signature)}`)).toBe(false);
    expect(verifyResetToken(secret, random)).toBe(false);
    expect(verifyResetToken(secret, '')).toBe(false);
  });

  it('differ every time and are stored as a SHA-256 hex', () => {
    const a = mintResetToken(secret);
    expect(mintResetToken(secret)).not.toBe(a);
    expect(resetTokenHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('of one purpose are refused for the other', () => {
    const registration = mintMailedToken(secret, 'registration');
    expect(verifyMailedToken(secret, 'registration', registration)).toBe(true);
    expect(verifyResetToken(secret, registration)).toBe(false);
    expect(verifyMailedToken(secret, 'registration', mintResetToken(secret))).toBe(false);
  });
});
