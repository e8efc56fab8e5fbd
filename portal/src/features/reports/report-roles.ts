// Kept apart from the page (and its charts): the router reads it to guard the page, and the shell loads the router.

/** Who read the desk's reports as a whole: supervisors, administrators, operators. */
export const DESK_REPORT_ROLES = ['supervisor', 'admin', 'operator'] as const;

/** Who may read the reports (the gateway's REPORT_ROLES): also agents (their area) and referentes (their jurisdiction). */
export const REPORT_ROLES = [...DESK_REPORT_ROLES, 'agent', 'referente'] as const;

export const mayReadReports = (role: string): boolean => (REPORT_ROLES as readonly string[]).includes(role);

/**
 * The dimension a person's reports are confined to (reporting decides; this only shapes the page): an
 * agent's area, a referente's jurisdiction, none for the desk.
 */
export function scopeDimensionOf(role: string): 'area' | 'jurisdiction' | null {
  if (role === 'agent') return 'area';
  if (role === 'referente') return 'jurisdiction';
  return null;
}
