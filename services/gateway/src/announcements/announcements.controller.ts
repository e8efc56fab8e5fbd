import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import {
  AnnouncementInputV1,
  AnnouncementListV1,
  AnnouncementV1,
  NewAnnouncementInputV1,
  NotificationsRpc,
  ROLES,
  Role,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { NotificationsClient } from '../http/service-clients.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { ManageAnnouncementsUseCase } from './manage-announcements.use-case.js';

export class AnnouncementIdParams {
  @IsUUID()
  id!: string;
}

const ID_PARAM = { name: 'id', schema: { type: 'string' as const, format: 'uuid' } };

/**
 * Announcements (security alerts, planned outages, bulletins): administrators publish them to everyone
 * or to some jurisdictions; everyone signed in reads the ones for them while they are valid.
 */
@ApiTags('announcements')
@Controller('api/v1/announcements')
export class AnnouncementsController {
  constructor(
    private readonly notifications: NotificationsClient,
    private readonly announcements: ManageAnnouncementsUseCase,
  ) {}

  @Get('current')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Los comunicados vigentes para quien consulta',
    description:
      'Los no retirados dentro de su período de vigencia, para todos o para la jurisdicción de la persona (la ' +
      'del referente; la del último ticket de un solicitante). El personal ve también los de cualquier jurisdicción.',
  })
  @ApiOkResponse({ schema: contractSchemaRef(AnnouncementListV1) })
  @ApiErrors(503)
  current(@CurrentActor() actor: ActorV1): Promise<AnnouncementListV1> {
    return this.notifications.request(NotificationsRpc.CurrentAnnouncements, { actor });
  }

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Todos los comunicados no retirados (vigentes, futuros y vencidos)',
    description: 'Del que empieza más tarde al más antiguo, hasta 500.',
  })
  @ApiOkResponse({ schema: contractSchemaRef(AnnouncementListV1) })
  @ApiErrors(503)
  list(@CurrentActor() actor: ActorV1): Promise<AnnouncementListV1> {
    return this.notifications.request(NotificationsRpc.ListAnnouncements, { actor });
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Publica un comunicado',
    description:
      'Con `sendMail`, se envía una vez por correo a los solicitantes de su público (los de las jurisdicciones ' +
      'según su último ticket, o todos), sin esperar al envío. Las jurisdicciones deben ser códigos activos del ' +
      'catálogo; `validUntil`, posterior a `validFrom` (400 con el campo). Queda en la bitácora de auditoría.',
  })
  @ApiBody({ schema: contractSchemaRef(NewAnnouncementInputV1) })
  @ApiCreatedResponse({ schema: contractSchemaRef(AnnouncementV1) })
  @ApiErrors(400, 403, 413, 415, 503)
  create(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(NewAnnouncementInputV1)) body: NewAnnouncementInputV1,
  ): Promise<AnnouncementV1> {
    return this.announcements.create(actor, body);
  }

  @Put(':id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Cambia un comunicado',
    description:
      'Se envía el comunicado completo, con las mismas reglas que al publicarlo; no se vuelve a enviar por correo. ' +
      'Un comunicado retirado no se edita (404).',
  })
  @ApiParam(ID_PARAM)
  @ApiBody({ schema: contractSchemaRef(AnnouncementInputV1) })
  @ApiOkResponse({ schema: contractSchemaRef(AnnouncementV1) })
  @ApiErrors(400, 403, 404, 413, 415, 503)
  update(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(AnnouncementIdParams)) params: AnnouncementIdParams,
    @Body(new ContractPipe(AnnouncementInputV1)) body: AnnouncementInputV1,
  ): Promise<AnnouncementV1> {
    return this.announcements.update(actor, params.id, body);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Retira un comunicado',
    description:
      'Deja de mostrarse en seguida y sale de las listas; nunca se borra: la bitácora de auditoría guarda quién y ' +
      'cuándo. Retirarlo otra vez es un 404.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ schema: contractSchemaRef(AnnouncementV1), description: 'El comunicado retirado' })
  @ApiErrors(400, 403, 404, 503)
  withdraw(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(AnnouncementIdParams)) params: AnnouncementIdParams,
  ): Promise<AnnouncementV1> {
    return this.announcements.withdraw(actor, params.id);
  }
}
