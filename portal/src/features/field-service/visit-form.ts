/** A `datetime-local` input's value (the browser's time zone) as an instant, or null while incomplete. */
export function instantOf(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** An instant as a `datetime-local` value in the browser's time zone (to offer the planned time again). */
export function localOf(instant: string): string {
  const at = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export interface VisitorDraft {
  kind: 'staff' | 'contractor';
  accountId: string | null;
  company: string;
  technician: string;
  reportNumber: string;
}

export type VisitorBody =
  | { kind: 'staff'; accountId: string }
  | { kind: 'contractor'; company: string; technician: string; reportNumber?: string };

/** The visitor to send, or the fields still missing (named as the form names them). */
export function visitorOf(draft: VisitorDraft): { body: VisitorBody } | { missing: Array<keyof VisitorDraft> } {
  if (draft.kind === 'staff') {
    return draft.accountId ? { body: { kind: 'staff', accountId: draft.accountId } } : { missing: ['accountId'] };
  }
  const missing = (['company', 'technician'] as const).filter((field) => draft[field].trim() === '');
  if (missing.length > 0) return { missing };
  const reportNumber = draft.reportNumber.trim();
  return {
    body: {
      kind: 'contractor',
      company: draft.company.trim(),
      technician: draft.technician.trim(),
      ...(reportNumber ? { reportNumber } : {}),
    },
  };
}

/** The departure is not before the arrival (the gateway says the same, naming `departedAt`). */
export const departureBeforeArrival = (arrivedAt: string, departedAt: string): boolean =>
  Date.parse(departedAt) < Date.parse(arrivedAt);
