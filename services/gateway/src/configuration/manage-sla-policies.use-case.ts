import { Injectable } from '@nestjs/common';
import { ResolutionRpc, type ActorV1, type SlaPoliciesV1, type SlaPolicySetV1 } from '@cau/contracts';
import { AuditRepository } from '../audit/audit.repository.js';
import { ResolutionClient } from '../http/service-clients.js';

/** Resolution keeps the SLA clocks, so it owns the targets they are measured against. */
@Injectable()
export class ManageSlaPoliciesUseCase {
  constructor(
    private readonly resolution: ResolutionClient,
    private readonly audit: AuditRepository,
  ) {}

  /** Audited after resolution answers: the before is read first. */
  async replace(actor: ActorV1, set: SlaPolicySetV1): Promise<SlaPoliciesV1> {
    const before = await this.resolution.request(ResolutionRpc.SlaPolicies, { actor });
    const after = await this.resolution.request(ResolutionRpc.ReplaceSlaPolicies, { ...set, actor });
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
