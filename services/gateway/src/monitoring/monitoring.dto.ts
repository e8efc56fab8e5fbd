import { IsDefined, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { SchemaObject } from '@nestjs/swagger';
import { ALERT_SOURCE_KINDS, PRIORITIES } from '@cau/contracts';

export class IntegrationIdParams {
  @IsDefined()
  @IsUUID()
  id!: string;
}

/** `GET /monitoring/alerts` query string. */
export class RecentAlertsFilters {
  @IsOptional()
  @IsUUID()
  integrationId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

const STRING: SchemaObject = { type: 'string' };
const NULLABLE_STRING: SchemaObject = { type: 'string', nullable: true };
const DATE: SchemaObject = { type: 'string', format: 'date-time' };

/** AlertIntegrationV1 of the contracts, documented by hand: it is an interface. */
export const INTEGRATION_SCHEMA: SchemaObject = {
  type: 'object',
  required: [
    'id',
    'name',
    'kind',
    'enabled',
    'jurisdiction',
    'category',
    'contactEmail',
    'contactName',
    'defaultArea',
    'areaRules',
    'severityPriorities',
    'noteIntervalMinutes',
    'secretRotatedAt',
    'createdAt',
    'updatedAt',
    'webhookPath',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: STRING,
    kind: { type: 'string', enum: [...ALERT_SOURCE_KINDS] },
    enabled: { type: 'boolean', description: 'false: el webhook responde 404 y no se registra nada' },
    jurisdiction: { ...STRING, description: 'Jurisdicción de los tickets que abre' },
    category: { ...STRING, description: 'Categoría del catálogo de sus tickets' },
    contactEmail: { ...STRING, format: 'email', description: 'Solicitante de los tickets (el equipo de monitoreo)' },
    contactName: STRING,
    defaultArea: { ...STRING, description: 'Área de una alerta que ninguna regla asigna' },
    areaRules: {
      type: 'array',
      description: 'La primera regla que coincide decide el área',
      items: {
        type: 'object',
        required: ['match', 'value', 'area'],
        properties: {
          match: { type: 'string', enum: ['label', 'hostGroup'] },
          key: { ...STRING, description: 'Nombre de la etiqueta (match = label)' },
          value: STRING,
          area: STRING,
        },
      },
    },
    severityPriorities: {
      type: 'array',
      description: 'Severidad → prioridad; sin regla, los valores por omisión de la herramienta',
      items: {
        type: 'object',
        required: ['severity', 'priority'],
        properties: { severity: STRING, priority: { type: 'string', enum: [...PRIORITIES] } },
      },
    },
    noteIntervalMinutes: {
      type: 'integer',
      minimum: 1,
      description: 'Minutos mínimos entre dos notas de repetición de la misma alerta en el ticket',
    },
    secretRotatedAt: DATE,
    createdAt: DATE,
    updatedAt: DATE,
    webhookPath: {
      ...STRING,
      description: 'Ruta del webhook a configurar en Alertmanager o Zabbix (anteponer la URL pública del CAU)',
    },
  },
};

export const INTEGRATION_SECRET_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['integration', 'secret'],
  properties: {
    integration: INTEGRATION_SCHEMA,
    secret: { ...STRING, description: 'El secreto del webhook: se muestra solo esta vez (se guarda su hash)' },
  },
};

export const ALERT_RECORD_SCHEMA: SchemaObject = {
  type: 'object',
  required: [
    'id',
    'integrationId',
    'integrationName',
    'kind',
    'alertKey',
    'name',
    'severity',
    'priority',
    'area',
    'labels',
    'status',
    'firingCount',
    'firstSeenAt',
    'lastSeenAt',
    'resolvedAt',
    'ticketId',
    'ticketNumber',
    'finishedAt',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    integrationId: { type: 'string', format: 'uuid' },
    integrationName: STRING,
    kind: { type: 'string', enum: [...ALERT_SOURCE_KINDS] },
    alertKey: { ...STRING, description: 'Huella (fingerprint) de Alertmanager o `trigger:<id>` de Zabbix' },
    name: STRING,
    severity: NULLABLE_STRING,
    priority: { type: 'string', enum: [...PRIORITIES] },
    area: STRING,
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    status: { type: 'string', enum: ['firing', 'resolved'] },
    firingCount: { type: 'integer', minimum: 1, description: 'Veces que se disparó mientras el ticket estuvo abierto' },
    firstSeenAt: DATE,
    lastSeenAt: DATE,
    resolvedAt: { ...DATE, nullable: true },
    ticketId: { type: 'string', format: 'uuid' },
    ticketNumber: { type: 'integer', minimum: 1 },
    finishedAt: {
      ...DATE,
      nullable: true,
      description: 'Cuándo se cerró o fusionó el ticket: el siguiente disparo abre otro',
    },
  },
};

export const ALERT_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['alerts'],
  properties: { alerts: { type: 'array', items: ALERT_RECORD_SCHEMA } },
};
