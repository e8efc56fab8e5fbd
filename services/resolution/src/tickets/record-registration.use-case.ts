import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRegisteredV1 } from '@cau/contracts';
import { EventPositions, type BatchScope } from '@cau/messaging';
import { normalizeEmail } from '../domain/permissions.js';
import { positionOf } from './event-position.js';
import { EventBatchWork } from './event-batch-work.js';
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
    private readonly batchWork: EventBatchWork,
  ) {}

  async handle(event: EventEnvelope<TicketRegisteredV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    if (!(await this.positions.advance(tx, positionOf(event)))) return;
    const registration = event.data;
    const registeredAt = new Date(registration.registeredAt);
    await this.tickets.saveRegistration(tx, registration.ticketId, registration.number, {
      requesterEmail: normalizeEmail(registration.requester.email),
      requesterId: registration.requesterId,
      requesterName: registration.requester.name,
      jurisdiction: registration.jurisdiction,
      service: registration.service ?? null,
      title: registration.title,
      registeredAt,
    });
    this.batchWork.appendStep(tx, batch, {
      ticketId: registration.ticketId,
      at: registeredAt,
      action: 'register',
      area: null,
      by: registration.registeredBy,
      notes: registration.title,
    });
    this.batchWork.refreshDueDates(tx, batch, registration.ticketId);
  }
}
