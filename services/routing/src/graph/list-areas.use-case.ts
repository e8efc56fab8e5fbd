import type { ActorEnvelopeBase, AreaV1 } from '@cau/contracts';
import { Injectable } from '@nestjs/common';
import { ServiceError } from '@cau/messaging';
import { mustBeStaff } from '../access/access-policy.js';
import { GraphRepository } from './graph.repository.js';

@Injectable()
export class ListAreasUseCase {
  constructor(private readonly graphs: GraphRepository) {}

  /** Read fresh, not from the cache: an administrator expects to see an edit at once. */
  async list(command: ActorEnvelopeBase): Promise<AreaV1[]> {
    const decision = mustBeStaff(command.actor);
    if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
    return (await this.graphs.load()).areas;
  }
}
