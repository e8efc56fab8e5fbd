import { Injectable } from '@nestjs/common';
import { CheckCredentials } from './check-credentials.js';
import { TokenService, type AccessToken } from './token.service.js';
import type { TokenRequest } from './token.dto.js';

/** Exchanges e-mail and password for an access token. */
@Injectable()
export class IssueTokenUseCase {
  constructor(
    private readonly credentials: CheckCredentials,
    private readonly tokens: TokenService,
  ) {}

  async issue(request: TokenRequest): Promise<AccessToken> {
    return this.tokens.issue(await this.credentials.check(request));
  }
}
