import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { ActorEnvelopeBase } from '../../common.js';
import { AREA_CODE_PATTERN, PRIORITIES, type Priority } from '../../enums.js';
import { Limits } from '../../limits.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';

export const ALERT_SOURCE_KINDS = ['alertmanager', 'zabbix'] as const;
export type AlertSourceKind = (typeof ALERT_SOURCE_KINDS)[number];

/** Zabbix's trigger severities, as its media-type macro {EVENT.SEVERITY} writes them. */
export const ZABBIX_SEVERITIES = ['Not classified', 'Information', 'Warning', 'Average', 'High', 'Disaster'] as const;

/** Severity (lower-case) → priority, used when an integration does not say otherwise. */
export const DEFAULT_SEVERITY_PRIORITIES: Record<AlertSourceKind, Record<string, Priority>> = {
  alertmanager: { critical: 'ALTA', error: 'ALTA', page: 'ALTA', warning: 'MEDIA', info: 'BAJA', none: 'BAJA' },
  zabbix: {
    disaster: 'ALTA',
    high: 'ALTA',
    average: 'MEDIA',
    warning: 'MEDIA',
    information: 'BAJA',
    'not classified': 'BAJA',
  },
};
/** The priority of a severity no rule names (and of an alert without severity). */
export const DEFAULT_ALERT_PRIORITY: Priority = 'MEDIA';
/** Minutes between two timeline notes of the same alert firing again (an alert storm must not flood it). */
export const DEFAULT_ALERT_NOTE_INTERVAL_MINUTES = 30;
export const MAX_ALERT_RULES = 50;

export const ALERT_MATCH_KINDS = ['label', 'hostGroup'] as const;
export type AlertMatchKind = (typeof ALERT_MATCH_KINDS)[number];

/** Alerts whose label `key` equals `value` (Alertmanager), or whose host is in group `value` (Zabbix), go to `area`. */
export class AlertAreaRuleV1 {
  @IsDefined()
  @IsIn(ALERT_MATCH_KINDS)
  match!: AlertMatchKind;

  /** The label's name (`match: label`); ignored for host groups. */
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  @Documented({ description: 'Nombre de la etiqueta (match = label)' })
  key?: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.name)
  value!: string;

  @IsDefined()
  @IsString()
  @Matches(AREA_CODE_PATTERN)
  area!: string;
}

export class AlertSeverityPriorityV1 {
  /** Compared without case: `critical`, `warning`, `Disaster`, `High`… */
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  severity!: string;

  @IsDefined()
  @IsIn(PRIORITIES)
  priority!: Priority;
}

/** What an administrator sets on an integration. */
export class AlertIntegrationBodyV1 {
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.name)
  name!: string;

  @IsDefined()
  @IsIn(ALERT_SOURCE_KINDS)
  kind!: AlertSourceKind;

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  /** Jurisdiction of the tickets it opens (the CAU's own, usually). */
  @IsDefined()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/)
  @MaxLength(Limits.jurisdictionCode)
  jurisdiction!: string;

  /** Catalogue category of its tickets. */
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.category)
  category!: string;

  /** The team that owns the monitoring: the tickets' requester (receives their mails). */
  @IsDefined()
  @IsEmail()
  @MaxLength(Limits.email)
  contactEmail!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.name)
  contactName!: string;

  /** Area of an alert no rule matches. */
  @IsDefined()
  @IsString()
  @Matches(AREA_CODE_PATTERN)
  defaultArea!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALERT_RULES)
  @ValidateNested({ each: true })
  @Type(() => AlertAreaRuleV1)
  areaRules?: AlertAreaRuleV1[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALERT_RULES)
  @ValidateNested({ each: true })
  @Type(() => AlertSeverityPriorityV1)
  severityPriorities?: AlertSeverityPriorityV1[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  noteIntervalMinutes?: number;
}

export class CreateAlertIntegrationCommandV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AlertIntegrationBodyV1)
  body!: AlertIntegrationBodyV1;
}

export class UpdateAlertIntegrationCommandV1 extends CreateAlertIntegrationCommandV1 {
  @IsDefined()
  @IsUUID()
  id!: string;
}

export class AlertIntegrationIdCommandV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsUUID()
  id!: string;
}

export class ListAlertIntegrationsQueryV1 extends ActorEnvelopeBase {}

export class RecentAlertsQueryV1 extends ActorEnvelopeBase {
  @IsOptional()
  @IsUUID()
  integrationId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class TicketAlertsQueryV1 extends ActorEnvelopeBase {
  @IsDefined()
  @IsInt()
  @Min(1)
  number!: number;
}

/**
 * One webhook call. The gateway checked nothing but the route: intake answers 404 for an unknown (or
 * disabled) integration, 401 for a wrong secret, 400 naming the field for a payload it cannot read.
 * `secretSha256` is the SHA-256 (hex) of what the caller presented: the secret itself never crosses NATS.
 */
export class ReceiveAlertsCommandV1 {
  @IsDefined()
  @IsUUID()
  integrationId!: string;

  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  secretSha256?: string;

  /** The tool's JSON as it came; read by intake's parsers (field paths in refusals start at `body`). */
  @IsDefined()
  payload!: unknown;
}

export class AlertIntegrationV1 {
  @IsUUID()
  id!: string;

