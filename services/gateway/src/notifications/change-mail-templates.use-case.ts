import { Injectable } from '@nestjs/common';
import {
  NotificationsRpc,
  type ActorV1,
  type MailTemplateBodyV1,
  type MailTemplateV1,
  type TemplateKeyV1,
} from '@cau/contracts';
import { AuditRepository } from '../audit/audit.repository.js';
import { NotificationsClient } from '../http/service-clients.js';

/**
 * Changes to the mail templates, which notifications owns (it checks the role again and the templates);
 * the gateway audits each change with the template before and after.
 */
@Injectable()
export class ChangeMailTemplatesUseCase {
  constructor(
    private readonly notifications: NotificationsClient,
    private readonly audit: AuditRepository,
  ) {}

  /** The body is the template itself, so the service's `template.subject` is the client's `subject`. */
  async put(actor: ActorV1, key: TemplateKeyV1, template: MailTemplateBodyV1): Promise<MailTemplateV1> {
    const before = await this.notifications.request(NotificationsRpc.GetTemplate, { actor, ...key });
    const after = await this.notifications.request(
      NotificationsRpc.PutTemplate,
      { actor, ...key, template: { subject: template.subject, text: template.text, html: template.html } },
      'template',
    );
    await this.recordChange(actor, 'mail-template.put', key, before, after);
    return after;
  }

  async reset(actor: ActorV1, key: TemplateKeyV1): Promise<MailTemplateV1> {
    const before = await this.notifications.request(NotificationsRpc.GetTemplate, { actor, ...key });
    const after = await this.notifications.request(NotificationsRpc.ResetTemplate, { actor, ...key });
    await this.recordChange(actor, 'mail-template.reset', key, before, after);
    return after;
  }

  /** After notifications answered: the template keyed `<kind>/<language>`. */
  private recordChange(
    actor: ActorV1,
    action: 'mail-template.put' | 'mail-template.reset',
    key: TemplateKeyV1,
    before: MailTemplateV1,
    after: MailTemplateV1,
  ): Promise<void> {
    return this.audit.record(actor, {
      action,
      targetType: 'mail-template',
      targetId: `${key.kind}/${key.language}`,
      before,
      after,
    });
  }
}
