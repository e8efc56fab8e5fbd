import { Injectable } from '@nestjs/common';
import type { ReplaceSlaPoliciesCommandV1, SlaPoliciesV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { mayReplaceSlaPolicies } from '../domain/permissions.js';
import { authorize, validate } from '../domain/refusals.js';
import { SlaPolicyRepository } from './sla-policy.repository.js';
import { policySetProblems } from './sla-policy-rules.js';
import { SlaSchedule } from './sla-schedule.js';

/**
 * An administrator sets the service levels (docs/domain.md § Service levels), and where an office needs them the targets of
 * a jurisdiction or a service. Every ticket not yet closed gets due dates under the new policies, counted as
 * always from its registration and waits, in the same transaction. Breaches already announced stay announced.
 */
@Injectable()
export class ReplaceSlaPoliciesUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly policies: SlaPolicyRepository,
    private readonly schedule: SlaSchedule,
  ) {}

  async execute(command: ReplaceSlaPoliciesCommandV1): Promise<SlaPoliciesV1> {
    authorize(mayReplaceSlaPolicies(command.actor));
    validate(policySetProblems(command));
    return this.runtime.transaction(async (tx) => {
      await this.policies.save(tx, command.policies);
      if (command.overrides) await this.policies.replaceOverrides(tx, command.overrides);
      await this.schedule.rulesChanged(tx);
      await this.schedule.refresh(tx);
      return { policies: await this.policies.list(tx), overrides: await this.policies.listOverrides(tx) };
    });
  }
}
