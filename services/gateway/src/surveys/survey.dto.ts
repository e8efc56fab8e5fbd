import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Documented, SurveyLinkStatusV1 } from '@cau/contracts';

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

/** What the survey page shows: resolution's status of the ticket, and until when the link is valid. */
export class SurveyLinkResponse extends SurveyLinkStatusV1 {
  @IsString()
  @Documented({ format: 'date-time', description: 'Hasta cuándo vale el enlace' })
  expiresAt!: string;
}
