import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRegisteredV1 } from '@cau/contracts';
import { QueueTicketMailsUseCase } from '../ticket-mails/queue-ticket-mails.use-case.js';
import { RegisteredMails } from '../ticket-mails/ticket-mail-plans.js';
import { TicketCopyRepository, type TicketCopy } from '../tickets/ticket-copy.repository.js';

/**
 * Keeps the copy of the ticket later mails need, and gives the requester their ticket number by
 * e-mail (docs/domain.md § Registration; an essential rule). Both are written in the consumer's transaction, so they
 * exist if and only if the event counts as handled; the mail sender sends the mail once it commits.
 */
@Injectable()
export class QueueRegistrationMailUseCase {
  constructor(
    private readonly tickets: TicketCopyRepository,
    private readonly mails: QueueTicketMailsUseCase,
  ) {}

  async handle(event: EventEnvelope<TicketRegisteredV1>, tx: EntityManager): Promise<void> {
    const ticket = ticketCopyOf(event);
    await this.tickets.record(tx, ticket);
    await this.mails.handle(RegisteredMails, event, tx, ticket);
  }
}

function ticketCopyOf(event: EventEnvelope<TicketRegisteredV1>): TicketCopy {
  const data = event.data;
  return {
    ticketId: data.ticketId,
    number: data.number,
    // Intake stores addresses in lower case already; normalising again keeps the unique key and the
    // Message-ID stable whatever a future producer sends.
    requesterEmail: data.requester.email.trim().toLowerCase(),
    requesterName: data.requester.name,
    title: data.title,
    jurisdiction: data.jurisdiction,
    registrationEventId: event.id,
    registeredAt: data.registeredAt,
  };
}
