import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { ActorEnvelopeBase, AREA_CODE_PATTERN, DERIVATION_KINDS, Limits, type DerivationKind } from '@cau/contracts';

/*
 * Payloads of the area and graph subjects. The contracts declare only the subjects (RoutingCommands);
 * these classes live here until they move to libs/contracts beside the other procedure commands.
 */

/** Names are trimmed before they are checked, so a name of spaces only is refused as empty. */
const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

const MAX_AREAS = 100;
const MAX_EDGES = 1_000;

/** ListAreas and GetGraph: nothing beyond who asks. */
export class ActorOnlyCommand extends ActorEnvelopeBase {}

export class RenameAreaCommand extends ActorEnvelopeBase {
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

export class GraphEdgeInput {
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

export class GraphAreaInput {
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

export class ReplaceGraphCommand extends ActorEnvelopeBase {
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MAX_EDGES)
  @ValidateNested({ each: true })
  @Type(() => GraphEdgeInput)
  edges!: GraphEdgeInput[];

  /** When given, the complete list of areas: new codes are added, absent ones removed. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_AREAS)
  @ValidateNested({ each: true })
  @Type(() => GraphAreaInput)
  areas?: GraphAreaInput[];
}
