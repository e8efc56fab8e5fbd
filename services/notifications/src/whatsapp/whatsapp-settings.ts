import { Injectable } from '@nestjs/common';
import type { WhatsappConfig } from './whatsapp-config.js';

/** The WhatsApp account, loaded in `afterStart` as NotificationsSettings is; null where none is configured. */
@Injectable()
export class WhatsappSettings {
  private config: WhatsappConfig | null = null;

  load(config: WhatsappConfig | null): void {
    this.config = config;
  }

  get current(): WhatsappConfig | null {
    return this.config;
  }
}
