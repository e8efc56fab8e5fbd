import { IsEmail, IsIn, IsISO8601, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Language } from './enums.js';
import { defineEvent } from './events/envelope.js';
import { Limits } from './limits.js';

/** A password-reset token as the gateway mints it: base64url, `<random>.<signature>`. */
export const PASSWORD_RESET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/;

/**
 * Someone asked for a password reset of an existing, enabled account (themselves on the sign-in page or
 * an administrator for them). Notifications mails the link `${PORTAL_URL}/restablecer?token=…` to the
 * account's address. The gateway keeps only the token's hash; the token is single-use and expires.
 */
export class PasswordResetRequestedV1 {
  @IsUUID()
  accountId!: string;

  @IsEmail()
  @MaxLength(Limits.email)
  email!: string;

  @IsString()
  @MaxLength(Limits.name)
  name!: string;

  @IsIn(Object.values(Language))
  language!: Language;

  @Matches(PASSWORD_RESET_TOKEN_PATTERN)
  token!: string;

  @IsISO8601({ strict: true })
  expiresAt!: string;
}

/** Events of the gateway's accounts. NEVER rename a type in place (see subjects.ts). */
export const AccountEvents = {
  PasswordResetRequested: defineEvent('account.password-reset-requested', 1, PasswordResetRequestedV1),
} as const;
