import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ActorEnvelopeBase, ActorV1 } from '../../common.js';
import { AREA_CODE_PATTERN } from '../../enums.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';
import { REPORT_SCOPE_DOC, ReportPeriodV1, ReportScopeV1 } from './reports.js';

/**
 * Times per step of the field procedure (docs/domain.md § Field service: MX-PR15 "Atención a Usuarios y
 * Soporte Técnico", activities 01–10; issue 15 "Times per step"). Which events start and end each step: docs/indicators.md.
 */
/**
 * MX-PR15's activities, and `08b`, the repair away from the office (after the F03 of activity 08, before
 * the signatures of 09), which MX-PR15 leaves untimed. Never renumber: stored targets and times use them.
 */
export const FIELD_STEPS = ['01', '02', '03', '04', '05', '06', '07', '08', '08b', '09', '10'] as const;
export type FieldStep = (typeof FIELD_STEPS)[number];

/** MX-PR15's times in minutes (23 h in all; docs/domain.md § Field service); `08b` has none until an administrator sets one. */
export const DEFAULT_STEP_TARGETS: Readonly<Record<FieldStep, number | null>> = {
  '01': 10,
  '02': 180,
  '03': 180,
  '04': 10,
  '05': 720,
  '06': 10,
  '07': 240,
  '08': 10,
  '08b': null,
  '09': 10,
  '10': 10,
};

/**
 * Steps CAU records as one instant (the report raised, the report to Soporte Técnico, the explanation on
 * arrival): listed with their target, never measured.
 */
export const UNMEASURED_STEPS: readonly FieldStep[] = ['01', '04', '06'];

export const StepTimesLimits = {
  /** A target of at most 60 days. */
  maxTargetMinutes: 60 * 24 * 60,
  /** Ticket numbers listed per step, slowest first. */
  worst: 5,
} as const;

/** Query string of `GET /api/v1/reports/step-times`: a period and optional filters. */
export class StepTimesParamsV1 extends ReportPeriodV1 {
  /** Only tickets now in this area (for a closed ticket, the area that closed it). */
  @IsOptional()
  @Matches(AREA_CODE_PATTERN)
  area?: string;

  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  jurisdiction?: string;
}

export class StepTimesQueryV1 extends StepTimesParamsV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

const STEP_DOC = {
  description: 'Actividad del procedimiento «Atención a Usuarios y Soporte Técnico»; 08b: reparación fuera del sitio',
};

export class SlowTicketV1 {
  @IsInt()
  @Documented({ description: 'Número del ticket' })
  number!: number;

  @IsNumber()
  @Documented({ description: 'Minutos hábiles de la actividad' })
  minutes!: number;
}

export class StepTimeRowV1 {
  @IsIn(FIELD_STEPS)
  @Documented(STEP_DOC)
  step!: FieldStep;

  /** False for the steps CAU records as an instant: no figures, only the target. */
  @IsBoolean()
  @Documented({ description: 'false: CAU la registra como un instante; solo se muestra la meta' })
  measured!: boolean;

  /** Minutes; null when no target is set. */
  @IsInt()
  @Documented({ nullable: true, description: 'Meta en minutos; null si no tiene' })
  targetMinutes!: number | null;

  /** Tickets whose step ended in the period. */
  @IsInt()
  @Documented({ description: 'Tickets cuya actividad terminó en el período' })
  count!: number;

  /** Business minutes, one decimal; null when nothing was measured. */
  @IsNumber()
  @Documented({ nullable: true, description: 'Mediana en minutos hábiles' })
  medianMinutes!: number | null;

  @IsNumber()
  @Documented({ nullable: true, description: 'Percentil 90 en minutos hábiles' })
  p90Minutes!: number | null;

  /** Tickets over the target (null without a target). */
  @IsInt()
  @Documented({ nullable: true, description: 'Tickets por encima de la meta; null sin meta' })
  overTarget!: number | null;

  /** The slowest tickets, slowest first (at most `StepTimesLimits.worst`). */
  @ValidateNested({ each: true })
  @Type(() => SlowTicketV1)
  @Documented({ description: 'Los más lentos, del más lento al menos (hasta 5)' })
  worst!: SlowTicketV1[];
}

export class StepTimesReportV1 {
  @IsString()
  @Documented({ format: 'date' })
  from!: string;

  @IsString()
  @Documented({ format: 'date' })
  to!: string;

  @ValidateNested()
  @Type(() => ReportScopeV1)
  @Documented(REPORT_SCOPE_DOC)
  scope!: ReportScopeV1 | null;

  @IsString()
  @Documented({ nullable: true, description: 'El filtro de área pedido' })
  area!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'El filtro de jurisdicción pedido' })
  jurisdiction!: string | null;

  @ValidateNested({ each: true })
  @Type(() => StepTimeRowV1)
  @Documented({ description: 'Una fila por actividad, en el orden del procedimiento' })
  steps!: StepTimeRowV1[];
}

export class StepTargetInputV1 {
  @IsIn(FIELD_STEPS)
  step!: FieldStep;

  /** Minutes; null leaves the step without a target. */
  @ValidateIf((_target: StepTargetInputV1, value: unknown) => value !== null)
  @IsInt()
  @Min(1)
  @Max(StepTimesLimits.maxTargetMinutes)
  minutes!: number | null;
}

/** Body of `PUT /api/v1/reports/step-targets`: any of the steps, each at most once; the others keep theirs. */
export class StepTargetsInputV1 {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(FIELD_STEPS.length)
  @ValidateNested({ each: true })
  @Type(() => StepTargetInputV1)
  targets!: StepTargetInputV1[];
}

export class StepTargetsQueryV1 extends ActorEnvelopeBase {}

export class ReplaceStepTargetsV1 extends ActorEnvelopeBase {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(FIELD_STEPS.length)
  @ValidateNested({ each: true })
  @Type(() => StepTargetInputV1)
  targets!: StepTargetInputV1[];
}

export class StepTargetV1 {
  @IsIn(FIELD_STEPS)
  @Documented(STEP_DOC)
  step!: FieldStep;

  @IsInt()
  @Documented({ nullable: true, description: 'Meta vigente en minutos; null si no tiene' })
  minutes!: number | null;

  /** MX-PR15's time for the step. */
  @IsInt()
  @Documented({ nullable: true, description: 'El tiempo que fija el procedimiento' })
  defaultMinutes!: number | null;

  @IsBoolean()
  @Documented({ description: 'false: la actividad no se mide (un instante en CAU)' })
  measured!: boolean;
}

/** Who changed the targets last. */
export class StepTargetsEditorV1 {
  @IsUUID()
  accountId!: string;

  @IsString()
  name!: string;
}

export class StepTargetsV1 {
  @ValidateNested({ each: true })
  @Type(() => StepTargetV1)
  targets!: StepTargetV1[];

  @IsString()
  @Documented({ nullable: true, format: 'date-time', description: 'Último cambio' })
  updatedAt!: string | null;

  @ValidateNested()
  @Type(() => StepTargetsEditorV1)
  @Documented({ nullable: true, description: 'Quién hizo el último cambio' })
  updatedBy!: StepTargetsEditorV1 | null;
}
