import { ApiProperty } from '@nestjs/swagger';
import {
  FIELD_STEPS,
  StepTimesLimits,
  type FieldStep,
  type StepTargetsInputV1,
  type SlowTicketV1,
  type StepTargetV1,
  type StepTargetsV1,
  type StepTimeRowV1,
  type StepTimesReportV1,
} from '@cau/contracts';
import { ReportScopeResponse, SCOPE } from './report.dto.js';

// The OpenAPI shape of the times per step (docs/indicators.md "Times per step"); each class implements the
// contract's interface, so a field added there and not here does not compile.

const STEP = {
  enum: FIELD_STEPS,
  description: 'Actividad del procedimiento «Atención a Usuarios y Soporte Técnico»; 08b: reparación fuera del sitio',
};

export class SlowTicketResponse implements SlowTicketV1 {
  @ApiProperty({ type: 'integer', description: 'Número del ticket' })
  number!: number;

  @ApiProperty({ type: 'number', description: 'Minutos hábiles de la actividad' })
  minutes!: number;
}

export class StepTimeRowResponse implements StepTimeRowV1 {
  @ApiProperty(STEP)
  step!: FieldStep;

  @ApiProperty({ description: 'false: CAU la registra como un instante; solo se muestra la meta' })
  measured!: boolean;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Meta en minutos; null si no tiene' })
  targetMinutes!: number | null;

  @ApiProperty({ type: 'integer', description: 'Tickets cuya actividad terminó en el período' })
  count!: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'Mediana en minutos hábiles' })
  medianMinutes!: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'Percentil 90 en minutos hábiles' })
  p90Minutes!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Tickets por encima de la meta; null sin meta' })
  overTarget!: number | null;

  @ApiProperty({ type: [SlowTicketResponse], description: 'Los más lentos, del más lento al menos (hasta 5)' })
  worst!: SlowTicketResponse[];
}

export class StepTimesReportResponse implements StepTimesReportV1 {
  @ApiProperty({ format: 'date' })
  from!: string;

  @ApiProperty({ format: 'date' })
  to!: string;

  @ApiProperty(SCOPE)
  scope!: ReportScopeResponse | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'El filtro de área pedido' })
  area!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'El filtro de jurisdicción pedido' })
  jurisdiction!: string | null;

  @ApiProperty({ type: [StepTimeRowResponse], description: 'Una fila por actividad, en el orden del procedimiento' })
  steps!: StepTimeRowResponse[];
}

export class StepTargetResponse implements StepTargetV1 {
  @ApiProperty(STEP)
  step!: FieldStep;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Meta vigente en minutos; null si no tiene' })
  minutes!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'El tiempo que fija el procedimiento' })
  defaultMinutes!: number | null;

  @ApiProperty({ description: 'false: la actividad no se mide (un instante en CAU)' })
  measured!: boolean;
}

export class StepTargetsEditorResponse {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty()
  name!: string;
}

export class StepTargetsResponse implements StepTargetsV1 {
  @ApiProperty({ type: [StepTargetResponse] })
  targets!: StepTargetResponse[];

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Último cambio' })
  updatedAt!: string | null;

  @ApiProperty({ type: StepTargetsEditorResponse, nullable: true, description: 'Quién hizo el último cambio' })
  updatedBy!: StepTargetsEditorResponse | null;
}

// The body of PUT step-targets, for the documentation only (ContractPipe checks it against StepTargetsInputV1):
// its rules cannot say that `minutes` may be null, which clears a target.
export class StepTargetInputBody {
  @ApiProperty(STEP)
  step!: FieldStep;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: StepTimesLimits.maxTargetMinutes,
    description: 'Minutos hábiles; null deja la actividad sin meta',
  })
  minutes!: number | null;
}

export class StepTargetsInputBody implements StepTargetsInputV1 {
  @ApiProperty({
    type: [StepTargetInputBody],
    minItems: 1,
    maxItems: FIELD_STEPS.length,
    description: 'Las actividades a cambiar, cada una una vez',
  })
  targets!: StepTargetInputBody[];
}
