import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags, type SchemaObject } from '@nestjs/swagger';
import {
  MAIL_KINDS,
  MAIL_LANGUAGES,
  MailTemplateBodyV1,
  PreviewTemplateBodyV1,
  Role,
  TemplateKeyV1,
  type ActorV1,
  type MailKindListV1,
  type MailPreviewV1,
  type MailTemplateV1,
  type TemplateVersionListV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { ManageMailTemplatesUseCase } from './manage-mail-templates.use-case.js';

const NULLABLE_STRING: SchemaObject = { type: 'string', nullable: true };
const TEMPLATE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['subject', 'text', 'html'],
  properties: { subject: { type: 'string' }, text: { type: 'string' }, html: { type: 'string' } },
};
const PLACEHOLDER_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['name', 'description'],
  properties: {
    name: { type: 'string', example: 'title' },
    description: {
      type: 'object',
      properties: Object.fromEntries(MAIL_LANGUAGES.map((language) => [language, { type: 'string' }])),
    },
  },
};
const VERSION_INFO: Record<string, SchemaObject> = {
  version: { type: 'integer', minimum: 0, description: '0: nunca se editó' },
  source: { type: 'string', enum: ['built-in', 'override'] },
  updatedBy: { ...NULLABLE_STRING, description: 'Correo de quien guardó la versión vigente' },
  updatedAt: { ...NULLABLE_STRING, format: 'date-time' },
};
const MAIL_TEMPLATE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['kind', 'language', 'version', 'source', 'updatedBy', 'updatedAt', 'template', 'placeholders'],
  properties: {
    kind: { type: 'string', enum: [...MAIL_KINDS] },
    language: { type: 'string', enum: [...MAIL_LANGUAGES] },
    ...VERSION_INFO,
    template: { ...TEMPLATE_SCHEMA, description: 'La plantilla vigente: la del administrador o la incorporada' },
    placeholders: { type: 'array', items: PLACEHOLDER_SCHEMA },
  },
};
const KIND_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['kinds'],
  properties: {
    kinds: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'eventType', 'recipient', 'placeholders', 'languages'],
        properties: {
          kind: { type: 'string', enum: [...MAIL_KINDS] },
          eventType: { type: 'string', example: 'ticket.closed' },
          recipient: { type: 'string', example: 'requester' },
          placeholders: { type: 'array', items: PLACEHOLDER_SCHEMA },
          languages: {
            type: 'object',
            properties: Object.fromEntries(
              MAIL_LANGUAGES.map((language) => [language, { type: 'object', properties: VERSION_INFO }]),
            ),
          },
        },
      },
    },
  },
};
const VERSIONS_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['versions'],
  properties: {
    versions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version', 'template', 'createdBy', 'createdAt'],
        properties: {
          version: { type: 'integer', minimum: 1 },
          template: { ...TEMPLATE_SCHEMA, nullable: true, description: 'null: volvió a la plantilla incorporada' },
          createdBy: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};
const PREVIEW_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['source', 'subject', 'text', 'html'],
  properties: {
    source: { type: 'string', enum: ['built-in', 'override', 'draft'] },
    subject: { type: 'string' },
    text: { type: 'string' },
    html: { type: 'string' },
  },
};

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
  constructor(private readonly templates: ManageMailTemplatesUseCase) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Lista los tipos de correo, sus variables y la versión vigente en cada idioma',
  })
  @ApiOkResponse({ schema: KIND_LIST_SCHEMA })
  @ApiErrors(503)
  list(@CurrentActor() actor: ActorV1): Promise<MailKindListV1> {
    return this.templates.list(actor);
  }

  @Get(':kind/:language')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'La plantilla vigente de un tipo de correo en un idioma' })
  @ApiTemplateKey()
  @ApiOkResponse({ schema: MAIL_TEMPLATE_SCHEMA })
  @ApiErrors(400, 503)
  get(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TemplateKeyV1)) key: TemplateKeyV1,
  ): Promise<MailTemplateV1> {
    return this.templates.get(actor, key);
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
  @ApiOkResponse({ schema: MAIL_TEMPLATE_SCHEMA, description: 'La plantilla guardada, ya vigente' })
  @ApiErrors(400, 413, 415, 503)
  put(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TemplateKeyV1)) key: TemplateKeyV1,
    @Body(new ContractPipe(MailTemplateBodyV1)) body: MailTemplateBodyV1,
  ): Promise<MailTemplateV1> {
    return this.templates.put(actor, key, body);
  }

  @Delete(':kind/:language')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Vuelve a la plantilla incorporada',
    description: 'Queda registrado como una versión más; si ya rige la incorporada, no cambia nada.',
  })
  @ApiTemplateKey()
  @ApiOkResponse({ schema: MAIL_TEMPLATE_SCHEMA })
  @ApiErrors(400, 503)
  reset(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TemplateKeyV1)) key: TemplateKeyV1,
  ): Promise<MailTemplateV1> {
    return this.templates.reset(actor, key);
  }

  @Get(':kind/:language/versions')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Todas las versiones, de la más reciente a la más antigua (quién y cuándo)' })
  @ApiTemplateKey()
  @ApiOkResponse({ schema: VERSIONS_SCHEMA })
  @ApiErrors(400, 503)
  versions(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TemplateKeyV1)) key: TemplateKeyV1,
  ): Promise<TemplateVersionListV1> {
    return this.templates.versions(actor, key);
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
  @ApiOkResponse({ schema: PREVIEW_SCHEMA })
  @ApiErrors(400, 404, 413, 415, 503)
  preview(
    @CurrentActor() actor: ActorV1,
    @Param(new ContractPipe(TemplateKeyV1)) key: TemplateKeyV1,
    @Body(new ContractPipe(PreviewTemplateBodyV1)) body: PreviewTemplateBodyV1,
  ): Promise<MailPreviewV1> {
    return this.templates.preview(actor, key, body);
  }
}
