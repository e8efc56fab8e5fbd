import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRegisteredV1 } from '@cau/contracts';
import type { BatchScope } from '@cau/messaging';
import { BatchWrites } from '../persistence/batch-writes.js';
import { QueueTicketMailsUseCase } from '../ticket-mails/queue-ticket-mails.use-case.js';
import { RegisteredMails } from '../ticket-mails/ticket-mail-plans.js';
import type { TicketCopy } from '../tickets/ticket-copy.repository.js';

/**
 * Keeps the copy of the ticket later mails need, and gives the requester their ticket number by
 * e-mail (docs/domain.md § Registration; an essential rule). Both are written in the consumer's transaction (at the
 * end of its batch, with the batch's other copies and mails), so they exist if and only if the event counts as
 * handled; the mail sender sends the mail once it commits.
 */
@Injectable()
export class QueueRegistrationMailUseCase {
  constructor(
    private readonly writes: BatchWrites,
    private readonly mails: QueueTicketMailsUseCase,
  ) {}

  async handle(event: EventEnvelope<TicketRegisteredV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    const ticket = ticketCopyOf(event);
    (await this.writes.of(tx, batch)).addTicket(ticket);
    await this.mails.handle(RegisteredMails, event, tx, batch, ticket);
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
