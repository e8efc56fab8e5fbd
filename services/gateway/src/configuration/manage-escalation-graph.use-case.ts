import { Injectable } from '@nestjs/common';
import { RoutingRpc, type ActorV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { AuditRepository } from '../audit/audit.repository.js';
import type { EscalationGraphResponse, ReplaceGraphRequest } from './configuration.dto.js';

/** The escalation graph is routing's configuration; routing checks an edited graph before storing it. */
@Injectable()
export class ManageEscalationGraphUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly audit: AuditRepository,
  ) {}

  get(actor: ActorV1): Promise<EscalationGraphResponse> {
    return this.rpc.request(RoutingRpc.GetGraph, { actor });
  }

  /** Audited after routing answers: the before is read first. */
  async replace(actor: ActorV1, graph: ReplaceGraphRequest): Promise<EscalationGraphResponse> {
    const before = await this.get(actor);
    const after = await this.rpc.request(RoutingRpc.ReplaceGraph, { actor, ...graph });
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
