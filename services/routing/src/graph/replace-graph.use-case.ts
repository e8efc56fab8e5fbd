import { type ConfiguredGraphV1, type ReplaceGraphCommandV1 } from '@cau/contracts';
import { Injectable } from '@nestjs/common';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { mustBeAdmin } from '../access/access-policy.js';
import { validateGraph } from '../escalation/escalation-graph.js';
import { RoutedTicketRepository } from '../routing/routed-ticket.repository.js';
import { GraphRepository } from './graph.repository.js';

/**
 * Replaces the escalation graph (and, when given, the set of areas) in one transaction, after checking
 * that no ticket could get stuck: every area a ticket can reach, or is in now, keeps a way back to the
 * entry area. The entry area itself stays fixed.
 */
@Injectable()
export class ReplaceGraphUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly graphs: GraphRepository,
    private readonly tickets: RoutedTicketRepository,
  ) {}

  async replace(command: ReplaceGraphCommandV1): Promise<ConfiguredGraphV1> {
    const decision = mustBeAdmin(command.actor);
    if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
    const edges = command.edges.map(({ from, to, kind }) => ({ from, to, kind }));
    const replaced = await this.runtime.transaction(async (tx) => {
      await this.graphs.lockForEdit(tx);
      const current = await this.graphs.load(tx);
      const areas = (command.areas ?? current.areas).map((a) => ({ code: a.code, name: a.name }));
      const problems = validateGraph(
        { areas: areas.map((a) => a.code), entryArea: current.entryArea, edges },
        await this.tickets.occupiedAreas(tx),
      );
      if (problems.length > 0) throw ServiceError.validation(problems);
      await this.graphs.replace(tx, areas, edges);
      return this.graphs.load(tx);
    });
    this.graphs.invalidate();
    return replaced;
  }
}
