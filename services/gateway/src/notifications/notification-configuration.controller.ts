import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AreaMailboxesV1,
  NotificationRuleListV1,
  NotificationRulesV1,
  NotificationsRpc,
  Role,
  STAFF_ROLES,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { NotificationsClient } from '../http/service-clients.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { ReplaceNotificationConfigurationUseCase } from './replace-notification-configuration.use-case.js';

@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationConfigurationController {
  constructor(
    private readonly notifications: NotificationsClient,
    private readonly configuration: ReplaceNotificationConfigurationUseCase,
  ) {}

  @Get('rules')
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'A quién se avisa por correo de cada suceso de un ticket',
    description:
      'Todas las combinaciones para las que hay un correo, con su estado; las que no tienen regla no avisan.',
  })
  @ApiOkResponse({ schema: contractSchemaRef(NotificationRuleListV1) })
  @ApiErrors(503)
  rules(@CurrentActor() actor: ActorV1): Promise<NotificationRuleListV1> {
    return this.notifications.request(NotificationsRpc.ListRules, { actor });
  }

  @Put('rules')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Reemplaza las reglas de aviso por correo',
    description:
      'Se envían todas las reglas que deben existir; una combinación que falta no avisa a nadie. Rige desde el ' +
      'siguiente suceso.',
  })
  @ApiBody({ schema: contractSchemaRef(NotificationRulesV1) })
  @ApiOkResponse({ schema: contractSchemaRef(NotificationRuleListV1), description: 'Las reglas vigentes' })
  @ApiErrors(400, 413, 415, 503)
  replaceRules(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(NotificationRulesV1)) body: NotificationRulesV1,
  ): Promise<NotificationRuleListV1> {
    return this.configuration.replaceRules(actor, body);
  }

  @Get('area-mailboxes')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'El buzón de correo de cada área (derivaciones, y los avisos a la mesa para L1)' })
  @ApiOkResponse({ schema: contractSchemaRef(AreaMailboxesV1) })
  @ApiErrors(503)
  mailboxes(@CurrentActor() actor: ActorV1): Promise<AreaMailboxesV1> {
    return this.notifications.request(NotificationsRpc.ListAreaMailboxes, { actor });
  }

  @Put('area-mailboxes')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Reemplaza los buzones de las áreas',
    description: 'Un área que no figura queda sin buzón: sus derivaciones no se avisan por correo.',
  })
  @ApiBody({ schema: contractSchemaRef(AreaMailboxesV1) })
  @ApiOkResponse({ schema: contractSchemaRef(AreaMailboxesV1), description: 'Los buzones vigentes' })
  @ApiErrors(400, 413, 415, 503)
  replaceMailboxes(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(AreaMailboxesV1)) body: AreaMailboxesV1,
  ): Promise<AreaMailboxesV1> {
    return this.configuration.replaceMailboxes(actor, body);
  }
}
