import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRegisteredV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { DeliveryKind } from '../delivery/delivery.js';
import { DeliveryRepository } from '../delivery/delivery.repository.js';
import { deliveryMessageId } from '../delivery/message-id.js';
import { renderTicketRegisteredMail } from '../templates/ticket-registered.template.js';

/**
 * Gives the requester their ticket number by e-mail (seed 000 §III). The mail is only recorded here,
 * in the consumer's transaction, so it exists if and only if the event counts as handled; the mail
 * sender sends it once that transaction commits.
 */
@Injectable()
export class QueueRegistrationMailUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly settings: NotificationsSettings,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async handle(event: EventEnvelope<TicketRegisteredV1>, tx: EntityManager): Promise<void> {
    const config = this.settings.current;
    const ticket = event.data;
    // Intake stores addresses in lower case already; normalising again keeps the unique key and the
    // Message-ID stable whatever a future producer sends.
    const recipient = ticket.requester.email.trim().toLowerCase();
    const mail = renderTicketRegisteredMail(
      {
        requesterName: ticket.requester.name,
        number: ticket.number,
        title: ticket.title,
        registeredAt: ticket.registeredAt,
        portalUrl: config.portalUrl,
      },
      { language: config.language, timeZone: config.timeZone },
    );
    const added = await this.deliveries.insertPending(tx, {
      id: randomUUID(),
      eventId: event.id,
      recipient,
      kind: DeliveryKind.TicketRegistered,
      language: config.language,
      ticketId: ticket.ticketId,
      ticketNumber: ticket.number,
      ...mail,
      messageId: deliveryMessageId(DeliveryKind.TicketRegistered, event.id, recipient, config.messageIdDomain),
    });
    if (!added) {
      this.runtime.logger.info(
        { eventId: event.id, ticketNumber: ticket.number },
        'registration mail already recorded',
      );
    }
  }
}
