import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  AREA_CODE_PATTERN,
  DERIVATION_KINDS,
  Limits,
  PRIORITIES,
  SLA_SCOPES,
  type DerivationKind,
  type Priority,
  type SlaScope,
} from '@cau/contracts';

/** Far beyond any real graph; bounds the work of checking one. */
const MAX_GRAPH_EDGES = 100;
const MAX_GRAPH_AREAS = 100;

export class AreaCodeParams {
  @Matches(AREA_CODE_PATTERN)
  code!: string;
}

export class RenameAreaRequest {
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/)
  @MaxLength(Limits.name)
  name!: string;
}

export class GraphEdgeRequest {
  @IsDefined()
  @Matches(AREA_CODE_PATTERN)
  from!: string;

  @IsDefined()
  @Matches(AREA_CODE_PATTERN)
  to!: string;

  @IsDefined()
  @IsIn(DERIVATION_KINDS)
  kind!: DerivationKind;
}

export class GraphAreaRequest {
  @IsDefined()
  @Matches(AREA_CODE_PATTERN)
  code!: string;

  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/)
  @MaxLength(Limits.name)
  name!: string;
}

/** The whole graph at once, so routing can check it as a whole (every area has a way back to L1). */
export class ReplaceGraphRequest {
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MAX_GRAPH_EDGES)
  @ValidateNested({ each: true })
  @Type(() => GraphEdgeRequest)
  edges!: GraphEdgeRequest[];

  @JSONSchema({
    description: 'Si se da, la lista completa de áreas: se agregan los códigos nuevos y se quitan los ausentes',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GRAPH_AREAS)
  @ValidateNested({ each: true })
  @Type(() => GraphAreaRequest)
  areas?: GraphAreaRequest[];
}

// Documentation of routing's answers, which the gateway passes through unchanged.

export class AreaResponse {
  @ApiProperty({ example: 'UIT' })
  code!: string;

  @ApiProperty({ example: 'Unidad de Infraestructura Tecnológica' })
  name!: string;

  @ApiProperty({ description: 'El área de entrada, donde todo ticket empieza y termina' })
  isEntry!: boolean;
}

class GraphEdgeResponse {
  @ApiProperty()
  from!: string;

  @ApiProperty()
  to!: string;

  @ApiProperty({ enum: DERIVATION_KINDS })
  kind!: DerivationKind;
}

export class EscalationGraphResponse {
  @ApiProperty({ type: [AreaResponse] })
  areas!: AreaResponse[];

  @ApiProperty({ example: 'L1' })
  entryArea!: string;

  @ApiProperty({ type: [GraphEdgeResponse] })
  edges!: GraphEdgeResponse[];
}

class SlaPolicyResponse {
  @ApiProperty({ enum: PRIORITIES })
  priority!: Priority;

  @ApiProperty({ description: 'Minutos hábiles hasta la primera respuesta (tomar o asignar)' })
  responseMinutes!: number;

  @ApiProperty({ description: 'Minutos hábiles hasta la solución' })
  resolutionMinutes!: number;
}

class SlaDueDatesResponse {
  @ApiProperty({ enum: PRIORITIES })
  priority!: Priority;

  @ApiProperty({ format: 'date-time' })
  responseDueAt!: string;

  @ApiProperty({ format: 'date-time' })
  resolutionDueAt!: string;
}

class SlaOverrideDueDatesResponse extends SlaDueDatesResponse {
  @ApiProperty({ enum: SLA_SCOPES })
  scope!: SlaScope;

  @ApiProperty()
  code!: string;
}

class SlaPreviewResponse {
  @ApiProperty({ format: 'date-time', description: 'Ahora, al responder' })
  from!: string;

  @ApiProperty({ type: [SlaDueDatesResponse] })
  dueDates!: SlaDueDatesResponse[];

  @ApiProperty({
    type: [SlaOverrideDueDatesResponse],
    description: 'En el orden de `overrides`; el de una jurisdicción, con su propio calendario',
  })
  overrides!: SlaOverrideDueDatesResponse[];
}

class SlaPolicyOverrideResponse extends SlaPolicyResponse {
  @ApiProperty({
    enum: SLA_SCOPES,
    description: 'jurisdiction: los tickets de esa jurisdicción; service: los de ese servicio',
  })
  scope!: SlaScope;

  @ApiProperty({ description: 'Código de la jurisdicción o del servicio en el catálogo' })
  code!: string;
}

/** Documentation of resolution's answer, which the gateway passes through unchanged. */
export class SlaPoliciesResponse {
  @ApiProperty({ type: [SlaPolicyResponse] })
  policies!: SlaPolicyResponse[];

  @ApiProperty({
    type: [SlaPolicyOverrideResponse],
    description:
      'Tiempos propios de una jurisdicción o de un servicio; un ticket usa los de su servicio, si no los de su jurisdicción, si no los generales',
  })
  overrides!: SlaPolicyOverrideResponse[];

  @ApiProperty({
    type: SlaPreviewResponse,
    required: false,
    description:
      'Solo al consultar: cuándo vencería un ticket registrado ahora con cada prioridad (calendario general, sin esperas)',
  })
  preview?: SlaPreviewResponse;
}
