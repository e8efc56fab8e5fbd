import type { Provider } from '@nestjs/common';
import { AttachmentStore } from './attachment-store.js';
import { AttachmentsConfig } from './attachments-config.js';
import { LocalAttachmentStore } from './local-attachment-store.js';
import { S3AttachmentStore } from './s3-attachment-store.js';

export function createAttachmentStore(config: AttachmentsConfig): AttachmentStore {
  return config.store.kind === 's3'
    ? new S3AttachmentStore(config.store)
    : new LocalAttachmentStore(config.store.directory);
}

export const attachmentStoreProvider: Provider = {
  provide: AttachmentStore,
  useFactory: createAttachmentStore,
  inject: [AttachmentsConfig],
};
