import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TICKET_STATUSES, type TicketStatus } from '@cau/contracts';

/** Longest survey token routed (the gateway's Fastify `maxParamLength`); ours are ~400 characters. */
export const SURVEY_TOKEN_MAX_LENGTH = 1_024;

/** The path of the survey endpoints: the token as the closure mail's link carries it. */
export class SurveyTokenParams {
  @IsString()
  @MaxLength(SURVEY_TOKEN_MAX_LENGTH)
  token!: string;
}

/** Optional: the number of the ticket the portal page shows; a token of another ticket is refused. */
export class SurveyLinkQuery {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  number?: number;
}

export class SurveyLinkResponse {
  @ApiProperty({ type: 'integer', minimum: 1 })
  ticketNumber!: number;

  @ApiProperty({ description: 'Título del ticket, para mostrar qué se califica' })
  title!: string;

  @ApiProperty({ enum: TICKET_STATUSES, description: 'La encuesta se responde con el ticket cerrado' })
  status!: TicketStatus;

  @ApiProperty({ description: 'La encuesta ya fue respondida (por enlace o en el portal)' })
  answered!: boolean;

  @ApiProperty({ format: 'date-time', description: 'Hasta cuándo vale el enlace' })
  expiresAt!: string;
}
