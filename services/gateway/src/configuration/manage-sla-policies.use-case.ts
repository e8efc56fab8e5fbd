import { Injectable } from '@nestjs/common';
import { ResolutionRpc, type ActorV1, type SlaPoliciesV1, type SlaPolicySetV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { AuditRepository } from '../audit/audit.repository.js';

/** Resolution keeps the SLA clocks, so it owns the targets they are measured against. */
@Injectable()
export class ManageSlaPoliciesUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly audit: AuditRepository,
  ) {}

  get(actor: ActorV1): Promise<SlaPoliciesV1> {
    return this.rpc.request(ResolutionRpc.SlaPolicies, { actor });
  }

  /** Audited after resolution answers: the before is read first. */
  async replace(actor: ActorV1, set: SlaPolicySetV1): Promise<SlaPoliciesV1> {
    const before = await this.get(actor);
    const after = await this.rpc.request(ResolutionRpc.ReplaceSlaPolicies, { ...set, actor });
    await this.audit.record(actor, {
      action: 'sla-policies.replace',
      targetType: 'sla-policies',
      targetId: 'policies',
      before,
      after,
    });
    return after;
  }
}
