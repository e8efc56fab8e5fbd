import { createHmac } from 'node:crypto';
import { SURVEY_LINK_AUDIENCE, SURVEY_LINK_ISSUER, requesterDigest, type SurveyLinkClaimsV1 } from '@cau/contracts';

export interface SurveyLinkSettings {
  /** HS256 key shared with the gateway (`SURVEY_LINK_SECRET`). */
  secret: string;
  /** How long a link is valid after the closure (`SURVEY_LINK_TTL_SECONDS`, default 30 days). */
  ttlSeconds: number;
}

export interface SurveyLinkFacts {
  ticketId: string;
  number: number;
  requesterEmail: string;
  /** The `ticket.closed` event the mail is for: its id is the token's id, its time the start of validity. */
  eventId: string;
  closedAt: string;
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * The survey token of a closure mail: a compact HS256 JWT (RFC 7519) the gateway verifies with `jose`.
 * Signed here with node:crypto because mails are rendered synchronously. Every claim comes from the
 * event, so a mail rendered again for the same event carries the same token.
 */
export function signSurveyLink(settings: SurveyLinkSettings, facts: SurveyLinkFacts): string {
  const iat = Math.floor(Date.parse(facts.closedAt) / 1000);
  const claims: SurveyLinkClaimsV1 & { iss: string; aud: string; iat: number; exp: number } = {
    iss: SURVEY_LINK_ISSUER,
    aud: SURVEY_LINK_AUDIENCE,
    sub: facts.ticketId,
    num: facts.number,
    req: requesterDigest(facts.requesterEmail),
    jti: facts.eventId,
    iat,
    exp: iat + settings.ttlSeconds,
  };
  const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  const signature = createHmac('sha256', settings.secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/** The page of the portal where the survey is answered without signing in. */
export function surveyLinkUrl(portalUrl: string, number: number, token: string): string {
  return `${portalUrl}/tickets/${number}/encuesta?token=${encodeURIComponent(token)}`;
}
