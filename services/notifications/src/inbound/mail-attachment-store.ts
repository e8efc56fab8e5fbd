import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AttachmentStore, S3AttachmentStore, createAttachmentStore } from '@cau/attachments';
import { NotificationsSettings } from '../config/notifications-settings.js';

/**
 * The attachment store (a directory or an S3 bucket, `ATTACHMENTS_*`), the same one the gateway serves
 * ticket files from. Created on first use, because the settings are loaded in the service's `afterStart`.
 */
@Injectable()
export class MailAttachmentStore implements OnModuleDestroy {
  private store: AttachmentStore | null = null;

  constructor(private readonly settings: NotificationsSettings) {}

  get current(): AttachmentStore {
    this.store ??= createAttachmentStore(this.settings.current.attachmentStore);
    return this.store;
  }

  onModuleDestroy(): void {
    if (this.store instanceof S3AttachmentStore) this.store.destroy();
  }
}
