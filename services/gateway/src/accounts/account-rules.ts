/** Long enough to resist guessing; capped so nobody makes the server hash megabytes. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * The jurisdiction codes tickets accept (TicketRegistrationV1): a referente whose code could never
 * match a ticket's would be unable to file anything.
 */
export const JURISDICTION_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Accounts are found by e-mail regardless of how it was typed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
