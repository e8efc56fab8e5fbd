import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRegisteredV1 } from '@cau/contracts';
import { EventPositions } from '@cau/messaging';
import { normalizeEmail } from '../domain/permissions.js';
import { SlaSchedule } from '../sla/sla-schedule.js';
import { positionOf } from './event-position.js';
import { TicketHistoryRepository } from './ticket-history.repository.js';
import { TicketRepository } from './ticket.repository.js';

/**
 * Keeps what resolution needs from the registration: who the requester is (reopen, survey, closure
 * report), the jurisdiction (its calendar) and service (their targets, where they have their own) and the registration time the SLA clocks start from.
 */
@Injectable()
export class RecordRegistrationUseCase {
  constructor(
    private readonly positions: EventPositions,
    private readonly tickets: TicketRepository,
    private readonly history: TicketHistoryRepository,
    private readonly schedule: SlaSchedule,
  ) {}

  async handle(event: EventEnvelope<TicketRegisteredV1>, tx: EntityManager): Promise<void> {
    if (!(await this.positions.advance(tx, positionOf(event)))) return;
    const registration = event.data;
    const ticket = await this.tickets.lockOrCreate(tx, registration.ticketId, registration.number);
    const registeredAt = new Date(registration.registeredAt);
    await this.tickets.saveRegistration(tx, ticket.ticketId, {
      requesterEmail: normalizeEmail(registration.requester.email),
      requesterId: registration.requesterId,
      requesterName: registration.requester.name,
      jurisdiction: registration.jurisdiction,
      service: registration.service ?? null,
      title: registration.title,
      registeredAt,
    });
    await this.history.append(tx, {
      ticketId: ticket.ticketId,
      at: registeredAt,
      action: 'register',
      area: null,
      by: registration.registeredBy,
      notes: registration.title,
    });
    await this.schedule.refresh(tx, [ticket.ticketId]);
  }
}
