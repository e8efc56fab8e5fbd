import { Injectable } from '@nestjs/common';
import { RoutingRpc, type ActorV1, type ConfiguredGraphV1 } from '@cau/contracts';
import { AuditRepository } from '../audit/audit.repository.js';
import { RoutingClient } from '../http/service-clients.js';
import type { ReplaceGraphRequest } from './configuration.dto.js';

/** The escalation graph is routing's configuration; routing checks an edited graph before storing it. */
@Injectable()
export class ManageEscalationGraphUseCase {
  constructor(
    private readonly routing: RoutingClient,
    private readonly audit: AuditRepository,
  ) {}

  /** Audited after routing answers: the before is read first. */
  async replace(actor: ActorV1, graph: ReplaceGraphRequest): Promise<ConfiguredGraphV1> {
    const before = await this.routing.request(RoutingRpc.GetGraph, { actor });
    const after = await this.routing.request(RoutingRpc.ReplaceGraph, { actor, ...graph });
    await this.audit.record(actor, {
      action: 'escalation-graph.replace',
      targetType: 'escalation-graph',
      targetId: 'graph',
      before,
      after,
    });
    return after;
  }
}
