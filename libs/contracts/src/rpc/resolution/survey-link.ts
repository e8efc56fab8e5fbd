import { createHash } from 'node:crypto';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { TICKET_STATUSES, type TicketStatus } from '../../enums.js';
import { SurveyBodyV1 } from '../../procedures/commands.js';
import { Documented } from '../../reply-schema.js';

/**
 * The satisfaction survey by link (no session): the closure mail carries a token signed by
 * notifications with `SURVEY_LINK_SECRET` (HS256 JWT), which the gateway verifies with the same secret.
 * The token names the ticket and a digest of its requester's address (never the address: links end up
 * in logs), and expires. It is single-use because resolution records one survey per ticket.
 */
export const SURVEY_LINK_AUDIENCE = 'cau:survey';
export const SURVEY_LINK_ISSUER = 'cau:notifications';

/** The claims of a survey token (besides `aud`, `iss`, `iat`, `exp`). */
export interface SurveyLinkClaimsV1 {
  /** The ticket's id. */
  sub: string;
  /** The ticket's number. */
  num: number;
  /** `requesterDigest` of the address the ticket was registered for. */
  req: string;
  /** The `ticket.closed` event the link was sent for. */
  jti: string;
}

const DIGEST = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 (base64url) of the address as tickets store it: trimmed, lower case. */
export function requesterDigest(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
}

/** What a verified token says; the gateway sends it to resolution, which checks it against its ticket. */
export class SurveyLinkRefV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  number!: number;

  @Matches(DIGEST)
  requesterDigest!: string;
}

/** `ResolutionRpc.SurveyLinkStatus`. */
export class SurveyLinkQueryV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyLinkRefV1)
  link!: SurveyLinkRefV1;
}

/** `ResolutionRpc.SurveyLinkAnswer`: the requester's answer, attributed to the ticket's requester. */
export class SurveyLinkAnswerCommandV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyLinkRefV1)
  link!: SurveyLinkRefV1;

  @IsObject()
  @ValidateNested()
  @Type(() => SurveyBodyV1)
  body!: SurveyBodyV1;
}

/** What the survey page shows of the ticket being rated. */
export class SurveyLinkStatusV1 {
  @IsInt()
  @Min(1)
  ticketNumber!: number;

  @IsString()
  @Documented({ description: 'Título del ticket, para mostrar qué se califica' })
  title!: string;

  @IsIn(TICKET_STATUSES)
  @Documented({ description: 'La encuesta se responde con el ticket cerrado' })
  status!: TicketStatus;

  @IsBoolean()
  @Documented({ description: 'La encuesta ya fue respondida (por enlace o en el portal)' })
  answered!: boolean;
}
