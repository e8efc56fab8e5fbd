import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BatchScope } from '@cau/messaging';
import { SlaSchedule } from '../sla/sla-schedule.js';
import { TicketHistoryRepository, type NewStep } from './ticket-history.repository.js';

/**
 * What the consumer's handlers leave for the end of their batch, done once for all of its events: the history
 * steps they append, in one statement; the due dates of the tickets they changed, recomputed (and announced)
 * once per ticket from the state the whole batch left, in one pass of five statements instead of five per event.
 */
@Injectable()
export class EventBatchWork {
  constructor(
    private readonly history: TicketHistoryRepository,
    private readonly schedule: SlaSchedule,
  ) {}

  appendStep(tx: EntityManager, batch: BatchScope, step: NewStep): void {
    batch.collect('history-steps', step, (steps) => this.history.appendAll(tx, steps));
  }

  refreshDueDates(tx: EntityManager, batch: BatchScope, ticketId: string): void {
    batch.collect('due-dates', ticketId, (ticketIds) => this.schedule.refresh(tx, [...new Set(ticketIds)]));
  }
}
