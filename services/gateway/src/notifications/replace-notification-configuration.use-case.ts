import { Injectable } from '@nestjs/common';
import {
  NotificationsRpc,
  type ActorV1,
  type AreaMailboxesV1,
  type NotificationRuleListV1,
  type NotificationRulesV1,
} from '@cau/contracts';
import { AuditRepository } from '../audit/audit.repository.js';
import { NotificationsClient } from '../http/service-clients.js';

/**
 * Notifications decides who is mailed what, so it owns the rules and the areas' mailboxes; the gateway
 * audits each replacement after notifications answers, with what was in force before.
 */
@Injectable()
export class ReplaceNotificationConfigurationUseCase {
  constructor(
    private readonly notifications: NotificationsClient,
    private readonly audit: AuditRepository,
  ) {}

  async replaceRules(actor: ActorV1, body: NotificationRulesV1): Promise<NotificationRuleListV1> {
    const before = await this.notifications.request(NotificationsRpc.ListRules, { actor });
    const after = await this.notifications.request(NotificationsRpc.ReplaceRules, { actor, rules: body.rules });
    await this.audit.record(actor, {
      action: 'notification-rules.replace',
      targetType: 'notification-rules',
      targetId: 'rules',
      before,
      after,
    });
    return after;
  }

  async replaceMailboxes(actor: ActorV1, body: AreaMailboxesV1): Promise<AreaMailboxesV1> {
    const before = await this.notifications.request(NotificationsRpc.ListAreaMailboxes, { actor });
    const after = await this.notifications.request(NotificationsRpc.ReplaceAreaMailboxes, {
      actor,
      mailboxes: body.mailboxes,
    });
    await this.audit.record(actor, {
      action: 'area-mailboxes.replace',
      targetType: 'area-mailboxes',
      targetId: 'mailboxes',
      before,
      after,
    });
    return after;
  }
}
