import { Injectable } from '@nestjs/common';
import { RoutingRpc, type ActorV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AreaResponse } from './configuration.dto.js';

/** Areas are routing's configuration: each entity names its own queues (docs/domain.md § Areas). */
@Injectable()
export class ManageAreasUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly audit: AuditRepository,
  ) {}

  list(actor: ActorV1): Promise<AreaResponse[]> {
    return this.rpc.request(RoutingRpc.ListAreas, { actor });
  }

  /** Audited after routing answers: the before is read first. */
  async rename(actor: ActorV1, code: string, name: string): Promise<AreaResponse> {
    const before = (await this.list(actor)).find((area) => area.code === code) ?? null;
    const after = await this.rpc.request(RoutingRpc.RenameArea, { actor, code, name });
    await this.audit.record(actor, { action: 'area.rename', targetType: 'area', targetId: code, before, after });
    return after;
  }
}
