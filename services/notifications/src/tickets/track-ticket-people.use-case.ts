import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketResolvedV1, TicketTakenV1 } from '@cau/contracts';
import { TicketDuty, TicketPeopleRepository } from './ticket-people.repository.js';

/** Remembers who held and who submitted each ticket, so later mails can reach them at their own address. */
@Injectable()
export class TrackTicketPeopleUseCase {
  constructor(private readonly people: TicketPeopleRepository) {}

  async taken(event: EventEnvelope<TicketTakenV1>, tx: EntityManager): Promise<void> {
    const { ticketId, area, assignee, at } = event.data;
    await this.people.record(tx, { ticketId, duty: TicketDuty.Assignee, area, person: assignee, at });
  }

  async submitted(event: EventEnvelope<TicketResolvedV1>, tx: EntityManager): Promise<void> {
    const { ticketId, area, by, at } = event.data;
    await this.people.record(tx, { ticketId, duty: TicketDuty.Submitter, area, person: by, at });
  }
}
