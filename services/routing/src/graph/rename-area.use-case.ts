import type { RenameAreaCommandV1, AreaV1 } from '@cau/contracts';
import { Injectable } from '@nestjs/common';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { mustBeAdmin } from '../access/access-policy.js';
import { GraphRepository } from './graph.repository.js';

/** Areas are configuration: La Pampa names its own Directorates (docs/domain.md § Areas). */
@Injectable()
export class RenameAreaUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly graphs: GraphRepository,
  ) {}

  async rename(command: RenameAreaCommandV1): Promise<AreaV1> {
    const decision = mustBeAdmin(command.actor);
    if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
    const area = await this.runtime.transaction(async (tx) => {
      await this.graphs.lockForEdit(tx);
      return this.graphs.rename(tx, command.code, command.name);
    });
    if (!area) throw ServiceError.notFound('area', command.code);
    this.graphs.invalidate();
    return area;
  }
}
