import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { PasswordResetConfirmRequest, PasswordResetRequest } from '../password-reset/password-reset.dto.js';
import { PasswordResetUseCase } from '../password-reset/password-reset.use-case.js';
import {
  RegistrationRequest,
  RegistrationVerifiedResponse,
  RegistrationVerifyRequest,
} from '../registration/registration.dto.js';
import { RegistrationOpenGuard } from '../registration/registration-open.guard.js';
import { REGISTRATION_TTL_SECONDS, RegistrationUseCase } from '../registration/registration.use-case.js';
import { Public } from './access.decorators.js';
import { IssueTokenUseCase } from './issue-token.use-case.js';
import { LoginThrottleGuard } from './login-throttle.js';
import { TokenRequest, TokenResponse } from './token.dto.js';
import type { AccessToken } from './token.service.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly issueToken: IssueTokenUseCase,
    private readonly passwordReset: PasswordResetUseCase,
    private readonly registration: RegistrationUseCase,
  ) {}

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

  @Post('password-reset')
  @HttpCode(202)
  @Public()
  @UseGuards(LoginThrottleGuard)
  @ApiOperation({
    summary: 'Pide un enlace por correo para elegir una contraseña nueva',
    description:
      'Responde siempre 202, igual e inmediatamente, exista o no una cuenta con ese correo. Si existe y está ' +
      'habilitada, se le envía el enlace `${PORTAL_URL}/restablecer?token=…`, que vale una hora y una sola ' +
      'vez. Cuenta en el límite de inicios de sesión de esa dirección y ese correo.',
  })
  @ApiBody({ schema: contractSchemaRef(PasswordResetRequest) })
  @ApiAcceptedResponse({ description: 'Pedido recibido' })
  @ApiErrors(400, 413, 415, 429)
  requestReset(@Body(new ContractPipe(PasswordResetRequest)) request: PasswordResetRequest): void {
    this.passwordReset.requestByEmail(request.email);
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @Public()
  @UseGuards(LoginThrottleGuard)
  @ApiOperation({
    summary: 'Elige una contraseña nueva con el enlace recibido por correo',
    description:
      'La contraseña sigue las reglas de las cuentas (10 a 200 caracteres, no de las más usadas). El enlace queda usado (y los ' +
      'demás enlaces abiertos de la cuenta también) y se cierran las sesiones del portal de la cuenta. Un ' +
      'enlace usado, vencido, de una cuenta deshabilitada o alterado: 400 con el campo `token`.',
  })
  @ApiBody({ schema: contractSchemaRef(PasswordResetConfirmRequest) })
  @ApiNoContentResponse({ description: 'Contraseña cambiada' })
  @ApiErrors(400, 413, 415, 429)
  confirmReset(
    @Body(new ContractPipe(PasswordResetConfirmRequest)) request: PasswordResetConfirmRequest,
  ): Promise<void> {
    return this.passwordReset.confirm(request.token, request.password);
  }

  @Post('registrations')
  @HttpCode(202)
  @Public()
  @UseGuards(RegistrationOpenGuard, LoginThrottleGuard)
  @ApiOperation({
    summary: 'Una persona pide su propia cuenta de solicitante',
    description:
      'Solo si la instalación lo permite (SELF_REGISTRATION; si no, 404 REGISTRATION_CLOSED) y, con ' +
      'SELF_REGISTRATION_DOMAINS, para direcciones de esos dominios (si no, 400 con el campo `email`). La ' +
      'contraseña sigue las reglas de las cuentas. Responde siempre 202, igual e inmediatamente, exista o ' +
      'no una cuenta con ese correo: si no existe, se envía el enlace `${PORTAL_URL}/verificar-correo?token=…`, ' +
      `que vale ${REGISTRATION_TTL_SECONDS / 3600} horas y una sola vez y crea la cuenta; si existe, un aviso ` +
      'con el enlace para restablecer la contraseña. Cuenta en el límite de inicios de sesión.',
  })
  @ApiBody({ schema: contractSchemaRef(RegistrationRequest) })
  @ApiAcceptedResponse({ description: 'Pedido recibido: revise su correo' })
  @ApiErrors(400, 404, 413, 415, 429)
  register(
    @Body(new ContractPipe(RegistrationRequest)) request: RegistrationRequest,
    @Req() origin: FastifyRequest,
  ): void {
    this.registration.request(request, origin);
  }

  @Post('registrations/verify')
  @HttpCode(201)
  @Public()
  @UseGuards(RegistrationOpenGuard, LoginThrottleGuard)
  @ApiOperation({
    summary: 'Confirma el correo con el enlace recibido y crea la cuenta de solicitante',
    description:
      'Crea la cuenta (rol solicitante) con el nombre y la contraseña del registro; después se ingresa ' +
      'con ellos. Un enlace usado, vencido o alterado: 400 con el campo `token`; una dirección que ya tiene ' +
      'cuenta: 409. Con el registro cerrado: 404 REGISTRATION_CLOSED.',
  })
  @ApiBody({ schema: contractSchemaRef(RegistrationVerifyRequest) })
  @ApiCreatedResponse({ type: RegistrationVerifiedResponse })
  @ApiErrors(400, 404, 409, 413, 415, 429)
  async verifyRegistration(
    @Body(new ContractPipe(RegistrationVerifyRequest)) request: RegistrationVerifyRequest,
    @Req() origin: FastifyRequest,
  ): Promise<RegistrationVerifiedResponse> {
    return { email: await this.registration.verify(request.token, origin) };
  }
}
