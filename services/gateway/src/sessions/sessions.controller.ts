import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { AccountResponse, toAccountResponse } from '../accounts/account.dto.js';
import { Public } from '../auth/access.decorators.js';
import { LoginThrottleGuard } from '../auth/login-throttle.js';
import { TokenRequest } from '../auth/token.dto.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { CsrfGuard } from './csrf.guard.js';
import { PasswordLoginUseCase } from './password-login.use-case.js';
import { SessionService } from './session.service.js';

const COOKIE_NOTE =
  'La cookie es `__Host-cau_session` (Secure) si la solicitud llegó por HTTPS, `cau_session` por HTTP; ' +
  'siempre `HttpOnly; SameSite=Lax; Path=/`.';
const CSRF_NOTE =
  'Requiere la cabecera `X-CAU-Requested-With: portal` y un `Origin` igual al del gateway (o listado en ' +
  '`CORS_ORIGINS`); sin `Origin`, `Sec-Fetch-Site: same-origin`. Si no, 403 CSRF_REFUSED.';

/** Requested-with header, as documented on every endpoint that checks it. */
const RequestedWithHeader = ApiHeader({
  name: 'X-CAU-Requested-With',
  required: true,
  schema: { type: 'string', enum: ['portal'] },
  description: 'Protección CSRF del portal',
});

/** The portal's browser session: login with e-mail and password, the current account, logout. */
@ApiTags('auth')
@Controller('api/v1/auth/session')
export class SessionsController {
  constructor(
    private readonly passwordLogin: PasswordLoginUseCase,
    private readonly sessions: SessionService,
  ) {}

  @Post()
  @HttpCode(200)
  @Public()
  @UseGuards(CsrfGuard, LoginThrottleGuard)
  @ApiOperation({
    summary: 'Inicia una sesión del portal con correo electrónico y contraseña',
    description:
      `Devuelve la cuenta y fija la cookie de sesión (\`Set-Cookie\`). ${COOKIE_NOTE} ${CSRF_NOTE} ` +
      'Comparte el límite de intentos con `POST /auth/token`. Con `LOCAL_LOGIN=false`, 403.',
  })
  @RequestedWithHeader
  @ApiBody({ schema: contractSchemaRef(TokenRequest) })
  @ApiOkResponse({
    type: AccountResponse,
    headers: { 'Set-Cookie': { description: 'La cookie de sesión', schema: { type: 'string' } } },
  })
  @ApiErrors(400, 401, 403, 413, 415, 429)
  async login(
    @Body(new ContractPipe(TokenRequest)) body: TokenRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountResponse> {
    return toAccountResponse(await this.passwordLogin.login(body, request, reply));
  }

  @Get()
  @Public()
  @ApiOperation({
    summary: 'La cuenta de la sesión del portal',
    description: 'Sin sesión válida (vencida, cerrada, o cuenta deshabilitada), 401 y la cookie se borra.',
  })
  @ApiOkResponse({ type: AccountResponse })
  @ApiErrors(401)
  async current(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountResponse> {
    const session = await this.sessions.resolve(request);
    if (!session) {
      this.sessions.clearCookie(request, reply);
      throw new ServiceError({ code: ErrorCode.Unauthorized });
    }
    return toAccountResponse(session.account);
  }

  @Delete()
  @HttpCode(204)
  @Public()
  @UseGuards(CsrfGuard)
  @ApiOperation({
    summary: 'Cierra la sesión del portal',
    description: `Borra la sesión en el servidor (deja de valer en toda instancia) y la cookie. Responde 204 aunque no hubiera sesión. ${CSRF_NOTE}`,
  })
  @RequestedWithHeader
  @ApiNoContentResponse({
    description: 'Sesión cerrada',
    headers: { 'Set-Cookie': { description: 'Borra la cookie de sesión', schema: { type: 'string' } } },
  })
  @ApiErrors(403)
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.close(request, reply);
  }
}
