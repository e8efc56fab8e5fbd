import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsObject, ValidateNested } from 'class-validator';
import { ActorV1 } from './common.js';
import { NotBlank } from './not-blank.js';
import { IMPACTS, PRIORITIES, URGENCIES, type Impact, type Priority, type Urgency } from './enums.js';

/** One cell of routing's priority matrix: a ticket of this impact and urgency gets this priority. */
export class PriorityMatrixCellV1 {
  @IsDefined()
  @IsIn(IMPACTS)
  impact!: Impact;

  @IsDefined()
  @IsIn(URGENCIES)
  urgency!: Urgency;

  @IsDefined()
  @IsIn(PRIORITIES)
  priority!: Priority;
}

/** Every impact × urgency pair once: a half-filled matrix would give tickets no priority. */
export const PRIORITY_MATRIX_CELLS = IMPACTS.length * URGENCIES.length;

/** The HTTP body of an edit, and the answer: the whole matrix. */
export class PriorityMatrixV1 {
  @IsDefined()
  @IsArray()
  @ArrayMinSize(PRIORITY_MATRIX_CELLS)
  @ArrayMaxSize(PRIORITY_MATRIX_CELLS)
  @ValidateNested({ each: true })
  @Type(() => PriorityMatrixCellV1)
  cells!: PriorityMatrixCellV1[];
}

/** `RoutingRpc.ReplacePriorityMatrix`: administrators only; tickets already routed keep their priority. */
export class ReplacePriorityMatrixCommandV1 extends PriorityMatrixV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}
