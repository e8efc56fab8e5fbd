import { Injectable } from '@nestjs/common';
import {
  NotificationsRpc,
  type ActorV1,
  type AreaMailboxesV1,
  type NotificationRuleListV1,
  type NotificationRulesV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { AuditRepository } from '../audit/audit.repository.js';

/** Notifications decides who is mailed what, so it owns the rules and the areas' mailboxes. */
@Injectable()
export class ManageNotificationConfigurationUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly audit: AuditRepository,
  ) {}

  rules(actor: ActorV1): Promise<NotificationRuleListV1> {
    return this.rpc.request(NotificationsRpc.ListRules, { actor });
  }

  /** Audited after notifications answers: the before is read first. */
  async replaceRules(actor: ActorV1, body: NotificationRulesV1): Promise<NotificationRuleListV1> {
    const before = await this.rules(actor);
    const after = await this.rpc.request(NotificationsRpc.ReplaceRules, {
      actor,
      rules: body.rules,
    });
    await this.audit.record(actor, {
      action: 'notification-rules.replace',
      targetType: 'notification-rules',
      targetId: 'rules',
      before,
      after,
    });
    return after;
  }

  mailboxes(actor: ActorV1): Promise<AreaMailboxesV1> {
    return this.rpc.request(NotificationsRpc.ListAreaMailboxes, { actor });
  }

  async replaceMailboxes(actor: ActorV1, body: AreaMailboxesV1): Promise<AreaMailboxesV1> {
    const before = await this.mailboxes(actor);
    const after = await this.rpc.request(NotificationsRpc.ReplaceAreaMailboxes, {
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
