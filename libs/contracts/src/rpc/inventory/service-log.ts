import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
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
import { ActorEnvelopeBase } from '../../common.js';
import { TICKET_STATUSES, type TicketStatus } from '../../enums.js';
import { ISO_DATE_PATTERN, InventoryLimits } from './equipment.js';
import { Limits } from '../../limits.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';
import { REPAIR_CONDITIONS, VISITOR_KINDS, type RepairCondition, type VisitorKind } from './field-service.js';

/**
 * The service log (bitácora, MX-PR15 form F02 "Bitácora de Atención a Usuarios de la Unidad"; docs/domain.md § Field service) and the F01
 * "Atención a Usuarios de la Unidad". Inventory answers both (`InventoryRpc`, ./index.ts).
 */
export const ServiceLogLimits = {
  pageSize: 200,
  /** The F02 PDF prints at most this many attentions: a longer period is narrowed (400 on `from`). */
  formRows: 1000,
  cursor: 200,
} as const;

/** The log's query string: every filter optional; days are the office's (`CAU_TIME_ZONE`), both included. */
export class ServiceLogParamsV1 {
  /** The equipment's inventory number (exact, case ignored); one not in the inventory is a 400. */
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(InventoryLimits.text)
  inventoryNumber?: string;

  /** The person who held the equipment when it was attended (intake's requester id). */
  @IsOptional()
  @IsUUID()
  holderId?: string;

  /** First day, YYYY-MM-DD. */
  @IsOptional()
  @Matches(ISO_DATE_PATTERN)
  from?: string;

  /** Last day, YYYY-MM-DD, not before `from`. */
  @IsOptional()
  @Matches(ISO_DATE_PATTERN)
  to?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ServiceLogLimits.pageSize)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(ServiceLogLimits.cursor)
  cursor?: string;
}

export class ServiceLogQueryV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => ServiceLogParamsV1)
  filters!: ServiceLogParamsV1;
}

/** What an attention was: a recorded visit, the machine leaving for repair, its return, the user's conformity. */
export const SERVICE_LOG_KINDS = ['visita', 'salida', 'retorno', 'conformidad'] as const;
export type ServiceLogKind = (typeof SERVICE_LOG_KINDS)[number];

/** The equipment attended, with its type's name in the catalogue. */
export class ServiceLogEquipmentV1 {
  @IsUUID()
  id!: string;

  @IsString()
  inventoryNumber!: string;

  @IsString()
  @Documented({ description: 'Código del catálogo de tipos' })
  type!: string;

  @IsString()
  @Documented({ description: 'El nombre del tipo en el catálogo (español)' })
  typeLabel!: string;
}

export class ServiceLogHolderV1 {
  @IsUUID()
  requesterId!: string;

  @IsString()
  name!: string;
}

/** Who did it: staff, or a contracted company's technician with the company's report number. */
export class ServiceLogByV1 {
  @IsIn([...VISITOR_KINDS, 'taken-by'])
  @Documented({ description: 'staff, contractor, o quien retiró el equipo' })
  kind!: VisitorKind | 'taken-by';

  @IsString()
  name!: string;

  @IsString()
  @Documented({ nullable: true })
  company!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'El número de reporte de la empresa o de la UTIC' })
  reportNumber!: string | null;
}

/** One attention to one piece of equipment. */
export class ServiceLogEntryV1 {
  /** Stable within the log: the kind, the record it comes from and the equipment. */
  @IsString()
  id!: string;

  @IsIn(SERVICE_LOG_KINDS)
  kind!: ServiceLogKind;

  /** The moment, for the order; a return recorded as a day is that day's start in `CAU_TIME_ZONE`. */
  @IsString()
  @Documented({ format: 'date-time', description: 'El momento, para el orden (un retorno: el inicio de su día)' })
  at!: string;

  /**
   * The day (YYYY-MM-DD) of an attention recorded as a day, not a moment (a repair's return); null for the
   * others. Show it as a date: `at` read in another time zone could fall on the evening before.
   */
  @IsString()
  @Documented({
    nullable: true,
    format: 'date',
    description: 'El día de una atención registrada como día (el retorno de una reparación); null en las demás',
  })
  day!: string | null;

