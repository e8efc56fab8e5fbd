import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, RegistrationRequestedV1 } from '@cau/contracts';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { DeliveryKind } from '../delivery/delivery.js';
import { DeliveryRepository } from '../delivery/delivery.repository.js';
import { deliveryMessageId } from '../delivery/message-id.js';
import { renderSelfRegistrationMail } from './self-registration-mail.template.js';

/**
 * Records the registration's mail (the verification link, or the "you already have an account" notice)
 * in the consumer's transaction; a redelivered event adds nothing.
 */
@Injectable()
export class QueueSelfRegistrationMailUseCase {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly settings: NotificationsSettings,
  ) {}

  async handle(event: EventEnvelope<RegistrationRequestedV1>, tx: EntityManager): Promise<void> {
    const config = this.settings.current;
    const recipient = event.data.email.trim().toLowerCase();
    await this.deliveries.insertPending(tx, {
      id: randomUUID(),
      eventId: event.id,
      recipient,
      kind: DeliveryKind.SelfRegistration,
      language: event.data.language,
      ticketId: null,
      ticketNumber: null,
      ...renderSelfRegistrationMail(event.data, config.portalUrl, config.timeZone),
      messageId: deliveryMessageId(DeliveryKind.SelfRegistration, event.id, recipient, config.messageIdDomain),
      threadMessageId: null,
    });
  }
}
