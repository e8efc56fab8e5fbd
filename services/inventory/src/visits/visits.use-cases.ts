import { Injectable } from '@nestjs/common';
import {
  FieldServiceEvents,
  type FieldTicketV1,
  type FieldVisitV1,
  type PlanVisitCommandV1,
  type RecordVisitCommandV1,
  type TicketEquipmentQueryV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import type { EntityManager } from 'typeorm';
import { mayChangeInventory } from '../access/access-policy.js';
import { mustBe } from '../equipment/equipment.use-cases.js';
import { visitTimesProblems, visitorColumns } from './visit.js';
import { VisitsRepository } from './visits.repository.js';

/**
 * Field visits (docs/domain.md § Field service, activities 02, 05–07): staff plan one on a ticket (when, who: one of the staff or a
 * contracted company's technician with the company's report number) and record it once it happened (who
 * went, arrival, departure, what was done). A recorded visit makes the ticket a field ticket.
 */
@Injectable()
export class VisitsUseCases {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly visits: VisitsRepository,
  ) {}

  async plan({ actor, ticket, visitId, plannedFor, visitor, note }: PlanVisitCommandV1): Promise<FieldVisitV1> {
    mustBe(mayChangeInventory(actor));
    return this.runtime.transaction(async (tx) => {
      await this.visits.plan(
        tx,
        { id: visitId, ticket, plannedFor, note: note?.trim() || null, visitor: visitorColumns(visitor) },
        actor,
      );
      const planned = (await this.visits.find(visitId, tx))!;
      await this.emit(tx, 'planned', ticket, planned);
      return planned;
    });
  }

  async record(command: RecordVisitCommandV1): Promise<FieldVisitV1> {
    const { actor, ticket, visitId } = command;
    mustBe(mayChangeInventory(actor));
    const problems = visitTimesProblems(command.arrivedAt, command.departedAt);
    if (problems.length > 0) throw ServiceError.validation(problems);
    return this.runtime.transaction(async (tx) => {
      const visit = await this.visits.find(visitId, tx, true);
      if (!visit) throw ServiceError.notFound('field-visit', visitId);
      this.onTicket(visit, ticket);
      if (visit.status === 'recorded') {
        throw ServiceError.conflict({ code: 'inventory.visit-recorded' });
      }
      await this.visits.record(
        tx,
        visitId,
        {
          visitor: visitorColumns(command.visitor),
          arrivedAt: command.arrivedAt,
          departedAt: command.departedAt,
          workDone: command.workDone.trim(),
        },
        actor,
        new Date(),
      );
      const recorded = (await this.visits.find(visitId, tx))!;
      await this.emit(tx, 'recorded', ticket, recorded);
      return recorded;
    });
  }

  ofTicket({ ticket }: TicketEquipmentQueryV1): Promise<FieldVisitV1[]> {
    return this.visits.ofTicket(ticket.ticketNumber);
  }

  /** A visit is addressed through its ticket: one of another ticket is not found here. */
  private onTicket(visit: FieldVisitV1, ticket: FieldTicketV1): FieldVisitV1 {
    if (visit.ticketNumber !== ticket.ticketNumber) throw ServiceError.notFound('field-visit', visit.id);
    return visit;
  }

  private async emit(
    tx: EntityManager,
    change: 'planned' | 'recorded',
    ticket: FieldTicketV1,
    visit: FieldVisitV1,
  ): Promise<void> {
    await this.runtime.outbox.append(tx, {
      definition: change === 'planned' ? FieldServiceEvents.VisitPlanned : FieldServiceEvents.VisitRecorded,
      ticketId: ticket.ticketId,
      data: {
        visitId: visit.id,
        ticketNumber: ticket.ticketNumber,
        visitorKind: visit.visitor.kind,
        plannedFor: visit.plannedFor,
        arrivedAt: visit.arrivedAt,
        departedAt: visit.departedAt,
      },
    });
  }
}
