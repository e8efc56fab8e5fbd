import { Injectable } from '@nestjs/common';
import { RoutingCommands, type ActorV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import type { AreaResponse } from './configuration.dto.js';

/** Areas are routing's configuration: each entity names its own queues (DOMAIN.md "Areas"). */
@Injectable()
export class ManageAreasUseCase {
  constructor(private readonly rpc: RpcClient) {}

  list(actor: ActorV1): Promise<AreaResponse[]> {
    return this.rpc.request<AreaResponse[]>(RoutingCommands.ListAreas, { actor });
  }

  rename(actor: ActorV1, code: string, name: string): Promise<AreaResponse> {
    return this.rpc.request<AreaResponse>(RoutingCommands.RenameArea, { actor, code, name });
  }
}
