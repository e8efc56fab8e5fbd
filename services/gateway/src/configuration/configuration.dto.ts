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
import { AREA_CODE_PATTERN, DERIVATION_KINDS, Limits, type DerivationKind } from '@cau/contracts';

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
