import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { ActorEnvelopeBase, PRIORITIES, type Priority } from '@cau/contracts';

/**
 * Payloads of `ResolutionQueries.SlaPolicies` and `ReplaceSlaPolicies`. They belong in the contracts
 * library beside the subjects; they live here until the contracts declare them.
 */

const MAX_TARGET_MINUTES = 525_600; // a year of minutes: a larger target is a typing error

export class SlaPolicyV1 {
  @IsDefined()
  @IsIn(PRIORITIES)
  priority!: Priority;

  /** Business minutes to the first response (take or assignment). */
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  responseMinutes!: number;

  /** Business minutes to the solution derived to the supervisor. */
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  resolutionMinutes!: number;
}

export class SlaPoliciesQueryV1 extends ActorEnvelopeBase {}

/** Policies for some or all priorities, each named at most once; priorities not named keep theirs. */
export class ReplaceSlaPoliciesCommandV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PRIORITIES.length)
  @ValidateNested({ each: true })
  @Type(() => SlaPolicyV1)
  policies!: SlaPolicyV1[];
}

/** When a ticket registered at `from` would be due under each policy (the deployment's calendar, no waits). */
export interface SlaPreviewV1 {
  from: string;
  dueDates: Array<{ priority: Priority; responseDueAt: string; resolutionDueAt: string }>;
}

export interface SlaPoliciesV1 {
  policies: SlaPolicyV1[];
  /** Only in the answer to `SlaPolicies` (not to a replacement). */
  preview?: SlaPreviewV1;
}
