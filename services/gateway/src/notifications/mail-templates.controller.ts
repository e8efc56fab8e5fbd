import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  MAIL_KINDS,
  MAIL_LANGUAGES,
  MailKindListV1,
  MailPreviewV1,
  MailTemplateBodyV1,
  MailTemplateV1,
  NotificationsRpc,
  PreviewTemplateBodyV1,
  Role,
  TemplateKeyV1,
  TemplateVersionListV1,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { NotificationsClient } from '../http/service-clients.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { ChangeMailTemplatesUseCase } from './change-mail-templates.use-case.js';

const ApiTemplateKey = (): MethodDecorator =>
  applyDecorators(
    ApiParam({ name: 'kind', schema: { type: 'string', enum: [...MAIL_KINDS] } }),
    ApiParam({ name: 'language', schema: { type: 'string', enum: [...MAIL_LANGUAGES] } }),
  );

/**
 * The text of each mail, per kind and language: administrators replace it with a Mustache template,
 * preview it, see its versions and go back to the built-in text.
 */
@ApiTags('notifications')
@Controller('api/v1/notifications/templates')
export class MailTemplatesController {
  constructor(
    private readonly notifications: NotificationsClient,
    private readonly changes: ChangeMailTemplatesUseCase,
  ) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Lista los tipos de correo, sus variables y la versión vigente en cada idioma',
  })
  @ApiOkResponse({ schema: contractSchemaRef(MailKindListV1) })
  @ApiErrors(503)
  list(@CurrentActor() actor: ActorV1): Promise<MailKindListV1> {
    return this.notifications.request(NotificationsRpc.ListTemplates, { actor });
  }

  @Get(':kind/:language')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'La plantilla vigente de un tipo de correo en un idioma' })
  @ApiTemplateKey()
  @ApiOkResponse({ schema: contractSchemaRef(MailTemplateV1) })
  @ApiErrors(400, 503)
  get(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TemplateKeyV1)) key: TemplateKeyV1,
  ): Promise<MailTemplateV1> {
    return this.notifications.request(NotificationsRpc.GetTemplate, { actor, ...key });
  }

  @Put(':kind/:language')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Guarda una nueva versión de la plantilla; el próximo correo de ese tipo e idioma la usa',
    description:
      'Mustache: `{{variable}}` (escapada en `html`), `{{#variable}}…{{/variable}}` solo si no está vacía, ' +
      '`{{! comentario }}`. El asunto debe empezar con `[CAU #{{number}}]`. Se rechazan variables que el ' +
      'correo no tiene, etiquetas sin cerrar, parciales y salida sin escapar en `html` (400 con el campo).',
  })
  @ApiTemplateKey()
  @ApiBody({ schema: contractSchemaRef(MailTemplateBodyV1) })
  @ApiOkResponse({ schema: contractSchemaRef(MailTemplateV1), description: 'La plantilla guardada, ya vigente' })
  @ApiErrors(400, 413, 415, 503)
  put(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TemplateKeyV1)) key: TemplateKeyV1,
    @Body(new ContractPipe(MailTemplateBodyV1)) body: MailTemplateBodyV1,
  ): Promise<MailTemplateV1> {
    return this.changes.put(actor, key, body);
  }

  @Delete(':kind/:language')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Vuelve a la plantilla incorporada',
    description: 'Queda registrado como una versión más; si ya rige la incorporada, no cambia nada.',
  })
  @ApiTemplateKey()
  @ApiOkResponse({ schema: contractSchemaRef(MailTemplateV1) })
  @ApiErrors(400, 503)
  reset(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TemplateKeyV1)) key: TemplateKeyV1,
  ): Promise<MailTemplateV1> {
    return this.changes.reset(actor, key);
  }

  @Get(':kind/:language/versions')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Todas las versiones, de la más reciente a la más antigua (quién y cuándo)' })
  @ApiTemplateKey()
  @ApiOkResponse({ schema: contractSchemaRef(TemplateVersionListV1) })
  @ApiErrors(400, 503)
  versions(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TemplateKeyV1)) key: TemplateKeyV1,
  ): Promise<TemplateVersionListV1> {
    return this.notifications.request(NotificationsRpc.ListTemplateVersions, { actor, ...key });
  }

  @Post(':kind/:language/preview')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Muestra cómo queda el correo, sin enviarlo',
    description:
      'Con `template`, un borrador; sin él, la plantilla vigente. Con `ticketNumber`, los datos guardados de ' +
      'ese ticket (lo que el ticket no guarda, como una solución o un motivo, es de ejemplo); sin él, datos ' +
      'de ejemplo. El cuerpo puede ser `{}`.',
  })
  @ApiTemplateKey()
  @ApiBody({ schema: contractSchemaRef(PreviewTemplateBodyV1) })
  @ApiOkResponse({ schema: contractSchemaRef(MailPreviewV1) })
  @ApiErrors(400, 404, 413, 415, 503)
  preview(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TemplateKeyV1)) key: TemplateKeyV1,
    @Body(new ContractPipe(PreviewTemplateBodyV1)) body: PreviewTemplateBodyV1,
  ): Promise<MailPreviewV1> {
    return this.notifications.request(NotificationsRpc.PreviewTemplate, {
      actor,
      ...key,
      ...(body.ticketNumber === undefined ? {} : { ticketNumber: body.ticketNumber }),
      ...(body.template === undefined ? {} : { template: body.template }),
    });
  }
}
