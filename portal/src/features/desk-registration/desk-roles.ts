// Kept apart from the form (and zod): the router reads it to guard the page, and the shell loads the router.

/** Who may use the registration console: the registration contract lets staff register for anyone. */
export const DESK_ROLES = ['operator', 'agent', 'supervisor', 'admin'] as const;
/** Who may also solve at first contact: submitting for review is the service desk's (operator, supervisor, admin). */
export const FIRST_CONTACT_ROLES = ['operator', 'supervisor', 'admin'] as const;

export const isDeskRole = (role: string): boolean => (DESK_ROLES as readonly string[]).includes(role);
export const maySolveAtFirstContact = (role: string): boolean =>
  (FIRST_CONTACT_ROLES as readonly string[]).includes(role);
