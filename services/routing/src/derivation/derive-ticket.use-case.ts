import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ProcedureEvents, type DeriveTicketCommandV1, type TicketDerivedV1 } from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { checkDerivation, type EscalationGraph } from '../escalation/escalation-graph.js';
import { escalationGraphOf, GraphRepository } from '../graph/graph.repository.js';
import { RoutedTicketRepository } from '../routing/routed-ticket.repository.js';
import { DerivationRepository } from './derivation.repository.js';
import { finishedDerivationRefusal, mayDerive, mayDeriveFrom, refusedDerivation } from './derivation-policy.js';

/** How long a derivation of a ticket routing believes finished waits for routing to read the latest events. */
const CATCH_UP_MS = 2_000;

/**
 * Moves a ticket from the area it is in to another one along the graph. The derivation record, the
 * ticket's new area and the event (`ticket.escalated`, or `ticket.solution-returned` for a return)
 * are committed together.
 */
@Injectable()
export class DeriveTicketUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly tickets: RoutedTicketRepository,
    private readonly derivations: DerivationRepository,
    private readonly graphs: GraphRepository,
  ) {}

  async derive(command: DeriveTicketCommandV1): Promise<TicketDerivedV1> {
    const { actor, body } = command;
    const role = mayDerive(actor);
    if (!role.allowed) throw ServiceError.forbidden(role.refusal);
    const reason = body.reason.trim();
    if (!reason) throw ServiceError.validation([{ field: 'body.reason', constraint: 'isNotEmpty' }]);
    const graph = escalationGraphOf(await this.graphs.current());
    const first = await this.deriveUnlessFinished(command, graph, reason);
    if (first.derived) return first.derived;
    // Routing learns of a reopening from resolution's event: a derivation asked right after one (the supervisor
    // reopens, then derives) waits for routing to have read the events already published, then looks again.
    const second = (await this.runtime.eventsCaughtUp(CATCH_UP_MS))
      ? await this.deriveUnlessFinished(command, graph, reason)
      : first;
    if (second.derived) return second.derived;
    throw ServiceError.conflict(finishedDerivationRefusal(command.number, second.finishedAs));
  }

  private deriveUnlessFinished(
    command: DeriveTicketCommandV1,
    graph: EscalationGraph,
    reason: string,
  ): Promise<{ derived: TicketDerivedV1; finishedAs?: never } | { derived?: never; finishedAs: string }> {
    const { actor, body } = command;
    return this.runtime.transaction(async (tx) => {
      const ticket = await this.tickets.lockByNumber(tx, command.number);
      if (!ticket) throw ServiceError.notFound('ticket', command.number);
      const finishedAs = await this.tickets.finishedAs(tx, ticket.ticketId);
      if (finishedAs !== null) return { finishedAs };
      // The edge is checked before the actor's area: a request that lost a race against another
      // derivation finds the ticket elsewhere and is told so (CONFLICT), not that it lacks permission.
      const check = checkDerivation(graph, ticket.area, body.to, body.kind);
      if (!check.allowed) {
        throw ServiceError.conflict(refusedDerivation(ticket.area, body.to, body.kind, check));
      }
      const permission = mayDeriveFrom(actor, ticket.area, graph.entryArea);
      if (!permission.allowed) throw ServiceError.forbidden(permission.refusal);
      const derivation: TicketDerivedV1 = {
        derivationId: randomUUID(),
        ticketId: ticket.ticketId,
        number: ticket.number,
        from: ticket.area,
        to: body.to,
        kind: check.edge.kind,
        reason,
        by: { accountId: actor.accountId, name: actor.name, role: actor.role, email: actor.email },
        // Taken once the lock is held, so a ticket's derivations are stamped in the order they happen.
        at: new Date().toISOString(),
      };
      await this.derivations.insert(tx, derivation);
      await this.tickets.moveTo(tx, ticket.ticketId, derivation.to);
      await this.runtime.outbox.append(tx, {
        definition: derivation.kind === 'return' ? ProcedureEvents.SolutionReturned : ProcedureEvents.TicketEscalated,
        ticketId: ticket.ticketId,
        data: derivation,
      });
      return { derived: derivation };
    });
  }
}
