import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorEnvelopeBase, ActorV1 } from '../../common.js';
import { PRIORITIES, type Priority } from '../../enums.js';
import { Limits } from '../../limits.js';
import { NotBlank } from '../../not-blank.js';

/** A year of minutes: a larger target is a typing error. */
export const MAX_SLA_TARGET_MINUTES = 525_600;

/** What a policy override applies to: the tickets of one jurisdiction, or about one service offered. */
export const SLA_SCOPES = ['jurisdiction', 'service'] as const;
export type SlaScope = (typeof SLA_SCOPES)[number];

/** More overrides than this is a sign of a runaway script, not of an office's agreements. */
export const MAX_SLA_OVERRIDES = 300;

/** Maximum response and resolution times of one priority, in business minutes (docs/domain.md § Service levels). */
export class SlaPolicyV1 {
  @IsDefined()
  @IsIn(PRIORITIES)
  priority!: Priority;

  /** Business minutes to the first response (take or assignment). */
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_SLA_TARGET_MINUTES)
  responseMinutes!: number;

  /** Business minutes to the solution derived to the supervisor. */
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_SLA_TARGET_MINUTES)
  resolutionMinutes!: number;
}

/**
 * Targets that replace the general ones of a priority for one jurisdiction or one service (an agreement
 * with a ministry, a critical system). A ticket about a service with its own targets follows them; else its
 * jurisdiction's; else the general policy of its priority.
 */
export class SlaPolicyOverrideV1 extends SlaPolicyV1 {
  @IsDefined()
  @IsIn(SLA_SCOPES)
  scope!: SlaScope;

  /** The jurisdiction's or the service's catalogue code. */
  @IsDefined()
  @IsString()
  @NotBlank()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/)
  @MaxLength(Limits.category)
  code!: string;
}

/**
 * `PUT /api/v1/sla/policies`: policies for some or all priorities, each named at most once (priorities not
 * named keep theirs); `overrides`, when given, is the whole new set of overrides.
 */
export class SlaPolicySetV1 {
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PRIORITIES.length)
  @ArrayUnique((policy: SlaPolicyV1) => policy.priority)
  @ValidateNested({ each: true })
  @Type(() => SlaPolicyV1)
  policies!: SlaPolicyV1[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SLA_OVERRIDES)
  @ArrayUnique((override: SlaPolicyOverrideV1) => `${override.scope}\u0000${override.code}\u0000${override.priority}`)
  @ValidateNested({ each: true })
  @Type(() => SlaPolicyOverrideV1)
  overrides?: SlaPolicyOverrideV1[];
}

/** `ResolutionRpc.ReplaceSlaPolicies`: administrators only. */
export class ReplaceSlaPoliciesCommandV1 extends SlaPolicySetV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

export class SlaPoliciesQueryV1 extends ActorEnvelopeBase {}

export interface SlaDueDatesPreviewV1 {
  priority: Priority;
  responseDueAt: string;
  resolutionDueAt: string;
}

/** When a ticket registered at `from` would be due under each policy and override (no waits). */
export interface SlaPreviewV1 {
  from: string;
  /** On the deployment's calendar. */
  dueDates: SlaDueDatesPreviewV1[];
  /** In the order of `overrides`; a jurisdiction's on its own calendar. */
  overrides: Array<SlaDueDatesPreviewV1 & { scope: SlaScope; code: string }>;
}

export interface SlaPoliciesV1 {
  policies: SlaPolicyV1[];
  overrides: SlaPolicyOverrideV1[];
  /** Only in the answer to `SlaPolicies` (not to a replacement). */
  preview?: SlaPreviewV1;
}
