import { Injectable } from '@nestjs/common';
import {
  Role,
  type ActorEnvelopeBase,
  type ActorV1,
  type AreaMailboxesV1,
  type NotificationRuleListV1,
  type ReplaceAreaMailboxesCommandV1,
  type ReplaceNotificationRulesCommandV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { RULE_MAILS } from '../ticket-mails/ticket-mail-plans.js';
import { AreaMailboxRepository } from './area-mailbox.repository.js';
import { ConfigurationEditsRepository, EditableSetting } from './configuration-edits.repository.js';
import { NotificationRulesRepository } from './notification-rules.repository.js';
import { mailboxProblems, ruleProblems, ruleStates } from './rule-edits.js';

/**
 * Who is mailed what, and the areas' mailboxes: staff read them (an agent wonders why a mail came),
 * administrators change them. A change applies from the next batch of events on.
 */
@Injectable()
export class ManageNotificationConfigurationUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly rules: NotificationRulesRepository,
    private readonly mailboxes: AreaMailboxRepository,
    private readonly edits: ConfigurationEditsRepository,
  ) {}

  async listRules({ actor }: ActorEnvelopeBase): Promise<NotificationRuleListV1> {
    onlyStaff(actor);
    return { rules: ruleStates(await this.rules.all(this.runtime.dataSource.manager), RULE_MAILS) };
  }

  async replaceRules(command: ReplaceNotificationRulesCommandV1): Promise<NotificationRuleListV1> {
    onlyAdministrators(command.actor);
    const problems = ruleProblems(command.rules, RULE_MAILS);
    if (problems.length > 0) throw ServiceError.validation(problems);
    const stored = await this.runtime.transaction(async (tx) => {
      await this.rules.replaceAll(tx, command.rules);
      return this.rules.all(tx);
    });
    this.runtime.logger.info(
      { by: command.actor.accountId, rules: command.rules.length },
      'notification rules replaced',
    );
    return { rules: ruleStates(stored, RULE_MAILS) };
  }

  async listMailboxes({ actor }: ActorEnvelopeBase): Promise<AreaMailboxesV1> {
    onlyStaff(actor);
    return { mailboxes: await this.mailboxes.all() };
  }

  async replaceMailboxes(command: ReplaceAreaMailboxesCommandV1): Promise<AreaMailboxesV1> {
    onlyAdministrators(command.actor);
    const problems = mailboxProblems(command.mailboxes);
    if (problems.length > 0) throw ServiceError.validation(problems);
    const mailboxes = command.mailboxes.map(({ area, email }) => ({ area, email: email.trim().toLowerCase() }));
    const stored = await this.runtime.transaction(async (tx) => {
      await this.mailboxes.replaceAll(tx, mailboxes);
      await this.edits.record(tx, EditableSetting.AreaMailboxes, command.actor.accountId, new Date());
      return this.mailboxes.all(tx);
    });
    return { mailboxes: stored };
  }

  /**
   * AREA_MAILBOXES seeds the mailboxes until an administrator edits them; from then on the edit wins,
   * or every restart would silently undo it.
   */
  async seedMailboxes(fromEnvironment: ReadonlyMap<string, string>): Promise<void> {
    if (fromEnvironment.size === 0) return;
    if (await this.edits.wasEdited(EditableSetting.AreaMailboxes)) {
      this.runtime.logger.warn('AREA_MAILBOXES ignored: an administrator has edited the areas’ mailboxes');
      return;
    }
    const mailboxes = [...fromEnvironment].map(([area, email]) => ({ area, email }));
    await this.runtime.transaction((tx) => this.mailboxes.replaceAll(tx, mailboxes));
  }
}

function onlyStaff(actor: ActorV1): void {
  if (actor.role === Role.Requester || actor.role === Role.Referente) {
    throw ServiceError.forbidden({ code: 'notifications.rules-staff-only' });
  }
}

function onlyAdministrators(actor: ActorV1): void {
  if (actor.role !== Role.Admin) throw ServiceError.forbidden({ code: 'notifications.rules-admins-only' });
}
