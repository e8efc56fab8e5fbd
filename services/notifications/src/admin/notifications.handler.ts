import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ActorEnvelopeBase,
  ListDeliveriesQueryV1,
  ReplaceAreaMailboxesCommandV1,
  ReplaceNotificationRulesCommandV1,
  ListTicketMailsQueryV1,
  NotificationCommands,
  RetryDeliveryCommandV1,
  SetPreferenceCommandV1,
  type AreaMailboxesV1,
  type DeliveryListV1,
  type NotificationRuleListV1,
  type TicketMailListV1,
  type PreferenceListV1,
  type PreferenceV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
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

  @MessagePattern(NotificationCommands.ListRules)
  listRules(@Payload() data: unknown): Promise<NotificationRuleListV1> {
    return this.configuration.listRules(parseMessage(ActorEnvelopeBase, data));
  }

  @MessagePattern(NotificationCommands.ReplaceRules)
  replaceRules(@Payload() data: unknown): Promise<NotificationRuleListV1> {
    return this.configuration.replaceRules(parseMessage(ReplaceNotificationRulesCommandV1, data));
  }

  @MessagePattern(NotificationCommands.ListAreaMailboxes)
  listAreaMailboxes(@Payload() data: unknown): Promise<AreaMailboxesV1> {
    return this.configuration.listMailboxes(parseMessage(ActorEnvelopeBase, data));
  }

  @MessagePattern(NotificationCommands.ReplaceAreaMailboxes)
  replaceAreaMailboxes(@Payload() data: unknown): Promise<AreaMailboxesV1> {
    return this.configuration.replaceMailboxes(parseMessage(ReplaceAreaMailboxesCommandV1, data));
  }

  @MessagePattern(NotificationCommands.SetPreference)
  setPreference(@Payload() data: unknown): Promise<PreferenceV1> {
    return this.preferences.execute(parseMessage(SetPreferenceCommandV1, data));
  }

  @MessagePattern(NotificationCommands.ListPreferences)
  listPreferences(@Payload() data: unknown): Promise<PreferenceListV1> {
    return this.ownPreferences.execute(parseMessage(ActorEnvelopeBase, data));
  }

  @MessagePattern(NotificationCommands.ListDeliveries)
  listDeliveries(@Payload() data: unknown): Promise<DeliveryListV1> {
    return this.deliveries.list(parseMessage(ListDeliveriesQueryV1, data));
  }

  @MessagePattern(NotificationCommands.ListTicketMails)
  listTicketMails(@Payload() data: unknown): Promise<TicketMailListV1> {
    return this.ticketMails.execute(parseMessage(ListTicketMailsQueryV1, data));
  }

  @MessagePattern(NotificationCommands.RetryDelivery)
  retryDelivery(@Payload() data: unknown): Promise<DeliverySummary> {
    return this.deliveries.retry(parseMessage(RetryDeliveryCommandV1, data));
  }
}
