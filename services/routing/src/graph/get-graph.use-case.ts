import { type ConfiguredGraphV1, type ActorEnvelopeBase } from '@cau/contracts';
import { Injectable } from '@nestjs/common';
import { ServiceError } from '@cau/messaging';
import { mustBeStaff } from '../access/access-policy.js';
import { GraphRepository } from './graph.repository.js';

@Injectable()
export class GetGraphUseCase {
  constructor(private readonly graphs: GraphRepository) {}

  /** Read fresh, not from the cache: an administrator expects to see an edit at once. */
  async get(command: ActorEnvelopeBase): Promise<ConfiguredGraphV1> {
    const decision = mustBeStaff(command.actor);
    if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
    return this.graphs.load();
  }
}
