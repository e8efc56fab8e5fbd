import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, PasswordResetRequestedV1 } from '@cau/contracts';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { DeliveryKind } from '../delivery/delivery.js';
import { DeliveryRepository } from '../delivery/delivery.repository.js';
import { deliveryMessageId } from '../delivery/message-id.js';
import { renderPasswordResetMail } from './password-reset-mail.template.js';

/**
 * Records the reset link's mail to the account's address in the consumer's transaction; a redelivered
 * event adds nothing (the delivery log's key is the event and the recipient).
 */
@Injectable()
export class QueuePasswordResetMailUseCase {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly settings: NotificationsSettings,
  ) {}

  async handle(event: EventEnvelope<PasswordResetRequestedV1>, tx: EntityManager): Promise<void> {
    const config = this.settings.current;
    const recipient = event.data.email.trim().toLowerCase();
    await this.deliveries.insertPending(tx, {
      id: randomUUID(),
      eventId: event.id,
      recipient,
      kind: DeliveryKind.PasswordReset,
      language: event.data.language,
      ticketId: null,
      ticketNumber: null,
      ...renderPasswordResetMail(event.data, config.portalUrl, config.timeZone),
      messageId: deliveryMessageId(DeliveryKind.PasswordReset, event.id, recipient, config.messageIdDomain),
      threadMessageId: null,
    });
  }
}
