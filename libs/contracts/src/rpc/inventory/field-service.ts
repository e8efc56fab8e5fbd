import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ActorEnvelopeBase } from '../../common.js';
import { defineEvent } from '../../events/envelope.js';
import { EQUIPMENT_STATES, ISO_DATE_PATTERN, InventoryAccountV1, type EquipmentState } from './equipment.js';
import { Limits } from '../../limits.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';

/**
 * Field service on a ticket (docs/domain.md § Field service; issue 15): the equipment a ticket names, its visits,
 * repairs and sign-off (`InventoryRpc`, ./index.ts). Inventory keeps the links; the gateway checks that the
 * actor may see the ticket (reporting's access rules) before it asks, and hands inventory the ticket's id and
 * number.
 */
/** The ticket as the gateway found it (it exists and the actor may see it). */
export class FieldTicketV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  ticketNumber!: number;
}

export class LinkTicketEquipmentBodyV1 {
  /** The equipment's id (found with `GET /api/v1/inventory/equipment?text=` by inventory number or serial). */
  @IsUUID()
  equipmentId!: string;
}

export class LinkTicketEquipmentCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => FieldTicketV1)
  ticket!: FieldTicketV1;

  @IsObject()
  @ValidateNested()
  @Type(() => LinkTicketEquipmentBodyV1)
  link!: LinkTicketEquipmentBodyV1;
}

export class UnlinkTicketEquipmentCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => FieldTicketV1)
  ticket!: FieldTicketV1;

  @IsUUID()
  equipmentId!: string;
}

export class TicketEquipmentQueryV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => FieldTicketV1)
  ticket!: FieldTicketV1;
}

export class HeldEquipmentCheckQueryV1 extends ActorEnvelopeBase {
  /** The person the ticket is for (the registration's requester). */
  @IsEmail()
  @MaxLength(Limits.email)
  holderEmail!: string;

  @IsArray()
  @ArrayMaxSize(Limits.reportedEquipment)
  @IsUUID(undefined, { each: true })
  equipmentIds!: string[];
}

/** The answer to HeldEquipmentCheck when the person holds every piece (otherwise it is refused). */
export interface HeldEquipmentV1 {
  held: true;
}

/** What a ticket's header and the equipment page show of a piece of equipment. */
export class EquipmentSummaryV1 {
  @IsUUID()
  id!: string;

  @IsString()
  inventoryNumber!: string;

  @IsString()
  @Documented({ nullable: true })
  serial!: string | null;

  @IsString()
  @Documented({ description: 'Código del catálogo de tipos' })
  type!: string;

  @IsString()
  @Documented({ nullable: true })
  brand!: string | null;

  @IsString()
  @Documented({ nullable: true })
  model!: string | null;

  @IsIn(EQUIPMENT_STATES)
  state!: EquipmentState;
}

export class TicketEquipmentV1 {
  @IsInt()
  @Min(1)
  ticketNumber!: number;

  @ValidateNested()
  @Type(() => EquipmentSummaryV1)
  equipment!: EquipmentSummaryV1;

  @ValidateNested()
  @Type(() => InventoryAccountV1)
  @Documented({ description: 'Quién lo vinculó al ticket' })
  linkedBy!: InventoryAccountV1;

  @IsString()
  @Documented({ format: 'date-time' })
  linkedAt!: string;
}

/** Payload of `equipment.ticket-linked` and `equipment.ticket-unlinked` (the envelope carries the ticket id). */
export class TicketEquipmentChangedV1 {
  @IsInt()
  @Min(1)
  ticketNumber!: number;

  @IsUUID()
  equipmentId!: string;

  @IsString()
  inventoryNumber!: string;

  @IsIn(EQUIPMENT_STATES)
  state!: EquipmentState;
}

export const FieldServiceLimits = {
  company: 200,
  technician: 200,
  reportNumber: 60,
  workDone: 4_000,
  note: 1_000,
} as const;

/** Who goes: one of the office's staff accounts, or a contracted company's technician (docs/domain.md § Field service, activities 05–07). */
export const VISITOR_KINDS = ['staff', 'contractor'] as const;
export type VisitorKind = (typeof VISITOR_KINDS)[number];

export class VisitorBodyV1 {
  @IsIn(VISITOR_KINDS)
  kind!: VisitorKind;

