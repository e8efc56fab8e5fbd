import { Injectable } from '@nestjs/common';
import type { ActorEnvelopeBase, PriorityMatrixV1, ReplacePriorityMatrixCommandV1 } from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { mayEditPriorityMatrix, mustBeStaff } from '../access/access-policy.js';
import { cellsOf, matrixFromCells } from './priority-matrix.js';
import { PriorityMatrixRepository } from './priority-matrix.repository.js';

@Injectable()
export class GetPriorityMatrixUseCase {
  constructor(private readonly matrices: PriorityMatrixRepository) {}

  /** Read fresh, not from the cache: an administrator expects to see an edit at once. */
  async get(command: ActorEnvelopeBase): Promise<PriorityMatrixV1> {
    const decision = mustBeStaff(command.actor);
    if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
    return { cells: cellsOf(await this.matrices.load()) };
  }
}

/**
 * Replaces the whole matrix. Tickets already routed keep their priority (it was right when they came in);
 * a reclassification after the edit uses the new matrix.
 */
@Injectable()
export class ReplacePriorityMatrixUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly matrices: PriorityMatrixRepository,
  ) {}

  async replace(command: ReplacePriorityMatrixCommandV1): Promise<PriorityMatrixV1> {
    const decision = mayEditPriorityMatrix(command.actor);
    if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
    const edited = matrixFromCells(command.cells);
    if ('problems' in edited) throw ServiceError.validation(edited.problems);
    const stored = await this.runtime.transaction(async (tx) => {
      await this.matrices.lockForEdit(tx);
      await this.matrices.save(edited.matrix, tx);
      await this.matrices.recordEdit(tx, command.actor.accountId, new Date());
      return this.matrices.load(tx);
    });
    this.matrices.invalidate();
    return { cells: cellsOf(stored) };
  }
}
