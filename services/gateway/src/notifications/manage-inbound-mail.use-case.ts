import { Injectable } from '@nestjs/common';
import {
  NotificationsRpc,
  type ActorV1,
  type InboundListFiltersV1,
  type InboundListV1,
  type InboundMessageSummaryV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';

/** The mails received by the inbound channel, owned by the notifications service (which checks the role again). */
@Injectable()
export class ManageInboundMailUseCase {
  constructor(private readonly rpc: RpcClient) {}

  list(actor: ActorV1, filters: InboundListFiltersV1): Promise<InboundListV1> {
    return this.rpc.request(NotificationsRpc.ListInbound, { actor, ...filters });
  }

  retry(actor: ActorV1, id: string): Promise<InboundMessageSummaryV1> {
    return this.rpc.request(NotificationsRpc.RetryInbound, { actor, id });
  }
}
