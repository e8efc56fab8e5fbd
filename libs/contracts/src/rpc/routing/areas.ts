import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ActorEnvelopeBase } from '../../common.js';
import { AREA_CODE_PATTERN } from '../../enums.js';
import { DERIVATION_KINDS, type DerivationKind } from '../../procedures/commands.js';
import { Limits } from '../../limits.js';
import { Documented } from '../../reply-schema.js';

/** Routing's areas and escalation graph: what administrators configure and everyone else reads. */

/** Names are trimmed before they are checked, so a name of spaces only is refused as empty. */
const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

const MAX_AREAS = 100;
const MAX_EDGES = 1_000;

export class RenameAreaCommandV1 extends ActorEnvelopeBase {
  @IsDefined()
  @Matches(AREA_CODE_PATTERN)
  code!: string;

  @IsDefined()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(Limits.name)
  name!: string;
}

export class GraphEdgeInputV1 {
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

export class GraphAreaInputV1 {
  @IsDefined()
  @Matches(AREA_CODE_PATTERN)
  code!: string;

  @IsDefined()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(Limits.name)
  name!: string;
}

export class ReplaceGraphCommandV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MAX_EDGES)
  @ValidateNested({ each: true })
  @Type(() => GraphEdgeInputV1)
  edges!: GraphEdgeInputV1[];

  /** When given, the complete list of areas: new codes are added, absent ones removed. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_AREAS)
  @ValidateNested({ each: true })
  @Type(() => GraphAreaInputV1)
  areas?: GraphAreaInputV1[];
}

export class AreaV1 {
  @Matches(AREA_CODE_PATTERN)
  @Documented({ example: 'UIT' })
  code!: string;

  @IsString()
  @Documented({ example: 'Unidad de Infraestructura Tecnológica' })
  name!: string;

  @IsBoolean()
  @Documented({ description: 'El área de entrada, donde todo ticket empieza y termina' })
  isEntry!: boolean;
}

export class DerivationEdgeV1 {
  @Matches(AREA_CODE_PATTERN)
  from!: string;

  @Matches(AREA_CODE_PATTERN)
  to!: string;

  @IsIn(DERIVATION_KINDS)
  kind!: DerivationKind;
}

/** The graph as configured: its areas with their names, the entry area and the allowed derivations. */
export class ConfiguredGraphV1 {
  @ValidateNested({ each: true })
  @Type(() => AreaV1)
  areas!: AreaV1[];

  @Matches(AREA_CODE_PATTERN)
  @Documented({ example: 'L1' })
  entryArea!: string;

  @ValidateNested({ each: true })
  @Type(() => DerivationEdgeV1)
  edges!: DerivationEdgeV1[];
}
