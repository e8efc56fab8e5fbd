import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AnnouncementAudience, type AnnouncementPublishedV1, type EventEnvelope } from '@cau/contracts';
import type { BatchScope } from '@cau/messaging';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { DeliveryKind, type NewDelivery } from '../delivery/delivery.js';
import { DeliveryRepository } from '../delivery/delivery.repository.js';
import { deliveryMessageId } from '../delivery/message-id.js';
import { BatchWrites } from '../persistence/batch-writes.js';
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
    private readonly writes: BatchWrites,
  ) {}

  async handle(event: EventEnvelope<AnnouncementPublishedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    const announcement = event.data;
    if (!announcement.sendMail) return;
    const config = this.settings.current;
    // The audience is read from `tickets`: the registrations earlier in this batch are written first, as one
    // event at a time would have found them.
    await this.writes.flushNow(tx, batch);
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
