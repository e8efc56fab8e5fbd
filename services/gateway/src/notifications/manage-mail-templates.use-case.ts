import { Injectable } from '@nestjs/common';
import {
  NotificationsRpc,
  type ActorV1,
  type MailKindListV1,
  type MailPreviewV1,
  type MailTemplateBodyV1,
  type MailTemplateV1,
  type PreviewTemplateBodyV1,
  type TemplateKeyV1,
  type TemplateVersionListV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { AuditRepository } from '../audit/audit.repository.js';
import { rethrowRelativeTo } from '../http/field-paths.js';

/** Mail templates, owned by the notifications service, which checks the role again and the templates. */
@Injectable()
export class ManageMailTemplatesUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly audit: AuditRepository,
  ) {}

  list(actor: ActorV1): Promise<MailKindListV1> {
    return this.rpc.request(NotificationsRpc.ListTemplates, { actor });
  }

  get(actor: ActorV1, key: TemplateKeyV1): Promise<MailTemplateV1> {
    return this.rpc.request(NotificationsRpc.GetTemplate, { actor, ...key });
  }

  /** The body is the template itself, so the service's `template.subject` is the client's `subject`. */
  async put(actor: ActorV1, key: TemplateKeyV1, template: MailTemplateBodyV1): Promise<MailTemplateV1> {
    const before = await this.get(actor, key);
    const after = await this.rpc
      .request(NotificationsRpc.PutTemplate, {
        actor,
        ...key,
        template: { subject: template.subject, text: template.text, html: template.html },
      })
      .catch((error: unknown) => rethrowRelativeTo(error, 'template'));
    await this.recordChange(actor, 'mail-template.put', key, before, after);
    return after;
  }

  async reset(actor: ActorV1, key: TemplateKeyV1): Promise<MailTemplateV1> {
    const before = await this.get(actor, key);
    const after = await this.rpc.request(NotificationsRpc.ResetTemplate, {
      actor,
      ...key,
    });
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

  versions(actor: ActorV1, key: TemplateKeyV1): Promise<TemplateVersionListV1> {
    return this.rpc.request(NotificationsRpc.ListTemplateVersions, {
      actor,
      ...key,
    });
  }

  preview(actor: ActorV1, key: TemplateKeyV1, body: PreviewTemplateBodyV1): Promise<MailPreviewV1> {
    return this.rpc.request(NotificationsRpc.PreviewTemplate, {
      actor,
      ...key,
      ...(body.ticketNumber === undefined ? {} : { ticketNumber: body.ticketNumber }),
      ...(body.template === undefined ? {} : { template: body.template }),
    });
  }
}
