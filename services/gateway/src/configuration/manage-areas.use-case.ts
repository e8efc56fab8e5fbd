import { Injectable } from '@nestjs/common';
import { RoutingRpc, type ActorV1, type AreaV1 } from '@cau/contracts';
import { AuditRepository } from '../audit/audit.repository.js';
import { RoutingClient } from '../http/service-clients.js';

/** Areas are routing's configuration: each entity names its own queues (docs/domain.md § Areas). */
@Injectable()
export class ManageAreasUseCase {
  constructor(
    private readonly routing: RoutingClient,
    private readonly audit: AuditRepository,
  ) {}

  /** Audited after routing answers: the before is read first. */
  async rename(actor: ActorV1, code: string, name: string): Promise<AreaV1> {
    const areas = await this.routing.request(RoutingRpc.ListAreas, { actor });
    const before = areas.find((area) => area.code === code) ?? null;
    const after = await this.routing.request(RoutingRpc.RenameArea, { actor, code, name });
    await this.audit.record(actor, { action: 'area.rename', targetType: 'area', targetId: code, before, after });
    return after;
  }
}
