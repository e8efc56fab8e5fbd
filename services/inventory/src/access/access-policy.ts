import {
  INVENTORY_IMPORT_ROLES,
  INVENTORY_READ_ROLES,
  INVENTORY_WRITE_ROLES,
  type ActorV1,
  type Refusal,
  type Role,
} from '@cau/contracts';

export type Decision = { allowed: true } | { allowed: false; refusal: Refusal };

const ALLOWED: Decision = { allowed: true };

const includes = (roles: readonly Role[], role: Role): boolean => roles.includes(role);

/** The register is the desk's and the areas' working data; requesters will see only "mi equipo". */
export function mayReadInventory(actor: ActorV1): Decision {
  return includes(INVENTORY_READ_ROLES, actor.role)
    ? ALLOWED
    : { allowed: false, refusal: { code: 'inventory.read-staff-only' } };
}

export function mayChangeInventory(actor: ActorV1): Decision {
  return includes(INVENTORY_WRITE_ROLES, actor.role)
    ? ALLOWED
    : { allowed: false, refusal: { code: 'inventory.write-staff-only' } };
}

/** An import can rewrite thousands of records at once. */
export function mayImportInventory(actor: ActorV1): Decision {
  return includes(INVENTORY_IMPORT_ROLES, actor.role)
    ? ALLOWED
    : { allowed: false, refusal: { code: 'inventory.import-supervisors-only' } };
}
