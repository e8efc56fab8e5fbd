import { Injectable } from '@nestjs/common';
import { RoutingRpc, type ActorV1, type PriorityMatrixV1 } from '@cau/contracts';
import { AuditRepository } from '../audit/audit.repository.js';
import { RoutingClient } from '../http/service-clients.js';

/** Routing gives every new ticket its priority, so it owns the impact × urgency matrix. */
@Injectable()
export class ManagePriorityMatrixUseCase {
  constructor(
    private readonly routing: RoutingClient,
    private readonly audit: AuditRepository,
  ) {}

  /** Audited after routing answers: the before is read first. */
  async replace(actor: ActorV1, matrix: PriorityMatrixV1): Promise<PriorityMatrixV1> {
    const before = await this.routing.request(RoutingRpc.GetPriorityMatrix, { actor });
    const after = await this.routing.request(RoutingRpc.ReplacePriorityMatrix, {
      actor,
      cells: matrix.cells,
    });
    await this.audit.record(actor, {
      action: 'priority-matrix.replace',
      targetType: 'priority-matrix',
      targetId: 'matrix',
      before,
      after,
    });
    return after;
  }
}