  /** `staff`: the account (operator, agent, supervisor or administrator) that goes. */
  @ValidateIf((v: VisitorBodyV1) => v.kind === 'staff')
  @IsUUID()
  accountId?: string;

  /** `contractor`: the company in charge of technical support. */
  @ValidateIf((v: VisitorBodyV1) => v.kind === 'contractor')
  @IsString()
  @NotBlank()
  @MaxLength(FieldServiceLimits.company)
  company?: string;

  /** `contractor`: the technician's name. */
  @ValidateIf((v: VisitorBodyV1) => v.kind === 'contractor')
  @IsString()
  @NotBlank()
  @MaxLength(FieldServiceLimits.technician)
  technician?: string;

  /** `contractor`: the company's own report number (its help desk's), when it gave one. */
  @IsOptional()
  @IsString()
  @MaxLength(FieldServiceLimits.reportNumber)
  reportNumber?: string;
}

/** The visitor as inventory keeps it: the gateway adds a staff account's name (accounts are the gateway's). */
export class VisitorV1 extends VisitorBodyV1 {
  @ValidateIf((v: VisitorV1) => v.kind === 'staff')
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class PlanVisitBodyV1 {
  /** When the visit is expected (ISO 8601 with its offset). */
  @IsISO8601({ strict: true })
  plannedFor!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => VisitorBodyV1)
  visitor!: VisitorBodyV1;

  @IsOptional()
  @IsString()
  @MaxLength(FieldServiceLimits.note)
  note?: string;
}

export class PlanVisitCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => FieldTicketV1)
  ticket!: FieldTicketV1;

  @IsUUID()
  visitId!: string;

  @IsISO8601({ strict: true })
  plannedFor!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => VisitorV1)
  visitor!: VisitorV1;

  @IsOptional()
  @IsString()
  @MaxLength(FieldServiceLimits.note)
  note?: string;
}

export class RecordVisitBodyV1 {
  /** Who actually went (the portal offers the planned visitor). */
  @IsObject()
  @ValidateNested()
  @Type(() => VisitorBodyV1)
  visitor!: VisitorBodyV1;

  @IsISO8601({ strict: true })
  arrivedAt!: string;

  /** Not before `arrivedAt`. */
  @IsISO8601({ strict: true })
  departedAt!: string;

  @IsString()
  @NotBlank()
  @MaxLength(FieldServiceLimits.workDone)
  workDone!: string;
}

export class RecordVisitCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => FieldTicketV1)
  ticket!: FieldTicketV1;

  @IsUUID()
  visitId!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => VisitorV1)
  visitor!: VisitorV1;

  @IsISO8601({ strict: true })
  arrivedAt!: string;

  @IsISO8601({ strict: true })
  departedAt!: string;

  @IsString()
  @NotBlank()
  @MaxLength(FieldServiceLimits.workDone)
  workDone!: string;
}

export class VisitorViewV1 {
  @IsIn(VISITOR_KINDS)
  @Documented({ description: '`staff`: una cuenta del personal; `contractor`: técnico de la empresa' })
  kind!: VisitorKind;

  @IsUUID()
  @Documented({ nullable: true })
  accountId!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'Nombre de la cuenta del personal' })
  name!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'Empresa contratada' })
  company!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'Técnico de la empresa' })
  technician!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'Número de reporte de la empresa' })
  reportNumber!: string | null;
}

export class FieldVisitV1 {
  @IsUUID()
  id!: string;

  @IsInt()
  @Min(1)
  ticketNumber!: number;

  @IsIn(['planned', 'recorded'])
  status!: 'planned' | 'recorded';

  @IsString()
  @Documented({ format: 'date-time' })
  plannedFor!: string;

  @ValidateNested()
  @Type(() => InventoryAccountV1)
  plannedBy!: InventoryAccountV1;

  @IsString()
  @Documented({ nullable: true })
  note!: string | null;

  @ValidateNested()
  @Type(() => VisitorViewV1)
  visitor!: VisitorViewV1;

  @IsString()
  @Documented({ nullable: true, format: 'date-time' })
  arrivedAt!: string | null;

  @IsString()
  @Documented({ nullable: true, format: 'date-time' })
  departedAt!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'Lo que se hizo' })
  workDone!: string | null;

  @ValidateNested()
  @Type(() => InventoryAccountV1)
  @Documented({ nullable: true })
  recordedBy!: InventoryAccountV1 | null;

  @IsString()
  @Documented({ nullable: true, format: 'date-time' })
  recordedAt!: string | null;
}

