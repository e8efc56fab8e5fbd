import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  GetTemplateQueryV1,
  ListTemplatesQueryV1,
  ListTemplateVersionsQueryV1,
  NotificationTemplateCommands,
  PreviewTemplateCommandV1,
  PutTemplateCommandV1,
  ResetTemplateCommandV1,
  type MailKindListV1,
  type MailPreviewV1,
  type MailTemplateV1,
  type TemplateVersionListV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ManageMailTemplatesUseCase } from './manage-mail-templates.use-case.js';

/** Request/reply over NATS (queue group `notifications`); exposed over HTTP by the gateway (api/v1/notifications/templates). */
@Controller()
export class MailTemplatesHandler {
  constructor(private readonly templates: ManageMailTemplatesUseCase) {}

  @MessagePattern(NotificationTemplateCommands.ListTemplates)
  list(@Payload() data: unknown): Promise<MailKindListV1> {
    return this.templates.list(parseMessage(ListTemplatesQueryV1, data));
  }

  @MessagePattern(NotificationTemplateCommands.GetTemplate)
  get(@Payload() data: unknown): Promise<MailTemplateV1> {
    return this.templates.get(parseMessage(GetTemplateQueryV1, data));
  }

  @MessagePattern(NotificationTemplateCommands.PutTemplate)
  put(@Payload() data: unknown): Promise<MailTemplateV1> {
    return this.templates.put(parseMessage(PutTemplateCommandV1, data));
  }

  @MessagePattern(NotificationTemplateCommands.ResetTemplate)
  reset(@Payload() data: unknown): Promise<MailTemplateV1> {
    return this.templates.reset(parseMessage(ResetTemplateCommandV1, data));
  }

  @MessagePattern(NotificationTemplateCommands.ListTemplateVersions)
  versions(@Payload() data: unknown): Promise<TemplateVersionListV1> {
    return this.templates.versions(parseMessage(ListTemplateVersionsQueryV1, data));
  }

  @MessagePattern(NotificationTemplateCommands.PreviewTemplate)
  preview(@Payload() data: unknown): Promise<MailPreviewV1> {
    return this.templates.preview(parseMessage(PreviewTemplateCommandV1, data));
  }
}