  @IsString()
  name!: string;

  @IsIn(ALERT_SOURCE_KINDS)
  kind!: AlertSourceKind;

  @IsBoolean()
  @Documented({ description: 'false: el webhook responde 404 y no se registra nada' })
  enabled!: boolean;

  @IsString()
  @Documented({ description: 'Jurisdicción de los tickets que abre' })
  jurisdiction!: string;

  @IsString()
  @Documented({ description: 'Categoría del catálogo de sus tickets' })
  category!: string;

  @IsEmail()
  @Documented({ description: 'Solicitante de los tickets (el equipo de monitoreo)' })
  contactEmail!: string;

  @IsString()
  contactName!: string;

  @Matches(AREA_CODE_PATTERN)
  @Documented({ description: 'Área de una alerta que ninguna regla asigna' })
  defaultArea!: string;

  @ValidateNested({ each: true })
  @Type(() => AlertAreaRuleV1)
  @Documented({ description: 'La primera regla que coincide decide el área' })
  areaRules!: AlertAreaRuleV1[];

  @ValidateNested({ each: true })
  @Type(() => AlertSeverityPriorityV1)
  @Documented({ description: 'Severidad → prioridad; sin regla, los valores por omisión de la herramienta' })
  severityPriorities!: AlertSeverityPriorityV1[];

  @IsInt()
  @Min(1)
  @Documented({ description: 'Minutos mínimos entre dos notas de repetición de la misma alerta en el ticket' })
  noteIntervalMinutes!: number;

  @IsString()
  @Documented({ format: 'date-time' })
  secretRotatedAt!: string;

  @IsString()
  @Documented({ format: 'date-time' })
  createdAt!: string;

  @IsString()
  @Documented({ format: 'date-time' })
  updatedAt!: string;
}

export class AlertIntegrationListV1 {
  @ValidateNested({ each: true })
  @Type(() => AlertIntegrationV1)
  integrations!: AlertIntegrationV1[];
}

export class AlertIntegrationSecretV1 {
  @ValidateNested()
  @Type(() => AlertIntegrationV1)
  integration!: AlertIntegrationV1;

  /** Shown once: only its hash is kept. */
  @IsString()
  @Documented({ description: 'El secreto del webhook: se muestra solo esta vez (se guarda su hash)' })
  secret!: string;
}

export class AlertRecordV1 {
  @IsUUID()
  id!: string;

  @IsUUID()
  integrationId!: string;

  @IsString()
  integrationName!: string;

  @IsIn(ALERT_SOURCE_KINDS)
  kind!: AlertSourceKind;

  /** Alertmanager's fingerprint, or Zabbix's trigger id. */
  @IsString()
  @Documented({ description: 'Huella (fingerprint) de Alertmanager o `trigger:<id>` de Zabbix' })
  alertKey!: string;

  @IsString()
  name!: string;

  @IsString()
  @Documented({ nullable: true })
  severity!: string | null;

  @IsIn(PRIORITIES)
  priority!: Priority;

  @Matches(AREA_CODE_PATTERN)
  area!: string;

  @IsObject()
  @JSONSchema({ type: 'object', additionalProperties: { type: 'string' } })
  labels!: Record<string, string>;

  @IsIn(['firing', 'resolved'])
  status!: 'firing' | 'resolved';

  @IsInt()
  @Min(1)
  @Documented({ description: 'Veces que se disparó mientras el ticket estuvo abierto' })
  firingCount!: number;

  @IsString()
  @Documented({ format: 'date-time' })
  firstSeenAt!: string;

  @IsString()
  @Documented({ format: 'date-time' })
  lastSeenAt!: string;

  @IsString()
  @Documented({ nullable: true, format: 'date-time' })
  resolvedAt!: string | null;

  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  ticketNumber!: number;

  /** When the ticket was closed or merged: a new firing then opens a new ticket. */
  @IsString()
  @Documented({
    nullable: true,
    format: 'date-time',
    description: 'Cuándo se cerró o fusionó el ticket: el siguiente disparo abre otro',
  })
  finishedAt!: string | null;
}

export class AlertRecordListV1 {
  @ValidateNested({ each: true })
  @Type(() => AlertRecordV1)
  alerts!: AlertRecordV1[];
}

/** What intake did with one alert of a notification. */
export class ReceivedAlertV1 {
  @IsString()
  alertKey!: string;

  @IsInt()
  @Documented({
    description: '0 si la alerta resuelta no tenía ticket abierto, o si el disparo quedó en cola (queued)',
  })
  ticketNumber!: number;

  /**
   * `queued`: a firing of an alert whose ticket was still being opened (or whose resolution was being written);
   * it is stored and counted on the ticket right after.
   */
  @IsIn(['opened', 'folded', 'queued', 'resolved', 'ignored'])
  @Documented({
    description:
      'queued: disparo de una alerta cuyo ticket se estaba abriendo; quedó guardado y se suma al ticket enseguida',
  })
  outcome!: 'opened' | 'folded' | 'queued' | 'resolved' | 'ignored';
}

export class ReceiveAlertsResultV1 {
  /** One per alert of the notification, in order. */
  @ValidateNested({ each: true })
  @Type(() => ReceivedAlertV1)
  alerts!: ReceivedAlertV1[];
}