/** Payload of `field-visit.planned` and `field-visit.recorded`. */
export class FieldVisitChangedV1 {
  @IsUUID()
  visitId!: string;

  @IsInt()
  @Min(1)
  ticketNumber!: number;

  @IsIn(VISITOR_KINDS)
  visitorKind!: VisitorKind;

  @IsISO8601({ strict: true })
  plannedFor!: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  arrivedAt!: string | null;

  @IsOptional()
  @IsISO8601({ strict: true })
  departedAt!: string | null;
}

export const REPAIR_CONDITIONS = ['funciona', 'no_funciona', 'reemplazado'] as const;
export type RepairCondition = (typeof REPAIR_CONDITIONS)[number];

export class RepairOutBodyV1 {
  @IsUUID()
  equipmentId!: string;

  /** Who takes the machine (the company's technician, or staff of UTIC's technical support). */
  @IsString()
  @NotBlank()
  @MaxLength(FieldServiceLimits.technician)
  takenBy!: string;

  /** Where it goes (the company's workshop, UTIC's technical support area…). */
  @IsString()
  @NotBlank()
  @MaxLength(FieldServiceLimits.company)
  destination!: string;

  /** YYYY-MM-DD. */
  @Matches(ISO_DATE_PATTERN)
  expectedReturn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(FieldServiceLimits.reportNumber)
  reportNumber?: string;

  @IsString()
  @NotBlank()
  @MaxLength(FieldServiceLimits.note)
  reason!: string;
}

export class RepairOutCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => FieldTicketV1)
  ticket!: FieldTicketV1;

  @IsObject()
  @ValidateNested()
  @Type(() => RepairOutBodyV1)
  repair!: RepairOutBodyV1;
}

export class RepairReturnBodyV1 {
  /** YYYY-MM-DD, not before the day it left. */
  @Matches(ISO_DATE_PATTERN)
  returnedOn!: string;

  @IsIn(REPAIR_CONDITIONS)
  condition!: RepairCondition;

  @IsOptional()
  @IsString()
  @MaxLength(FieldServiceLimits.note)
  note?: string;
}

export class RepairReturnCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => FieldTicketV1)
  ticket!: FieldTicketV1;

  @IsUUID()
  repairId!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => RepairReturnBodyV1)
  repair!: RepairReturnBodyV1;
}

export class RepairRefV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => FieldTicketV1)
  ticket!: FieldTicketV1;

  @IsUUID()
  repairId!: string;
}

export class RepairV1 {
  @IsUUID()
  id!: string;

  @IsInt()
  @Min(1)
  ticketNumber!: number;

  @ValidateNested()
  @Type(() => EquipmentSummaryV1)
  equipment!: EquipmentSummaryV1;

  @IsString()
  @Documented({ description: 'Quién retira el equipo' })
  takenBy!: string;

  @IsString()
  @Documented({ description: 'Adónde va' })
  destination!: string;

  @IsString()
  @Documented({ format: 'date-time' })
  leftAt!: string;

  /** YYYY-MM-DD. */
  @IsString()
  @Documented({ format: 'date', description: 'Retorno previsto' })
  expectedReturn!: string;

  @IsString()
  @Documented({ nullable: true, description: 'Número de reporte de la empresa' })
  reportNumber!: string | null;

  @IsString()
  @Documented({ description: 'Motivo' })
  reason!: string;

  @ValidateNested()
  @Type(() => InventoryAccountV1)
  recordedBy!: InventoryAccountV1;

  /** YYYY-MM-DD. */
  @IsString()
  @Documented({ nullable: true, format: 'date' })
  returnedOn!: string | null;

  @IsIn(REPAIR_CONDITIONS)
  @Documented({ nullable: true, description: 'Estado al retorno' })
  condition!: RepairCondition | null;

  @IsString()
  @Documented({ nullable: true })
  returnNote!: string | null;

  @ValidateNested()
  @Type(() => InventoryAccountV1)
  @Documented({ nullable: true })
  returnedBy!: InventoryAccountV1 | null;
}

/** A printable form travelling over NATS: the PDF's bytes as base64 (under 1 MiB). */
export interface FormPdfV1 {
  filename: string;
  pdf: string;
}

/** Payload of `equipment.repair-out` and `equipment.repair-returned`. */
export class RepairChangedV1 {
  @IsUUID()
  repairId!: string;

