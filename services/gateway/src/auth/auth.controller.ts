import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { Public } from './access.decorators.js';
import { IssueTokenUseCase } from './issue-token.use-case.js';
import { LoginThrottleGuard } from './login-throttle.js';
import { TokenRequest, TokenResponse } from './token.dto.js';
import type { AccessToken } from './token.service.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly issueToken: IssueTokenUseCase) {}

  @Post('token')
  @HttpCode(200)
  @Public()
  @UseGuards(LoginThrottleGuard)
  @ApiOperation({ summary: 'Obtiene un token de acceso con correo electrónico y contraseña' })
  @ApiBody({ schema: contractSchemaRef(TokenRequest) })
  @ApiOkResponse({ type: TokenResponse })
  @ApiErrors(400, 401, 413, 415, 429)
  token(@Body(new ContractPipe(TokenRequest)) request: TokenRequest): Promise<AccessToken> {
    return this.issueToken.issue(request);
  }
}
