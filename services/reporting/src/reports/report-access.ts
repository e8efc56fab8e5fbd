import { DESK_REPORT_ROLES, Role, type ActorV1, type ReportScopeV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';

/**
 * What part of the desk's work the actor may read in reports: everything (supervisors, administrators,
 * operators), their area's tickets (agents) or their jurisdiction's (referentes); anyone else is refused.
 * The gateway checks roles too; the service keeps its own rule for any other caller on the bus.
 */
export function reportScopeOf(actor: ActorV1): ReportScopeV1 | null {
  if (DESK_REPORT_ROLES.includes(actor.role)) return null;
  if (actor.role === Role.Agent && actor.area) return { dimension: 'area', value: actor.area };
  if (actor.role === Role.Referente && actor.jurisdiction) {
    return { dimension: 'jurisdiction', value: actor.jurisdiction };
  }
  throw ServiceError.forbidden({ code: 'reporting.roles-only' });
}
