import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AnnouncementAudience, type AnnouncementPublishedV1, type EventEnvelope } from '@cau/contracts';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { DeliveryKind, type NewDelivery } from '../delivery/delivery.js';
import { DeliveryRepository } from '../delivery/delivery.repository.js';
import { deliveryMessageId } from '../delivery/message-id.js';
import { renderAnnouncementMail } from './announcement-mail.template.js';
import { AnnouncementRepository } from './announcement.repository.js';

/** Rows per INSERT: each carries its rendered bodies (up to ~25 kB for the longest announcement). */
const CHUNK = 250;

/**
 * Records one mail per requester of the audience of an announcement published with `sendMail`, in the
 * consumer's transaction (the inbox makes a redelivered event add nothing, and the delivery log's key
 * (event, recipient) is the second guard); the sender loop sends them at its own pace, so neither the
 * administrator's request nor this consumer waits for SMTP. The audience is who notifications knows:
 * requesters of tickets, by the jurisdiction of their latest ticket (intake's directory rule).
 */
@Injectable()
export class QueueAnnouncementMailsUseCase {
  constructor(
    private readonly announcements: AnnouncementRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly settings: NotificationsSettings,
  ) {}

  async handle(event: EventEnvelope<AnnouncementPublishedV1>, tx: EntityManager): Promise<void> {
    const announcement = event.data;
    if (!announcement.sendMail) return;
    const config = this.settings.current;
    const recipients = await this.announcements.recipients(
      tx,
      announcement.audience === AnnouncementAudience.Everyone ? null : announcement.jurisdictions,
    );
    for (let start = 0; start < recipients.length; start += CHUNK) {
      const rows: NewDelivery[] = recipients.slice(start, start + CHUNK).map((recipient) => ({
        id: randomUUID(),
        eventId: event.id,
        recipient: recipient.email,
        kind: DeliveryKind.Announcement,
        language: announcement.language,
        ticketId: null,
        ticketNumber: null,
        ...renderAnnouncementMail(announcement, recipient.name, config.portalUrl, config.timeZone),
        messageId: deliveryMessageId(DeliveryKind.Announcement, event.id, recipient.email, config.messageIdDomain),
        threadMessageId: null,
      }));
      await this.deliveries.insertPendingMany(tx, rows);
    }
  }
}
