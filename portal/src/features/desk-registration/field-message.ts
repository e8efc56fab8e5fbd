import type { FieldError } from 'react-hook-form';
import type { TFunction } from 'i18next';

/** Refusals the gateway names by field carry its own words (already in the person's language). */
export const SERVER_ERROR = 'server';

/** A field's message: an i18n key from the form's rules, or the gateway's text as it came. */
export function fieldMessage(t: TFunction, error: FieldError | undefined): string | undefined {
  if (!error?.message) return undefined;
  return error.type === SERVER_ERROR ? error.message : t(error.message);
}
