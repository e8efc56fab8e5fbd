import { Injectable } from '@nestjs/common';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { mustBeAdmin } from '../access/access-policy.js';
import type { RenameAreaCommand } from './graph.commands.js';
import { GraphRepository, type Area } from './graph.repository.js';

/** Areas are configuration: La Pampa names its own Directorates (docs/domain.md § Areas). */
@Injectable()
export class RenameAreaUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly graphs: GraphRepository,
  ) {}

  async rename(command: RenameAreaCommand): Promise<Area> {
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
