import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ServiceRuntime } from '@cau/messaging';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { DeliveryKind } from '../delivery/delivery.js';
import { DeliveryRepository } from '../delivery/delivery.repository.js';
import { deliveryMessageId } from '../delivery/message-id.js';
import { renderMailboxAlert, type MailboxAlert } from './mailbox-alert.template.js';

/** Tells the administrators (ADMIN_EMAILS) that a mailbox cannot be read, through the ordinary mail queue. */
@Injectable()
export class MailboxAlerts {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly settings: NotificationsSettings,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async raise(alert: MailboxAlert): Promise<void> {
    const config = this.settings.current;
    const recipients = config.inbound.adminEmails;
    this.runtime.logger.error(
      { mailbox: alert.mailbox, failures: alert.failures, error: alert.error, recipients },
      'mailbox cannot be read',
    );
    if (recipients.length === 0) return;
    const mail = renderMailboxAlert(alert, config.language);
    // One id per outage: its mails are recorded once per administrator, like any event's.
    const alertId = randomUUID();
    await this.runtime.dataSource.transaction(async (tx) => {
      for (const recipient of recipients) {
        await this.deliveries.insertPending(tx, {
          id: randomUUID(),
          eventId: alertId,
          recipient,
          kind: DeliveryKind.MailboxUnreadable,
          language: config.language,
          ticketId: null,
          ticketNumber: null,
          ...mail,
          messageId: deliveryMessageId(DeliveryKind.MailboxUnreadable, alertId, recipient, config.messageIdDomain),
          threadMessageId: null,
        });
      }
    });
  }
}
