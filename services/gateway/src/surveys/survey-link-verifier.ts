import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { errors, jwtVerify } from 'jose';
import { ErrorCode, SURVEY_LINK_AUDIENCE, SURVEY_LINK_ISSUER, SurveyLinkRefV1, validateContract } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { GatewayConfig } from '../config/gateway-config.js';

/** What a valid survey token grants: answering the survey of one ticket, as its requester, until `expiresAt`. */
export interface VerifiedSurveyLink {
  link: SurveyLinkRefV1;
  expiresAt: string;
}

/** A compact JWS is three base64url parts; anything longer than this is not one of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{10,400}\.[A-Za-z0-9_-]{10,1000}\.[A-Za-z0-9_-]{43}$/;

export const invalidSurveyLink = (): ServiceError => new ServiceError({ code: ErrorCode.SurveyLinkInvalid });

/**
 * Verifies the survey tokens notifications puts in closure mails (HS256, `SURVEY_LINK_SECRET`): a
 * forged, malformed or foreign token is SURVEY_LINK_INVALID (400), an expired one SURVEY_LINK_EXPIRED
 * (410). Whether it names this ticket and its requester is checked by resolution, which has both.
 */
@Injectable()
export class SurveyLinkVerifier {
  private readonly key: KeyObject;

  constructor(config: GatewayConfig) {
    this.key = createSecretKey(config.surveyLinkSecret);
  }

  async verify(token: string): Promise<VerifiedSurveyLink> {
    if (!TOKEN_SHAPE.test(token)) throw invalidSurveyLink();
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: SURVEY_LINK_ISSUER,
        audience: SURVEY_LINK_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'num', 'req'],
      }));
    } catch (error) {
      // jose checks the signature before the claims, so only a genuine token can be reported as expired.
      if (error instanceof errors.JWTExpired) {
        const exp = error.payload.exp;
        throw new ServiceError({
          code: ErrorCode.SurveyLinkExpired,
          params: typeof exp === 'number' ? { expiresAt: new Date(exp * 1000).toISOString() } : {},
        });
      }
      throw invalidSurveyLink();
    }
    const link = validateContract(SurveyLinkRefV1, {
      ticketId: claims.sub,
      number: claims.num,
      requesterDigest: claims.req,
    });
    if (!link.ok) throw invalidSurveyLink();
    return { link: link.value, expiresAt: new Date((claims.exp as number) * 1000).toISOString() };
  }
}
