import { REPORT_ROLES, type ActorV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';

/** The gateway checks roles too; the service keeps its own rule for any other caller on the bus. */
export function assertMayReport(actor: ActorV1): void {
  if (!REPORT_ROLES.includes(actor.role)) {
    throw ServiceError.forbidden('los reportes son para operadores, supervisores y administradores');
  }
}
