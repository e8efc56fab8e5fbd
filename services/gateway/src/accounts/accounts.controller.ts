import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ROLES, Role, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { AccountIdParams, AccountResponse, CreateAccountRequest, UpdateAccountRequest } from './account.dto.js';
import { CreateAccountUseCase } from './create-account.use-case.js';
import { GetOwnAccountUseCase } from './get-own-account.use-case.js';
import { UpdateAccountUseCase } from './update-account.use-case.js';

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class AccountsController {
  constructor(
    private readonly createAccount: CreateAccountUseCase,
    private readonly getOwnAccount: GetOwnAccountUseCase,
    private readonly updateAccount: UpdateAccountUseCase,
  ) {}

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Crea una cuenta',
    description: '`jurisdiction` es obligatoria para `referente`; `area` lo es para `agent`.',
  })
  @ApiBody({ schema: contractSchemaRef(CreateAccountRequest) })
  @ApiCreatedResponse({ type: AccountResponse })
  @ApiErrors(400, 409, 413, 415)
  create(@Body(new ContractPipe(CreateAccountRequest)) request: CreateAccountRequest): Promise<AccountResponse> {
    return this.createAccount.create(request);
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'La cuenta del token' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiErrors(404)
  me(@CurrentActor() actor: ActorV1): Promise<AccountResponse> {
    return this.getOwnAccount.get(actor);
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
}
