import type { Role } from '@cau/contracts';

/** The caller's role is not among the endpoint's; answered as FORBIDDEN naming the roles. */
export class RoleRequiredError extends Error {
  constructor(readonly roles: readonly Role[]) {
    super(`requires one of the roles: ${roles.join(', ')}`);
  }
}
