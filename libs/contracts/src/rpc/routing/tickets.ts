import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { DERIVATION_KINDS, type DerivationKind } from '../../procedures/commands.js';
import { ActingAccountV1, LocalizedTextV1 } from '../../reply-parts.js';
import { Documented } from '../../reply-schema.js';

/**
 * Routing's answer to `Locate`. `sequence` is routing's per-ticket event sequence at the time of the
 * answer: a service correcting its copy of the area from this answer records it as the position of
 * routing's events, so an older routing event arriving later cannot move the ticket back.
 */
export interface LocatedTicketV1 {
  ticketId: string;
  number: number;
  area: string;
  priority: 'ALTA' | 'MEDIA' | 'BAJA';
  sequence: number;
}

/** One step of a ticket's path: its initial routing, then every derivation (who, when, why). */
export class PathStepV1 {
  /** NULL for the initial routing, which is not a derivation. */
  @IsUUID()
  @Documented({ nullable: true, description: 'null en el enrutamiento inicial' })
  derivationId!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'null en el enrutamiento inicial' })
  from!: string | null;

  @IsString()
  to!: string;

  @IsIn([...DERIVATION_KINDS, 'routed'])
  kind!: DerivationKind | 'routed';

  @IsString()
  reason!: string;

  /** NULL for the initial routing: routing does it automatically at registration. */
  @ValidateNested()
  @Type(() => ActingAccountV1)
  @Documented({ nullable: true, description: 'null en el enrutamiento inicial, que es automático' })
  by!: ActingAccountV1 | null;

  @IsString()
  @Documented({ format: 'date-time' })
  at!: string;
}

export class TicketPathV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  number!: number;

  /** Where the ticket is now. */
  @IsString()
  @Documented({ description: 'Dónde está el ticket ahora' })
  area!: string;

  @ValidateNested({ each: true })
  @Type(() => PathStepV1)
  @Documented({ description: 'El enrutamiento inicial y cada derivación, en orden' })
  steps!: PathStepV1[];
}

export type SuggestionRuleV1 = 'security-incident' | 'handled-by-uit' | 'service-availability' | 'functional-design';

export class AreaSuggestionV1 {
  @IsString()
  @Documented({ example: 'UIT' })
  area!: string;

  @ValidateNested()
  @Type(() => LocalizedTextV1)
  reason!: LocalizedTextV1;

  @IsString()
  @Documented({ description: 'La regla del procedimiento que llevó a la sugerencia', example: 'security-incident' })
  rule!: SuggestionRuleV1;
}

/** The suggestion, or `null` when L1 handles the ticket itself (docs/domain.md, procedure 9.1 step 5). */
export class SuggestedAreaV1 {
  @ValidateNested()
  @Type(() => AreaSuggestionV1)
  @Documented({
    nullable: true,
    description: 'Área a la que conviene derivar y por qué (procedimiento 9.1, pasos 3–4); null si no hay sugerencia',
  })
  suggestion!: AreaSuggestionV1 | null;
}
