import { Injectable } from '@nestjs/common';
import { mayReadSlaPolicies } from '../lifecycle/permissions.js';
import { authorize } from '../lifecycle/refusals.js';
import type { SlaPoliciesQueryV1, SlaPoliciesV1 } from './sla-policy.contracts.js';
import { SlaPolicyRepository } from './sla-policy.repository.js';

@Injectable()
export class GetSlaPoliciesUseCase {
  constructor(private readonly policies: SlaPolicyRepository) {}

  async execute(query: SlaPoliciesQueryV1): Promise<SlaPoliciesV1> {
    authorize(mayReadSlaPolicies(query.actor));
    return { policies: await this.policies.list() };
  }
}
