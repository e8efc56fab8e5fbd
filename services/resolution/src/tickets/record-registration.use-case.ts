import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketRegisteredV1 } from '@cau/contracts';
import { EventPositions, type BatchScope } from '@cau/messaging';
import { normalizeEmail } from '../domain/permissions.js';
import { distinctRuns } from './distinct-runs.js';
import { positionOf } from './event-position.js';
import { EventBatchWork } from './event-batch-work.js';
import { TicketRepository } from './ticket.repository.js';

/**
 * Keeps what resolution needs from the registration: who the requester is (reopen, survey, closure
 * report), the jurisdiction (its calendar) and service (their targets, where they have their own) and the
 * registration time the SLA clocks start from. A batch's registrations are stored together at its end, in two
 * statements for all of them: every ticket has one, and a statement per event was most of resolution's work on
 * a busy desk. The other events of the batch need nothing a registration stores.
 */
@Injectable()
export class RecordRegistrationUseCase {
  constructor(
    private readonly positions: EventPositions,
    private readonly tickets: TicketRepository,
    private readonly batchWork: EventBatchWork,
  ) {}

  handle(event: EventEnvelope<TicketRegisteredV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    batch.collect('registrations', event, (events) => this.applyAll(events, tx, batch));
    return Promise.resolve();
  }

  private async applyAll(
    events: ReadonlyArray<EventEnvelope<TicketRegisteredV1>>,
    tx: EntityManager,
    batch: BatchScope,
  ): Promise<void> {
    for (const run of distinctRuns(events, (event) => event.data.ticketId)) {
      const newest = await this.positions.advanceAll(tx, run.map(positionOf));
      const applied = run.filter((_, i) => newest[i]).map((event) => event.data);
      await this.tickets.saveRegistrations(
        tx,
        applied.map((registration) => ({
          ticketId: registration.ticketId,
          number: registration.number,
          requesterEmail: normalizeEmail(registration.requester.email),
          requesterId: registration.requesterId,
          requesterName: registration.requester.name,
          jurisdiction: registration.jurisdiction,
          service: registration.service ?? null,
          title: registration.title,
          registeredAt: new Date(registration.registeredAt),
        })),
      );
      for (const registration of applied) {
        this.batchWork.appendStep(tx, batch, {
          ticketId: registration.ticketId,
          at: new Date(registration.registeredAt),
          action: 'register',
          area: null,
          by: registration.registeredBy,
          notes: registration.title,
        });
        this.batchWork.refreshDueDates(tx, batch, registration.ticketId);
      }
    }
  }
}
