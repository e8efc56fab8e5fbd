// Kept apart from the page (and its charts): the router reads it to guard the page, and the shell loads the router.

/** Who may read the reports: the gateway's REPORT_ROLES (supervisors, administrators, operators). */
export const REPORT_ROLES = ['supervisor', 'admin', 'operator'] as const;

export const mayReadReports = (role: string): boolean => (REPORT_ROLES as readonly string[]).includes(role);
