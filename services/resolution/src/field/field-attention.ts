import type { Refusal } from '@cau/contracts';

/** What resolution knows of a ticket's field attention (docs/domain.md § Field service): the work done on site and its sign-off. */
export interface FieldAttention {
  lastWorkAt: Date | null;
  signedOffAt: Date | null;
  conforme: boolean | null;
}

/**
 * Why a ticket may not be closed yet for its field attention, or null. A field ticket (a visit recorded or
 * equipment out for repair) needs the user's conformity signed after the last work; without it the
 * supervisor closes only by saying why (`signOffWaivedReason`).
 */
export function signOffProblem(attention: FieldAttention | null, waivedReason: string | undefined): Refusal | null {
  if (!attention?.lastWorkAt || waivedReason?.trim()) return null;
  const { lastWorkAt, signedOffAt, conforme } = attention;
  if (!signedOffAt || signedOffAt < lastWorkAt) {
    return { code: 'ticket.sign-off-missing' };
  }
  if (conforme === false) return { code: 'ticket.sign-off-not-conforme' };
  return null;
}
