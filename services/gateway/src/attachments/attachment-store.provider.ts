import type { Provider } from '@nestjs/common';
import { AttachmentStore, createAttachmentStore } from '@cau/attachments';
import { AttachmentsConfig } from './attachments-config.js';

export const attachmentStoreProvider: Provider = {
  provide: AttachmentStore,
  useFactory: (config: AttachmentsConfig): AttachmentStore => createAttachmentStore(config.store),
  inject: [AttachmentsConfig],
};