  @IsInt()
  @Min(1)
  ticketNumber!: number;

  @IsUUID()
  equipmentId!: string;

  @IsString()
  inventoryNumber!: string;

  @IsIn(EQUIPMENT_STATES)
  state!: EquipmentState;

  @IsOptional()
  @IsIn(REPAIR_CONDITIONS)
  condition!: RepairCondition | null;
}

/** A drawn signature: a PNG from the portal's canvas, as a data URL (about 20 KB for a tablet-sized pad). */
export const SIGNATURE_DRAWING_PATTERN = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;
export const SIGNATURE_DRAWING_MAX = 150_000;

/** One signature: the signer's name, and the drawing where the office wants one (a typed name is enough). */
export class SignatureV1 {
  @IsString()
  @NotBlank()
  @MaxLength(FieldServiceLimits.technician)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(SIGNATURE_DRAWING_MAX)
  @Matches(SIGNATURE_DRAWING_PATTERN)
  drawing?: string;
}

export class SignOffBodyV1 {
  /** The user's conformity with the attention. */
  @IsBoolean()
  conforme!: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(FieldServiceLimits.note)
  comments?: string;

  /** The user who received the attention. */
  @IsObject()
  @ValidateNested()
  @Type(() => SignatureV1)
  user!: SignatureV1;

  /** The head of the Departamento de Centros de Información. */
  @IsObject()
  @ValidateNested()
  @Type(() => SignatureV1)
  head!: SignatureV1;

  /** The staff in charge of the repair. */
  @IsObject()
  @ValidateNested()
  @Type(() => SignatureV1)
  repairStaff!: SignatureV1;
}

export class SignOffCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => FieldTicketV1)
  ticket!: FieldTicketV1;

  @IsObject()
  @ValidateNested()
  @Type(() => SignOffBodyV1)
  signOff!: SignOffBodyV1;
}

export class SignatureViewV1 {
  @IsString()
  name!: string;

  @IsString()
  @Documented({ nullable: true, description: 'La firma dibujada, PNG como data URL' })
  drawing!: string | null;
}

export class SignOffV1 {
  @IsInt()
  @Min(1)
  ticketNumber!: number;

  @IsBoolean()
  @Documented({ description: 'Conformidad del usuario' })
  conforme!: boolean;

  @IsString()
  @Documented({ nullable: true })
  comments!: string | null;

  @ValidateNested()
  @Type(() => SignatureViewV1)
  @Documented({ description: 'El usuario' })
  user!: SignatureViewV1;

  @ValidateNested()
  @Type(() => SignatureViewV1)
  @Documented({ description: 'El jefe del Departamento de Centros de Información' })
  head!: SignatureViewV1;

  @ValidateNested()
  @Type(() => SignatureViewV1)
  @Documented({ description: 'El personal encargado de la reparación' })
  repairStaff!: SignatureViewV1;

  @ValidateNested()
  @Type(() => InventoryAccountV1)
  recordedBy!: InventoryAccountV1;

  @IsString()
  @Documented({ format: 'date-time' })
  recordedAt!: string;
}

/**
 * Payload of `field.signed-off`: the field attention has its conformity. Resolution keeps, per ticket,
 * whether a field attention (a recorded visit or equipment out for repair) waits for one.
 */
export class FieldSignedOffV1 {
  @IsInt()
  @Min(1)
  ticketNumber!: number;

  @IsBoolean()
  conforme!: boolean;

  @IsISO8601({ strict: true })
  signedAt!: string;
}

export const FieldServiceEvents = {
  TicketEquipmentLinked: defineEvent('equipment.ticket-linked', 1, TicketEquipmentChangedV1),
  TicketEquipmentUnlinked: defineEvent('equipment.ticket-unlinked', 1, TicketEquipmentChangedV1),
  VisitPlanned: defineEvent('field-visit.planned', 1, FieldVisitChangedV1),
  /** A recorded visit makes the ticket a field ticket: resolution asks for the sign-off before closing it. */
  VisitRecorded: defineEvent('field-visit.recorded', 1, FieldVisitChangedV1),
  /** Equipment out for repair also makes the ticket a field ticket. */
  RepairOut: defineEvent('equipment.repair-out', 1, RepairChangedV1),
  RepairReturned: defineEvent('equipment.repair-returned', 1, RepairChangedV1),
  SignedOff: defineEvent('field.signed-off', 1, FieldSignedOffV1),
} as const;
