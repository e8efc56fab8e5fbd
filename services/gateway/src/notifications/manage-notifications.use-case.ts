import { Injectable } from '@nestjs/common';
import {
  NotificationsRpc,
  type ActorV1,
  type DeliveryListFiltersV1,
  type DeliveryListV1,
  type DeliverySummaryV1,
  type PreferenceBodyV1,
  type PreferenceListV1,
  type PreferenceV1,
  type TicketMailListV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';

/**
 * Mail deliveries and preferences, owned by the notifications service: it checks again who may do
 * what, and a preference always keys on the actor's own (verified) address.
 */
@Injectable()
export class ManageNotificationsUseCase {
  constructor(private readonly rpc: RpcClient) {}

  listDeliveries(actor: ActorV1, filters: DeliveryListFiltersV1): Promise<DeliveryListV1> {
    return this.rpc.request(NotificationsRpc.ListDeliveries, { actor, ...filters });
  }

  listTicketMails(actor: ActorV1, number: number): Promise<TicketMailListV1> {
    return this.rpc.request(NotificationsRpc.ListTicketMails, { actor, number });
  }

  retryDelivery(actor: ActorV1, id: string): Promise<DeliverySummaryV1> {
    return this.rpc.request(NotificationsRpc.RetryDelivery, { actor, id });
  }

  listPreferences(actor: ActorV1): Promise<PreferenceListV1> {
    return this.rpc.request(NotificationsRpc.ListPreferences, { actor });
  }

  setPreference(actor: ActorV1, body: PreferenceBodyV1): Promise<PreferenceV1> {
    return this.rpc.request(NotificationsRpc.SetPreference, {
      actor,
      eventType: body.eventType,
      enabled: body.enabled,
    });
  }
}
