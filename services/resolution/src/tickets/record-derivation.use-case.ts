import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketDerivedV1 } from '@cau/contracts';
import { EventPositions, ServiceRuntime, type BatchScope } from '@cau/messaging';
import { transition } from '../domain/status-machine.js';
import { ServiceLevelAnnouncer } from '../sla/service-level-announcer.js';
import { positionOf } from './event-position.js';
import { EventBatchWork } from './event-batch-work.js';
import { TicketRepository } from './ticket.repository.js';

/**
 * Follows routing's derivations (escalations, coordination, solutions returned to the service desk).
 * Every derivation becomes a step of the ticket's history, even one that arrives late; only the newest
 * one decides the area. Moving to another area ends the assignment: the assignee belonged to the old one.
 */
@Injectable()
export class RecordDerivationUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly positions: EventPositions,
    private readonly tickets: TicketRepository,
    private readonly batchWork: EventBatchWork,
    private readonly announcer: ServiceLevelAnnouncer,
  ) {}

  async handle(event: EventEnvelope<TicketDerivedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    const newest = await this.positions.advance(tx, positionOf(event));
    const derived = event.data;
    const ticket = await this.tickets.lockOrCreate(tx, derived.ticketId, derived.number);
    this.batchWork.appendStep(tx, batch, {
      ticketId: ticket.ticketId,
      at: new Date(derived.at),
      action: derived.kind,
      area: derived.from,
      by: derived.by,
      notes: derived.reason,
      from: derived.from,
      to: derived.to,
    });
    if (!newest) return;
    await this.tickets.moveToArea(tx, ticket.ticketId, derived.to);
    const next = transition(ticket.status, derived.kind === 'return' ? 'return-solution' : 'escalate');
    if (next.ok) {
      await this.tickets.update(tx, ticket.ticketId, { status: next.status });
      // Leaving `resuelto` puts the resolution target back in play.
      await this.announcer.announce(tx, [ticket.ticketId]);
    } else {
      // Routing is the authority on derivations; a derivation our status refuses is kept, and reported.
      this.runtime.logger.warn(
        { ticket: derived.number, status: ticket.status, kind: derived.kind, refusal: next.refusal },
        'derivation applied to a ticket whose status does not allow it',
      );
    }
  }
}
