import { Injectable } from '@nestjs/common';
import { IntakeRpc, type ActorV1, type RequesterPageV1, type RequesterSearchParamsV1 } from '@cau/contracts';
import { RpcClient } from '@cau/messaging';

/** Intake keeps the requester directory and decides who may read it. */
@Injectable()
export class SearchRequestersUseCase {
  constructor(private readonly rpc: RpcClient) {}

  search(actor: ActorV1, params: RequesterSearchParamsV1): Promise<RequesterPageV1> {
    return this.rpc.request(IntakeRpc.SearchRequesters, { actor, params });
  }
}
