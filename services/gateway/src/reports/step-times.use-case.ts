import { Injectable } from '@nestjs/common';
import { ReportingRpc, type ActorV1, type StepTargetsInputV1, type StepTargetsV1 } from '@cau/contracts';
import { AuditRepository } from '../audit/audit.repository.js';
import { ReportingClient } from '../http/service-clients.js';

/** Reporting keeps the step targets; the gateway audits their changes. */
@Injectable()
export class StepTimesUseCase {
  constructor(
    private readonly reporting: ReportingClient,
    private readonly audit: AuditRepository,
  ) {}

  /** Audited after reporting answers: the before is read first. */
  async replaceTargets(actor: ActorV1, input: StepTargetsInputV1): Promise<StepTargetsV1> {
    const before = await this.reporting.request(ReportingRpc.StepTargets, { actor });
    const after = await this.reporting.request(ReportingRpc.ReplaceStepTargets, {
      actor,
      targets: input.targets,
    });
    await this.audit.record(actor, {
      action: 'step-targets.replace',
      targetType: 'step-targets',
      targetId: 'field-procedure',
      before: { targets: before.targets.map(({ step, minutes }) => ({ step, minutes })) },
      after: { targets: after.targets.map(({ step, minutes }) => ({ step, minutes })) },
    });
    return after;
  }
}
