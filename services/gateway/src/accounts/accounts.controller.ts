import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, Role, type ActorV1 } from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { AccountResponse, CreateAccountRequest } from './account.dto.js';
import { CreateAccountUseCase } from './create-account.use-case.js';
import { GetOwnAccountUseCase } from './get-own-account.use-case.js';

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class AccountsController {
  constructor(
    private readonly createAccount: CreateAccountUseCase,
    private readonly getOwnAccount: GetOwnAccountUseCase,
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
}