  @IsInt()
  @Min(1)
  ticketNumber!: number;

  @ValidateNested()
  @Type(() => ServiceLogEquipmentV1)
  equipment!: ServiceLogEquipmentV1;

  /** Who held the equipment at that moment; null when nobody did. */
  @ValidateNested()
  @Type(() => ServiceLogHolderV1)
  @Documented({ nullable: true, description: 'Quién tenía el equipo en resguardo' })
  holder!: ServiceLogHolderV1 | null;

  /** What was done (the visit's work, the reason it left, the return's note, the conformity's comments). */
  @IsString()
  @Documented({ nullable: true, description: 'Lo que se hizo' })
  done!: string | null;

  @ValidateNested()
  @Type(() => ServiceLogByV1)
  by!: ServiceLogByV1;

  /** The result: the equipment's condition on return, the conformity, or the state it left in. */
  @IsIn([...REPAIR_CONDITIONS, 'en_reparacion', 'conforme', 'no_conforme'])
  @Documented({ nullable: true })
  result!: RepairCondition | 'en_reparacion' | 'conforme' | 'no_conforme' | null;

  /** The ticket's latest conformity: true conforme, false not, null none recorded yet. */
  @IsBoolean()
  @Documented({ nullable: true, description: 'La conformidad del ticket: null si no hay' })
  signedOff!: boolean | null;
}

export class ServiceLogPageV1 {
  @ValidateNested({ each: true })
  @Type(() => ServiceLogEntryV1)
  items!: ServiceLogEntryV1[];

  /** Pass as `cursor` for the next page; null on the last one. */
  @IsString()
  @Documented({ nullable: true, description: 'Páselo como `cursor` para la página siguiente' })
  nextCursor!: string | null;
}

/**
 * The ticket's own facts the F01 prints, read by the gateway from reporting's ticket view as the actor
 * (which is also who may print it).
 */
export class F01RequesterV1 {
  @IsString()
  @MaxLength(Limits.name)
  name!: string;

  @IsString()
  @MaxLength(Limits.email)
  email!: string;

  @IsOptional()
  @IsString()
  @MaxLength(60)
  phone?: string | null;
}

export class F01TicketV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  number!: number;

  @IsISO8601({ strict: true })
  registeredAt!: string;

  @IsString()
  @MaxLength(Limits.title)
  title!: string;

  @IsString()
  @MaxLength(Limits.description)
  description!: string;

  @IsIn(TICKET_STATUSES)
  status!: TicketStatus;

  @IsString()
  @MaxLength(Limits.jurisdictionCode)
  jurisdiction!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => F01RequesterV1)
  requester!: F01RequesterV1;

  /** The latest solution registered, when there is one. */
  @IsOptional()
  @IsString()
  solution?: string | null;

  @IsOptional()
  @IsISO8601({ strict: true })
  closedAt?: string | null;
}

export class F01QueryV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => F01TicketV1)
  ticket!: F01TicketV1;
}

/** How the printed F02 and its CSV name each kind of attention and each result (Spanish, as on paper). */
export const SERVICE_LOG_KIND_LABELS: Record<ServiceLogKind, string> = {
  visita: 'Visita',
  salida: 'Salida a reparación',
  retorno: 'Retorno de reparación',
  conformidad: 'Conformidad',
};

export const SERVICE_LOG_RESULT_LABELS: Record<NonNullable<ServiceLogEntryV1['result']>, string> = {
  funciona: 'Funciona',
  no_funciona: 'No funciona',
  reemplazado: 'Reemplazado',
  en_reparacion: 'En reparación',
  conforme: 'Conforme',
  no_conforme: 'No conforme',
};

/** Who did it, in one line: the staff member, or the company's technician with its report number. */
export function serviceLogByText(by: ServiceLogByV1): string {
  const who = by.company ? `${by.company} — ${by.name}` : by.name;
  return by.reportNumber ? `${who} (reporte N.º ${by.reportNumber})` : who;
}

/** The ticket's conformity as the log's last column reads it. */
export function serviceLogSignedOffText(signedOff: boolean | null): string {
  if (signedOff === null) return 'Pendiente';
  return signedOff ? 'Conforme' : 'No conforme';
}
