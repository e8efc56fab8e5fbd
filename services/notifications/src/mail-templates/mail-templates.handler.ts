import { Controller } from '@nestjs/common';
import {
  GetTemplateQueryV1,
  ListTemplatesQueryV1,
  ListTemplateVersionsQueryV1,
  NotificationsRpc,
  PreviewTemplateCommandV1,
  PutTemplateCommandV1,
  ResetTemplateCommandV1,
  type MailKindListV1,
  type MailPreviewV1,
  type MailTemplateV1,
  type TemplateVersionListV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { ManageMailTemplatesUseCase } from './manage-mail-templates.use-case.js';

/** Request/reply over NATS (queue group `notifications`); exposed over HTTP by the gateway (api/v1/notifications/templates). */
@Controller()
export class MailTemplatesHandler {
  constructor(private readonly templates: ManageMailTemplatesUseCase) {}

  @Answers(NotificationsRpc.ListTemplates)
  list(request: ListTemplatesQueryV1): Promise<MailKindListV1> {
    return this.templates.list(request);
  }

  @Answers(NotificationsRpc.GetTemplate)
  get(request: GetTemplateQueryV1): Promise<MailTemplateV1> {
    return this.templates.get(request);
  }

  @Answers(NotificationsRpc.PutTemplate)
  put(request: PutTemplateCommandV1): Promise<MailTemplateV1> {
    return this.templates.put(request);
  }

  @Answers(NotificationsRpc.ResetTemplate)
  reset(request: ResetTemplateCommandV1): Promise<MailTemplateV1> {
    return this.templates.reset(request);
  }

  @Answers(NotificationsRpc.ListTemplateVersions)
  versions(request: ListTemplateVersionsQueryV1): Promise<TemplateVersionListV1> {
    return this.templates.versions(request);
  }

  @Answers(NotificationsRpc.PreviewTemplate)
  preview(request: PreviewTemplateCommandV1): Promise<MailPreviewV1> {
    return this.templates.preview(request);
  }
}
