import { Injectable } from '@nestjs/common';
import type { NotificationsConfig } from './notifications-config.js';

/**
 * The validated configuration, shared by the use cases and the sender. It is loaded in the service
 * definition's `afterStart`, because that hook is where the environment given to `startService`
 * reaches a service (tests start several instances in one process, each with its own SMTP server).
 * `afterStart` runs before consumers start, so no event is handled before the configuration is here.
 */
@Injectable()
export class NotificationsSettings {
  private config: NotificationsConfig | null = null;

  load(config: NotificationsConfig): void {
    if (this.config) throw new Error('notifications configuration is already loaded');
    this.config = config;
  }

  get current(): NotificationsConfig {
    if (!this.config) throw new Error('notifications configuration is not loaded yet');
    return this.config;
  }
}
