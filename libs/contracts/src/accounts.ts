import { IsBoolean, IsEmail, IsIn, IsISO8601, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Language } from './enums.js';
import { defineEvent } from './events/envelope.js';
import { Limits } from './limits.js';

/** A password-reset (or registration) token as the gateway mints it: base64url, `<random>.<signature>`. */
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

/**
 * Someone asked for a requester account on the portal's registration page (self-registration is open).
 * Notifications mails the address either the verification link `${PORTAL_URL}/verificar-correo?token=…`
 * (single-use, expiring; the account is created when it is opened) or, when the address already has an
 * account (`accountExists`), a notice pointing to the password reset instead: the page's answer is the
 * same in both cases, only the mailbox's owner learns which.
 */
export class RegistrationRequestedV1 {
  @IsEmail()
  @MaxLength(Limits.email)
  email!: string;

  @IsString()
  @MaxLength(Limits.name)
  name!: string;

  @IsIn(Object.values(Language))
  language!: Language;

  @IsBoolean()
  accountExists!: boolean;

  /** Null when `accountExists`. */
  @ValidateIf((event: RegistrationRequestedV1) => !event.accountExists)
  @Matches(PASSWORD_RESET_TOKEN_PATTERN)
  token!: string | null;

  /** Null when `accountExists`. */
  @ValidateIf((event: RegistrationRequestedV1) => !event.accountExists)
  @IsISO8601({ strict: true })
  expiresAt!: string | null;
}

/** Events of the gateway's accounts. NEVER rename a type in place (see subjects.ts). */
export const AccountEvents = {
  PasswordResetRequested: defineEvent('account.password-reset-requested', 1, PasswordResetRequestedV1),
  RegistrationRequested: defineEvent('account.registration-requested', 1, RegistrationRequestedV1),
} as const;
