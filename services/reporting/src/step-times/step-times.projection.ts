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
import { fieldSteps } from './field-steps.js';
import { StepTimesRepository } from './step-times.repository.js';

/**
 * Keeps each ticket's measured steps: inventory's field events are stored as they come, and after every
 * event of the ticket its steps are mapped again from the whole history, so order and redelivery do not
 * matter. Steps count business minutes on the ticket's calendar as reporting knows it at that moment.
 */
@Injectable()
export class StepTimesProjection {
  constructor(
    private readonly steps: StepTimesRepository,
    private readonly facts: TicketFactsProjection,
  ) {}

  async visit(event: EventEnvelope<FieldVisitChangedV1>, tx: EntityManager): Promise<void> {
    const { visitId, arrivedAt, departedAt } = event.data;
    await this.store(event, tx, visitId, arrivedAt, departedAt);
  }

  async repair(event: EventEnvelope<RepairChangedV1>, tx: EntityManager): Promise<void> {
    await this.store(event, tx, event.data.repairId);
  }

  async signedOff(event: EventEnvelope<FieldSignedOffV1>, tx: EntityManager): Promise<void> {
    await this.store(event, tx, null, null, null, event.data.signedAt);
  }

  async refresh(tx: EntityManager, ticketId: string): Promise<void> {
    const read = await this.steps.history(tx, ticketId);
    // Until the registration is seen there is nothing to measure from; the field events wait in their table.
    if (!read) return;
    const calendar = (await this.facts.calendarBook(tx, read.calendarsVersion)).calendarFor(read.jurisdiction);
    const spans = fieldSteps(read.history, (from, to) => businessMinutesBetween(calendar, from, to));
    await this.steps.saveSteps(tx, ticketId, spans);
  }

  private async store(
    event: EventEnvelope<object>,
    tx: EntityManager,
    subjectId: string | null,
    arrivedAt: string | null = null,
    departedAt: string | null = null,
    at = event.occurredAt,
  ): Promise<void> {
    // Inventory names the ticket in the envelope; its payloads carry only the number.
    if (!event.ticketId) return;
    await this.steps.addFieldEvent(tx, {
      eventId: event.id,
      ticketId: event.ticketId,
      type: event.type,
      at: new Date(at),
      subjectId,
      arrivedAt: arrivedAt ? new Date(arrivedAt) : null,
      departedAt: departedAt ? new Date(departedAt) : null,
    });
    await this.refresh(tx, event.ticketId);
  }
}
