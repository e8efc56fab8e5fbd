import { Role, type FieldProblem } from '@cau/contracts';
import type { AccountAccess } from './account.repository.js';

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

export interface AccessChange {
  active?: boolean;
  role?: Role;
  jurisdiction?: string;
  area?: string;
}

/**
 * An account's access after an administrator's change, or what is wrong with the change. Fields
 * left out keep their value; a referente still needs a jurisdiction and an agent an area. Nobody
 * disables or demotes their own account, so an installation cannot lose its last administrator by
 * a slip.
 */
export function nextAccess(
  current: AccountAccess & { id: string },
  change: AccessChange,
  actorId: string,
): { ok: true; access: AccountAccess } | { ok: false; problems: FieldProblem[] } {
  const access: AccountAccess = {
    active: change.active ?? current.active,
    role: change.role ?? current.role,
    jurisdiction: change.jurisdiction ?? current.jurisdiction,
    area: change.area ?? current.area,
  };
  const problems: FieldProblem[] = [];
  if (current.id === actorId) {
    if (!access.active) problems.push({ field: 'active', constraint: 'ownAccount' });
    if (access.role !== current.role) problems.push({ field: 'role', constraint: 'ownAccount' });
  }
  if (access.role === Role.Referente && access.jurisdiction === null) {
    problems.push({ field: 'jurisdiction', constraint: 'isDefined' });
  }
  if (access.role === Role.Agent && access.area === null) problems.push({ field: 'area', constraint: 'isDefined' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, access };
}
