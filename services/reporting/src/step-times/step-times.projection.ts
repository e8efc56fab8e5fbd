import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { businessMinutesBetween } from '@cau/business-time';
import {
  type EventEnvelope,
  type FieldSignedOffV1,
  type FieldVisitChangedV1,
  type RepairChangedV1,
} from '@cau/contracts';
import { TicketFactsProjection } from '../reports/ticket-facts.projection.js';
import { fieldSteps, type StepSpan } from './field-steps.js';
import { StepTimesRepository } from './step-times.repository.js';

/**
 * Keeps each ticket's measured steps: inventory's field events are stored as they come, and at the end of
 * every batch that had events of the ticket its steps are mapped again from the whole history, so order and
 * redelivery do not matter. Steps count business minutes on the ticket's calendar as reporting knows it then.
 */
@Injectable()
export class StepTimesProjection {
  constructor(
    private readonly steps: StepTimesRepository,
    private readonly facts: TicketFactsProjection,
  ) {}

  /** The field events below answer the ticket whose steps are to be mapped again (`refreshAll`), if any. */
  visit(event: EventEnvelope<FieldVisitChangedV1>, tx: EntityManager): Promise<string | null> {
    const { visitId, arrivedAt, departedAt } = event.data;
    return this.store(event, tx, visitId, arrivedAt, departedAt);
  }

  repair(event: EventEnvelope<RepairChangedV1>, tx: EntityManager): Promise<string | null> {
    return this.store(event, tx, event.data.repairId);
  }

  signedOff(event: EventEnvelope<FieldSignedOffV1>, tx: EntityManager): Promise<string | null> {
    return this.store(event, tx, null, null, null, event.data.signedAt);
  }

  /** Maps these tickets' steps again, reading and writing them for all of the tickets at once. */
  async refreshAll(tx: EntityManager, ticketIds: readonly string[]): Promise<void> {
    if (ticketIds.length === 0) return;
    const read = await this.steps.histories(tx, ticketIds);
    // Until the registration is seen there is nothing to measure from; the field events wait in their table.
    if (read.length === 0) return;
    const spans = new Map<string, StepSpan[]>();
    for (const { ticketId, history, jurisdiction, calendarsVersion, measured } of read) {
      const calendar = (await this.facts.calendarBook(tx, calendarsVersion)).calendarFor(jurisdiction);
      const steps = fieldSteps(history, (from, to) => businessMinutesBetween(calendar, from, to));
      // A ticket with no steps before or now (most, until solved or visited) has nothing to write.
      if (measured || steps.length > 0) spans.set(ticketId, steps);
    }
    await this.steps.saveSteps(tx, spans);
  }

  private async store(
    event: EventEnvelope<object>,
    tx: EntityManager,
    subjectId: string | null,
    arrivedAt: string | null = null,
    departedAt: string | null = null,
    at = event.occurredAt,
  ): Promise<string | null> {
    // Inventory names the ticket in the envelope; its payloads carry only the number.
    if (!event.ticketId) return null;
    await this.steps.addFieldEvent(tx, {
      eventId: event.id,
      ticketId: event.ticketId,
      type: event.type,
      at: new Date(at),
      subjectId,
      arrivedAt: arrivedAt ? new Date(arrivedAt) : null,
      departedAt: departedAt ? new Date(departedAt) : null,
    });
    return event.ticketId;
  }
}
