import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiFoundResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { CsrfGuard } from '../sessions/csrf.guard.js';
import { IdentityConfig } from './oidc-config.js';
import { LoginOptionsResponse, LogoutResponse } from './oidc.dto.js';
import { OidcLoginUseCase } from './oidc-login.use-case.js';
import { OIDC_FAILURES } from './oidc-rules.js';

/** Login through OpenID Connect providers: the options the login page offers, the redirects, logout. */
@ApiTags('auth')
@Controller('api/v1/auth')
export class OidcController {
  constructor(
    private readonly identity: IdentityConfig,
    private readonly logins: OidcLoginUseCase,
  ) {}

  @Get('providers')
  @Public()
  @ApiOperation({ summary: 'Cómo se puede ingresar al portal: con contraseña y con qué proveedores' })
  @ApiOkResponse({ type: LoginOptionsResponse })
  options(): LoginOptionsResponse {
    return {
      localLogin: this.identity.localLogin,
      providers: this.identity.providers.map((provider) => ({ id: provider.id, label: provider.label })),
      selfRegistration: this.identity.selfRegistration.open,
      registrationDomains: this.identity.selfRegistration.open ? [...this.identity.selfRegistration.domains] : [],
    };
  }

  @Get('oidc/:provider/login')
  @Public()
  @ApiOperation({
    summary: 'Empieza el ingreso con un proveedor OpenID Connect',
    description:
      'Redirige (302) al proveedor con código de autorización, PKCE, `state` y `nonce`, y fija la cookie ' +
      '`cau_oidc` (`__Host-cau_oidc` por HTTPS; HttpOnly, SameSite=Lax, 10 minutos) que ata el ingreso a ' +
      'este navegador. `returnTo`: la ruta del portal a la que volver (solo rutas de este sitio).',
  })
  @ApiQuery({ name: 'returnTo', required: false, type: String })
  @ApiFoundResponse({ description: 'Al proveedor' })
  @ApiErrors(404)
  async login(
    @Param('provider') provider: string,
    @Query('returnTo') returnTo: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const location = await this.logins.start(provider, returnTo, request, reply);
    await reply.redirect(location, 302);
  }

  @Get('oidc/:provider/callback')
  @Public()
  @ApiOperation({
    summary: 'El proveedor devuelve el navegador aquí',
    description:
      'Canjea el código, valida el token de identidad y abre la sesión del portal (cookie de sesión), ' +
      'como un ingreso con contraseña: los tokens del proveedor no llegan al navegador. Redirige (302) a ' +
      `\`returnTo\`; si se rechaza, a \`/ingresar?sso=<motivo>\` con motivo ${OIDC_FAILURES.join(', ')}.`,
  })
  @ApiFoundResponse({ description: 'Al portal' })
  @ApiErrors(404)
  async callback(
    @Param('provider') provider: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.logins.callback(provider, request, reply);
    await reply.redirect(outcome.ok ? outcome.location : `/ingresar?sso=${outcome.failure}`, 302);
  }

  @Post('logout')
  @HttpCode(200)
  @Public()
  @UseGuards(CsrfGuard)
  @ApiOperation({
    summary: 'Cierra la sesión del portal y dice cómo cerrar la del proveedor',
    description:
      'Como `DELETE /auth/session`, y si la sesión se abrió con un proveedor que ofrece cierre de sesión, ' +
      'devuelve la URL del proveedor (con `id_token_hint` y vuelta a `/ingresar`). Requiere la cabecera ' +
      '`X-CAU-Requested-With: portal` y el origen del portal.',
  })
  @ApiHeader({ name: 'X-CAU-Requested-With', required: true, schema: { type: 'string', enum: ['portal'] } })
  @ApiOkResponse({ type: LogoutResponse })
  @ApiErrors(403)
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LogoutResponse> {
    return { redirectTo: await this.logins.logout(request, reply) };
  }
}
