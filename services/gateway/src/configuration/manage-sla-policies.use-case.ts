import { Injectable } from '@nestjs/common';
import { ResolutionQueries, type ActorV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import type { SlaPolicyRequest } from './configuration.dto.js';

/** Resolution keeps the SLA clocks, so it owns the targets they are measured against. */
@Injectable()
export class ManageSlaPoliciesUseCase {
  constructor(private readonly rpc: RpcClient) {}

  get(actor: ActorV1): Promise<unknown> {
    return this.rpc.request<unknown>(ResolutionQueries.SlaPolicies, { actor });
  }

  replace(actor: ActorV1, policies: SlaPolicyRequest[]): Promise<unknown> {
    return this.rpc.request<unknown>(ResolutionQueries.ReplaceSlaPolicies, { actor, policies });
  }
}
