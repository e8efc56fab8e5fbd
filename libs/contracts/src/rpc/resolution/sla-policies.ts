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
import { Documented } from '../../reply-schema.js';

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
  @Documented({ description: 'Minutos hábiles hasta la primera respuesta (tomar o asignar)' })
  responseMinutes!: number;

  /** Business minutes to the solution derived to the supervisor. */
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(MAX_SLA_TARGET_MINUTES)
  @Documented({ description: 'Minutos hábiles hasta la solución' })
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
  @Documented({ description: 'jurisdiction: los tickets de esa jurisdicción; service: los de ese servicio' })
  scope!: SlaScope;

  /** The jurisdiction's or the service's catalogue code. */
  @IsDefined()
  @IsString()
  @NotBlank()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/)
  @MaxLength(Limits.category)
  @Documented({ description: 'Código de la jurisdicción o del servicio en el catálogo' })
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

export class SlaDueDatesPreviewV1 {
  @IsIn(PRIORITIES)
  priority!: Priority;

  @IsString()
  @Documented({ format: 'date-time' })
  responseDueAt!: string;

  @IsString()
  @Documented({ format: 'date-time' })
  resolutionDueAt!: string;
}

/** An override's due dates: whose they are beside them. */
export class SlaOverrideDueDatesPreviewV1 extends SlaDueDatesPreviewV1 {
  @IsIn(SLA_SCOPES)
  scope!: SlaScope;

  @IsString()
  code!: string;
}

/** When a ticket registered at `from` would be due under each policy and override (no waits). */
export class SlaPreviewV1 {
  @IsString()
  @Documented({ format: 'date-time', description: 'Ahora, al responder' })
  from!: string;

  /** On the deployment's calendar. */
  @ValidateNested({ each: true })
  @Type(() => SlaDueDatesPreviewV1)
  dueDates!: SlaDueDatesPreviewV1[];

  /** In the order of `overrides`; a jurisdiction's on its own calendar. */
  @ValidateNested({ each: true })
  @Type(() => SlaOverrideDueDatesPreviewV1)
  @Documented({ description: 'En el orden de `overrides`; el de una jurisdicción, con su propio calendario' })
  overrides!: SlaOverrideDueDatesPreviewV1[];
}

export class SlaPoliciesV1 {
  @ValidateNested({ each: true })
  @Type(() => SlaPolicyV1)
  policies!: SlaPolicyV1[];

  @ValidateNested({ each: true })
  @Type(() => SlaPolicyOverrideV1)
  @Documented({
    description:
      'Tiempos propios de una jurisdicción o de un servicio; un ticket usa los de su servicio, si no los de su jurisdicción, si no los generales',
  })
  overrides!: SlaPolicyOverrideV1[];

  /** Only in the answer to `SlaPolicies` (not to a replacement). */
  @IsOptional()
  @ValidateNested()
  @Type(() => SlaPreviewV1)
  @Documented({
    description:
      'Solo al consultar: cuándo vencería un ticket registrado ahora con cada prioridad (calendario general, sin esperas)',
  })
  preview?: SlaPreviewV1;
}
