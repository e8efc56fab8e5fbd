import { Injectable } from '@nestjs/common';
import {
  ReportingRpc,
  type ActorV1,
  type StepTargetsInputV1,
  type StepTargetsV1,
  type StepTimesParamsV1,
  type StepTimesReportV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { AuditRepository } from '../audit/audit.repository.js';

/** Reporting measures the steps and keeps their targets; the gateway passes the actor and audits changes. */
@Injectable()
export class StepTimesUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly audit: AuditRepository,
  ) {}

  report(actor: ActorV1, params: StepTimesParamsV1): Promise<StepTimesReportV1> {
    return this.rpc.request(ReportingRpc.StepTimes, { actor, ...params });
  }

  targets(actor: ActorV1): Promise<StepTargetsV1> {
    return this.rpc.request(ReportingRpc.StepTargets, { actor });
  }

  /** Audited after reporting answers: the before is read first. */
  async replaceTargets(actor: ActorV1, input: StepTargetsInputV1): Promise<StepTargetsV1> {
    const before = await this.targets(actor);
    const after = await this.rpc.request(ReportingRpc.ReplaceStepTargets, {
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
