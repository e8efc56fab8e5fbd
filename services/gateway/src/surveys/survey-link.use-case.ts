import { Injectable } from '@nestjs/common';
import { ResolutionRpc, type SurveyBodyV1 } from '@cau/contracts';
import { ResolutionClient } from '../http/service-clients.js';
import { invalidSurveyLink, SurveyLinkVerifier, type VerifiedSurveyLink } from './survey-link-verifier.js';
import type { SurveyLinkResponse } from './survey.dto.js';

/**
 * The survey page reached from the closure mail, without a session: the token is the requester's
 * credential for this one survey. Resolution checks it names the ticket and its requester, records the
 * answer once (a second answer is a conflict) and attributes it to the requester.
 */
@Injectable()
export class SurveyLinkUseCase {
  constructor(
    private readonly verifier: SurveyLinkVerifier,
    private readonly resolution: ResolutionClient,
  ) {}

  async status(token: string, number?: number): Promise<SurveyLinkResponse> {
    const verified = await this.verified(token, number);
    const status = await this.resolution.request(ResolutionRpc.SurveyLinkStatus, { link: verified.link });
    return { ...status, expiresAt: verified.expiresAt };
  }

  async answer(token: string, body: SurveyBodyV1, number?: number): Promise<SurveyLinkResponse> {
    const verified = await this.verified(token, number);
    const status = await this.resolution.request(ResolutionRpc.SurveyLinkAnswer, { link: verified.link, body }, 'body');
    return { ...status, expiresAt: verified.expiresAt };
  }

  /** The page at /tickets/<n>/encuesta may say which ticket it shows: a link of another ticket is refused. */
  private async verified(token: string, number: number | undefined): Promise<VerifiedSurveyLink> {
    const verified = await this.verifier.verify(token);
    if (number !== undefined && number !== verified.link.number) throw invalidSurveyLink();
    return verified;
  }
}
