import { Controller } from '@nestjs/common';
import {
  ActorEnvelopeBase,
  ListDeliveriesQueryV1,
  ReplaceAreaMailboxesCommandV1,
  ReplaceNotificationRulesCommandV1,
  ListTicketMailsQueryV1,
  NotificationsRpc,
  RetryDeliveryCommandV1,
  SetPreferenceCommandV1,
  type AreaMailboxesV1,
  type DeliveryListV1,
  type NotificationRuleListV1,
  type TicketMailListV1,
  type PreferenceListV1,
  type PreferenceV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import type { DeliverySummary } from '../delivery/delivery.js';
import { ListPreferencesUseCase } from '../preferences/list-preferences.use-case.js';
import { SetPreferenceUseCase } from '../preferences/set-preference.use-case.js';
import { ManageNotificationConfigurationUseCase } from '../rules/manage-notification-configuration.use-case.js';
import { ListTicketMailsUseCase } from '../ticket-mail-history/list-ticket-mails.use-case.js';
import { DeliveriesAdminUseCase } from './deliveries-admin.use-case.js';

/** Request/reply over NATS (queue group `notifications`); exposed over HTTP by the gateway (api/v1/notifications). */
@Controller()
export class NotificationsHandler {
  constructor(
    private readonly preferences: SetPreferenceUseCase,
    private readonly ownPreferences: ListPreferencesUseCase,
    private readonly deliveries: DeliveriesAdminUseCase,
    private readonly ticketMails: ListTicketMailsUseCase,
    private readonly configuration: ManageNotificationConfigurationUseCase,
  ) {}

  @Answers(NotificationsRpc.ListRules)
  listRules(request: ActorEnvelopeBase): Promise<NotificationRuleListV1> {
    return this.configuration.listRules(request);
  }

  @Answers(NotificationsRpc.ReplaceRules)
  replaceRules(request: ReplaceNotificationRulesCommandV1): Promise<NotificationRuleListV1> {
    return this.configuration.replaceRules(request);
  }

  @Answers(NotificationsRpc.ListAreaMailboxes)
  listAreaMailboxes(request: ActorEnvelopeBase): Promise<AreaMailboxesV1> {
    return this.configuration.listMailboxes(request);
  }

  @Answers(NotificationsRpc.ReplaceAreaMailboxes)
  replaceAreaMailboxes(request: ReplaceAreaMailboxesCommandV1): Promise<AreaMailboxesV1> {
    return this.configuration.replaceMailboxes(request);
  }

  @Answers(NotificationsRpc.SetPreference)
  setPreference(request: SetPreferenceCommandV1): Promise<PreferenceV1> {
    return this.preferences.execute(request);
  }

  @Answers(NotificationsRpc.ListPreferences)
  listPreferences(request: ActorEnvelopeBase): Promise<PreferenceListV1> {
    return this.ownPreferences.execute(request);
  }

  @Answers(NotificationsRpc.ListDeliveries)
  listDeliveries(request: ListDeliveriesQueryV1): Promise<DeliveryListV1> {
    return this.deliveries.list(request);
  }

  @Answers(NotificationsRpc.ListTicketMails)
  listTicketMails(request: ListTicketMailsQueryV1): Promise<TicketMailListV1> {
    return this.ticketMails.execute(request);
  }

  @Answers(NotificationsRpc.RetryDelivery)
  retryDelivery(request: RetryDeliveryCommandV1): Promise<DeliverySummary> {
    return this.deliveries.retry(request);
  }
}
