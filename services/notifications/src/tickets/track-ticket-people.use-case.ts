import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketMergedV1, TicketResolvedV1, TicketTakenV1 } from '@cau/contracts';
import { TicketFollowersRepository } from './ticket-followers.repository.js';
import { TicketDuty, TicketPeopleRepository } from './ticket-people.repository.js';

/**
 * Remembers who held and who submitted each ticket, and who follows it, so later mails can reach them at
 * their own address.
 */
@Injectable()
export class TrackTicketPeopleUseCase {
  constructor(
    private readonly people: TicketPeopleRepository,
    private readonly followers: TicketFollowersRepository,
  ) {}

  async taken(event: EventEnvelope<TicketTakenV1>, tx: EntityManager): Promise<void> {
    const { ticketId, area, assignee, at } = event.data;
    await this.people.record(tx, { ticketId, duty: TicketDuty.Assignee, area, person: assignee, at });
  }

  async submitted(event: EventEnvelope<TicketResolvedV1>, tx: EntityManager): Promise<void> {
    const { ticketId, area, by, at } = event.data;
    await this.people.record(tx, { ticketId, duty: TicketDuty.Submitter, area, person: by, at });
  }

  /** On the original's stream, the duplicate's requester starts following the original (issue 12). */
  async merged(event: EventEnvelope<TicketMergedV1>, tx: EntityManager): Promise<void> {
    const { ticketId, original, duplicate, duplicateRequester, at } = event.data;
    if (ticketId !== original.ticketId || !duplicateRequester) return;
    await this.followers.add(tx, { ticketId, ...duplicateRequester, duplicateNumber: duplicate.number, at });
  }
}
