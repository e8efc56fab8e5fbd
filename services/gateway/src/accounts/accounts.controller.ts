import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ROLES, Role, STAFF_ROLES, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { PasswordChangeThrottleGuard } from '../auth/login-throttle.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import { PasswordResetUseCase } from '../password-reset/password-reset.use-case.js';
import { AccountSearchParams, AccountSummaryPageResponse } from './account-search.dto.js';
import {
  AccountIdParams,
  AccountResponse,
  ChangePasswordRequest,
  CreateAccountRequest,
  UpdateAccountRequest,
  UpdateOwnAccountRequest,
} from './account.dto.js';
import { CreateAccountUseCase } from './create-account.use-case.js';
import { GetOwnAccountUseCase } from './get-own-account.use-case.js';
import { ManageOwnAccountUseCase } from './manage-own-account.use-case.js';
import { SearchAccountsUseCase } from './search-accounts.use-case.js';
import { UpdateAccountUseCase } from './update-account.use-case.js';

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class AccountsController {
  constructor(
    private readonly createAccount: CreateAccountUseCase,
    private readonly getOwnAccount: GetOwnAccountUseCase,
    private readonly updateAccount: UpdateAccountUseCase,
    private readonly ownAccount: ManageOwnAccountUseCase,
    private readonly searchAccounts: SearchAccountsUseCase,
    private readonly passwordReset: PasswordResetUseCase,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Busca cuentas por nombre o correo (selector de personas)',
    description:
      '`search`: palabras; cada una debe ser el comienzo de una palabra del nombre o del correo, sin importar ' +
      'mayúsculas ni tildes («jose per» encuentra a «José Pérez», «jose.perez@…»). Sin `search`, todas. ' +
      'Ordenadas por nombre, de a `limit` (20 por omisión, hasta 100), con `cursor` (el `nextCursor` de la ' +
      'página anterior). El personal busca cuentas del personal (operador, agente, supervisor, administrador); ' +
      'solo un administrador busca también solicitantes y referentes (403 si otro pide esos roles). ' +
      '`active`: `true` o `false`.',
  })
  @ApiQueryFromContract(AccountSearchParams)
  @ApiOkResponse({ type: AccountSummaryPageResponse })
  @ApiErrors(400)
  search(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(AccountSearchParams, ['limit'])) params: AccountSearchParams,
  ): Promise<AccountSummaryPageResponse> {
    return this.searchAccounts.search(actor, params);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Crea una cuenta',
    description: '`jurisdiction` es obligatoria para `referente`; `area` lo es para `agent`.',
  })
  @ApiBody({ schema: contractSchemaRef(CreateAccountRequest) })
  @ApiCreatedResponse({ type: AccountResponse })
  @ApiErrors(400, 409, 413, 415)
  create(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(CreateAccountRequest)) request: CreateAccountRequest,
  ): Promise<AccountResponse> {
    return this.createAccount.create(actor, request);
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'La cuenta del token o de la sesión' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiErrors(404)
  me(@CurrentActor() actor: ActorV1): Promise<AccountResponse> {
    return this.getOwnAccount.get(actor);
  }

  @Patch('me')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Guarda el idioma del portal de la propia cuenta',
    description: 'El portal lo usa en cada sesión; `GET /accounts/me` y `/auth/session` lo devuelven.',
  })
  @ApiBody({ schema: contractSchemaRef(UpdateOwnAccountRequest) })
  @ApiOkResponse({ type: AccountResponse })
  @ApiErrors(400, 404, 413, 415)
  updateMe(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(UpdateOwnAccountRequest)) request: UpdateOwnAccountRequest,
  ): Promise<AccountResponse> {
    return this.ownAccount.update(actor, request);
  }

  @Put('me/password')
  @HttpCode(204)
  @Roles(...ROLES)
  @UseGuards(PasswordChangeThrottleGuard)
  @ApiOperation({
    summary: 'Cambia la contraseña de la propia cuenta',
    description:
      'Requiere la contraseña actual (si no coincide, 400 con el campo `currentPassword`). La nueva sigue ' +
      'las reglas de las cuentas (10 a 200 caracteres, no de las más usadas). Cierra las demás sesiones del portal de la cuenta; ' +
      'la sesión que hizo el cambio sigue abierta. Los tokens ya emitidos valen hasta vencer. Cada intento ' +
      'cuenta en el límite de inicios de sesión de esa dirección y ese correo.',
  })
  @ApiBody({ schema: contractSchemaRef(ChangePasswordRequest) })
  @ApiNoContentResponse({ description: 'Contraseña cambiada' })
  @ApiErrors(400, 404, 413, 415, 429)
  async changePassword(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(ChangePasswordRequest)) request: ChangePasswordRequest,
    @Req() http: FastifyRequest,
  ): Promise<void> {
    await this.ownAccount.changePassword(actor, request, http.sessionTokenHash ?? null);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Habilita o deshabilita una cuenta, o cambia su rol',
    description:
      'Los campos omitidos no cambian. Los tokens ya emitidos para la cuenta dejan de valer si queda ' +
      'deshabilitada o cambia su rol, jurisdicción o área (en cada instancia del gateway, en a lo sumo ' +
      '`AUTH_ACCOUNT_CACHE_SECONDS`). Nadie puede deshabilitar ni cambiar el rol de su propia cuenta.',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({ schema: contractSchemaRef(UpdateAccountRequest) })
  @ApiOkResponse({ type: AccountResponse })
  @ApiErrors(400, 404, 413, 415)
  update(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(AccountIdParams)) { id }: AccountIdParams,
    @Body(new ContractPipe(UpdateAccountRequest)) request: UpdateAccountRequest,
  ): Promise<AccountResponse> {
    return this.updateAccount.update(actor, id, request);
  }

  @Post(':id/password-reset')
  @HttpCode(202)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Envía a la cuenta un enlace para elegir una contraseña nueva',
    description:
      'El mismo correo que pide la persona en «¿Olvidaste tu contraseña?»: un enlace que vale una hora y ' +
      'una sola vez. La contraseña actual sigue valiendo hasta que se use. Queda en la auditoría. Una ' +
      'cuenta deshabilitada no recibe enlaces (409).',
  })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiAcceptedResponse({ description: 'Enlace enviado' })
  @ApiErrors(400, 404, 409)
  async sendPasswordReset(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(AccountIdParams)) { id }: AccountIdParams,
  ): Promise<void> {
    await this.passwordReset.requestByAdmin(actor, id);
  }
}
