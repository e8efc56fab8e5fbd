import { Type } from 'class-transformer';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { ActorEnvelopeBase } from '../../common.js';
import { defineEvent } from '../../events/envelope.js';
import { Limits } from '../../limits.js';
import { NotBlank } from '../../not-blank.js';
import { LocalizedTextV1 } from '../../reply-parts.js';
import { Documented } from '../../reply-schema.js';

/**
 * The equipment register and its custody (docs/domain.md § Field service): the request and reply classes of
 * `InventoryRpc` (./index.ts) and inventory's events. Equipment is addressed by its UUID; people find it by its
 * inventory number or serial through the list's `text` filter.
 */
/** Who may do what with the inventory (decided for issue 15; docs/architecture.md "Inventory"). */
export const INVENTORY_READ_ROLES = ['operator', 'agent', 'supervisor', 'admin'] as const;
export const INVENTORY_WRITE_ROLES = ['operator', 'agent', 'supervisor', 'admin'] as const;
/** A CSV import can change thousands of records at once: supervisors and administrators only. */
export const INVENTORY_IMPORT_ROLES = ['supervisor', 'admin'] as const;

export const EQUIPMENT_STATES = ['en_uso', 'en_stock', 'en_reparacion', 'dado_de_baja'] as const;
export type EquipmentState = (typeof EQUIPMENT_STATES)[number];

/** The type catalogue's initial codes; the catalogue itself is data (inventory's `equipment_types`). */
export const DEFAULT_EQUIPMENT_TYPES = [
  'pc',
  'notebook',
  'impresora',
  'monitor',
  'dispositivo_de_red',
  'telefono',
  'otro',
] as const;

export const InventoryLimits = {
  inventoryNumber: 40,
  serial: 100,
  typeCode: 40,
  label: 100,
  supplier: 200,
  attributes: 30,
  attributeKey: 50,
  attributeValue: 500,
  text: 100,
  pageSize: 200,
  cursor: 200,
  /** Rows per staged chunk, and the chunk's most characters: NATS messages are about 1 MiB. */
  importChunkRows: 5_000,
  importChunkBytes: 700_000,
  importRows: 200_000,
  /** Problems an import refusal lists; the rest are counted. */
  importProblems: 500,
  importEventRecords: 1_000,
  note: 1_000,
  /** The custody document's text as the holder read it (the service builds it; a few hundred characters). */
  custodyText: 5_000,
  /** The drawn signature: a PNG of at most this many bytes (a signature pad's PNG is tens of KiB). */
  signatureBytes: 150 * 1024,
} as const;

/** Whether the office asks the holder to draw a signature when accepting custody (`CUSTODY_SIGNATURE`). */
export const CUSTODY_SIGNATURE_MODES = ['required', 'optional', 'off'] as const;
export type CustodySignatureMode = (typeof CUSTODY_SIGNATURE_MODES)[number];

/** Letters, digits and `. _ / -`, starting with a letter or digit: what labels and registers print. */
export const INVENTORY_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
export const EQUIPMENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*$/;
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class EquipmentLocationV1 {
  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.label)
  building?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.label)
  floor?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.label)
  office?: string | null;
}

/** The fields of a piece of equipment as a person writes them (create; a change sends some of them). */
export class EquipmentFieldsV1 {
  @IsString()
  @Matches(INVENTORY_NUMBER_PATTERN)
  @MaxLength(InventoryLimits.inventoryNumber)
  inventoryNumber!: string;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.serial)
  serial?: string | null;

  @IsString()
  @Matches(EQUIPMENT_TYPE_PATTERN)
  @MaxLength(InventoryLimits.typeCode)
  type!: string;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.label)
  brand?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.label)
  model?: string | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EquipmentLocationV1)
  location?: EquipmentLocationV1;

  @IsOptional()
  @IsString()
  @MaxLength(Limits.jurisdictionCode)
  jurisdiction?: string | null;

  @IsIn(EQUIPMENT_STATES)
  state!: EquipmentState;

  /** YYYY-MM-DD. */
  @IsOptional()
  @Matches(ISO_DATE_PATTERN)
  purchaseDate?: string | null;

  /** YYYY-MM-DD, not before the purchase. */
  @IsOptional()
  @Matches(ISO_DATE_PATTERN)
  warrantyUntil?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.supplier)
  supplier?: string | null;

  /** Free attributes (RAM, IP, toner…): text values, at most 30 of them (checked by inventory). */
  @IsOptional()
  @IsObject()
  attributes?: Record<string, string>;
}

/** A partial edit: fields left out keep their value, `null` clears an optional one. */
export class EquipmentChangesV1 {
  /** The revision read: a change on top of someone else's is refused (409). */
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  revision!: number;

  @IsOptional()
  @IsString()
  @Matches(INVENTORY_NUMBER_PATTERN)
  @MaxLength(InventoryLimits.inventoryNumber)
  inventoryNumber?: string;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.serial)
  serial?: string | null;

  @IsOptional()
  @IsString()
  @Matches(EQUIPMENT_TYPE_PATTERN)
  @MaxLength(InventoryLimits.typeCode)
  type?: string;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.label)
  brand?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.label)
  model?: string | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EquipmentLocationV1)
  location?: EquipmentLocationV1;

  @IsOptional()
  @IsString()
  @MaxLength(Limits.jurisdictionCode)
  jurisdiction?: string | null;

  @IsOptional()
  @IsIn(EQUIPMENT_STATES)
  state?: EquipmentState;

  @IsOptional()
  @Matches(ISO_DATE_PATTERN)
  purchaseDate?: string | null;

  @IsOptional()
  @Matches(ISO_DATE_PATTERN)
  warrantyUntil?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.supplier)
  supplier?: string | null;

  @IsOptional()
  @IsObject()
  attributes?: Record<string, string>;
}

export class RegisterEquipmentCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => EquipmentFieldsV1)
  equipment!: EquipmentFieldsV1;
}

export class ChangeEquipmentCommandV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => EquipmentChangesV1)
  changes!: EquipmentChangesV1;
}

export class EquipmentRefV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;
}

/**
 * The list's query string: every filter optional. `text` that is exactly an inventory number or a serial
 * (any case) lists that equipment; otherwise it matches part of a number, serial, brand or model.
 */
export class EquipmentListParamsV1 {
  @IsOptional()
  @Matches(EQUIPMENT_TYPE_PATTERN)
  @MaxLength(InventoryLimits.typeCode)
  type?: string;

  @IsOptional()
  @IsIn(EQUIPMENT_STATES)
  state?: EquipmentState;

  @IsOptional()
  @IsString()
  @MaxLength(Limits.jurisdictionCode)
  jurisdiction?: string;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.label)
  building?: string;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.label)
  floor?: string;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.label)
  office?: string;

  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(InventoryLimits.text)
  text?: string;

  /**
   * Only the equipment the person with this address holds now (an open custody period; case ignored): what
   * a registration for that person may name (the desk's picker).
   */
  @IsOptional()
  @IsEmail()
  @MaxLength(Limits.email)
  holderEmail?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(InventoryLimits.pageSize)
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.cursor)
  cursor?: string;
}

export class ListEquipmentQueryV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => EquipmentListParamsV1)
  params!: EquipmentListParamsV1;
}

export class StageImportCommandV1 extends ActorEnvelopeBase {
  @IsUUID()
  importId!: string;

  /** The file's header, lower-case, in file order (every chunk repeats it). */
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  header!: string[];

  /**
   * JSON text of up to `importChunkRows` rows `[line, cells]`: the line the row starts on in the file (1 is
   * the header) and its cells. Text, not an array: checking 2,000 nested arrays field by field cost more
   * than the import itself; inventory checks the rows' shape when it reads them.
   */
  @IsString()
  @MaxLength(InventoryLimits.importChunkBytes)
  rows!: string;
}

export class CommitImportCommandV1 extends ActorEnvelopeBase {
  @IsUUID()
  importId!: string;
}

export class AssignCustodyBodyV1 {
  /** The person who will hold it: a requester of the directory (`requesters?search=`). */
  @IsUUID()
  requesterId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.note)
  note?: string;
}

export class AssignCustodyCommandV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => AssignCustodyBodyV1)
  custody!: AssignCustodyBodyV1;
}

export class ReturnCustodyBodyV1 {
  @IsOptional()
  @IsString()
  @MaxLength(InventoryLimits.note)
  note?: string;
}

export class ReturnCustodyCommandV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ReturnCustodyBodyV1)
  custody!: ReturnCustodyBodyV1;
}

export class CustodyPeriodRefV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;

  @IsUUID()
  periodId!: string;
}

export class AcceptCustodyBodyV1 {
  /** The document's text exactly as shown to the holder; it must still be the period's current text. */
  @IsString()
  @NotBlank()
  @MaxLength(InventoryLimits.custodyText)
  text!: string;

  /** The drawn signature, a PNG in base64 (no `data:` prefix); where the office asks for one. */
  @IsOptional()
  @IsString()
  @MaxLength(Math.ceil(InventoryLimits.signatureBytes / 3) * 4)
  signature?: string;
}

export class AcceptCustodyCommandV1 extends CustodyPeriodRefV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => AcceptCustodyBodyV1)
  acceptance!: AcceptCustodyBodyV1;
}

/** An account that did something to the inventory, by id and name as recorded with it (accounts are the gateway's). */
export class InventoryAccountV1 {
  @IsUUID()
  accountId!: string;

  @IsString()
  name!: string;
}

export class EquipmentLocationViewV1 {
  @IsString()
  @Documented({ nullable: true, description: 'Edificio' })
  building!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'Piso' })
  floor!: string | null;

  @IsString()
  @Documented({ nullable: true, description: 'Oficina' })
  office!: string | null;
}

export class CustodyHolderV1 {
  @IsUUID()
  requesterId!: string;

  @IsString()
  name!: string;

  @IsEmail()
  email!: string;
}

export class CurrentCustodyV1 {
  @ValidateNested()
  @Type(() => CustodyHolderV1)
  holder!: CustodyHolderV1;

  @IsString()
  @Documented({ format: 'date-time' })
  since!: string;
}

export class EquipmentV1 {
  @IsUUID()
  id!: string;

  @IsInt()
  @Min(1)
  @Documented({ description: 'Se envía en `PATCH` para no pisar otra edición' })
  revision!: number;

  @IsString()
  @Documented({ description: 'Número de inventario, único sin distinguir mayúsculas' })
  inventoryNumber!: string;

  @IsString()
  @Documented({ nullable: true })
  serial!: string | null;

  @IsString()
  @Documented({ description: 'Código del catálogo de tipos (`inventory/equipment-types`)' })
  type!: string;

  @IsString()
  @Documented({ nullable: true })
  brand!: string | null;

  @IsString()
  @Documented({ nullable: true })
  model!: string | null;

  @ValidateNested()
  @Type(() => EquipmentLocationViewV1)
  location!: EquipmentLocationViewV1;

  @IsString()
  @Documented({ nullable: true })
  jurisdiction!: string | null;

  @IsIn(EQUIPMENT_STATES)
  state!: EquipmentState;

  /** YYYY-MM-DD. */
  @IsString()
  @Documented({ nullable: true, format: 'date' })
  purchaseDate!: string | null;

  /** YYYY-MM-DD. */
  @IsString()
  @Documented({ nullable: true, format: 'date' })
  warrantyUntil!: string | null;

  @IsString()
  @Documented({ nullable: true })
  supplier!: string | null;

  // Text values: `Documented` only says "any value" of an object's keys.
  @IsObject()
  @JSONSchema({ additionalProperties: { type: 'string' }, description: 'Atributos libres' })
  attributes!: Record<string, string>;

  @ValidateNested()
  @Type(() => CurrentCustodyV1)
  @Documented({ nullable: true, description: 'Quién lo tiene en resguardo' })
  custody!: CurrentCustodyV1 | null;

  @IsString()
  @Documented({ format: 'date-time' })
  createdAt!: string;

  @IsString()
  @Documented({ format: 'date-time' })
  updatedAt!: string;
}

export class EquipmentPageV1 {
  @ValidateNested({ each: true })
  @Type(() => EquipmentV1)
  items!: EquipmentV1[];

  /** Pass as `cursor` for the next page; null on the last one. */
  @IsString()
  @Documented({ nullable: true, description: 'Pásese como `cursor` para la página siguiente' })
  nextCursor!: string | null;
}

export const EQUIPMENT_HISTORY_ACTIONS = [
  'registered',
  'changed',
  'imported',
  'custody-assigned',
  'custody-transferred',
  'custody-returned',
] as const;
export type EquipmentHistoryAction = (typeof EQUIPMENT_HISTORY_ACTIONS)[number];

/** One change of one piece of equipment: who, when, and the record before and after. */
export class EquipmentHistoryEntryV1 {
  @IsString()
  @Documented({ format: 'date-time' })
  at!: string;

  @IsIn(EQUIPMENT_HISTORY_ACTIONS)
  action!: EquipmentHistoryAction;

  @ValidateNested()
  @Type(() => InventoryAccountV1)
  actor!: InventoryAccountV1;

  @IsObject()
  @Documented({ nullable: true, additionalProperties: true, description: 'El registro antes' })
  before!: Record<string, unknown> | null;

  @IsObject()
  @Documented({ nullable: true, additionalProperties: true, description: 'El registro después' })
  after!: Record<string, unknown> | null;
}

export class EquipmentTypeV1 {
  @IsString()
  code!: string;

  @ValidateNested()
  @Type(() => LocalizedTextV1)
  label!: LocalizedTextV1;
}

export class ImportReportV1 {
  @IsInt()
  @Documented({ description: 'Filas del archivo (sin el encabezado)' })
  rows!: number;

  @IsInt()
  @Documented({ description: 'Equipos nuevos' })
  created!: number;

  @IsInt()
  @Documented({ description: 'Equipos con algún dato distinto' })
  changed!: number;

  @IsInt()
  @Documented({ description: 'Filas iguales a lo registrado' })
  unchanged!: number;
}

export interface StageImportResultV1 {
  staged: number;
}

/** The holder's explicit acceptance of a custody document: written once, never changed. */
export class CustodyAcceptanceV1 {
  @IsString()
  @Documented({ format: 'date-time', description: 'Cuándo lo aceptó' })
  at!: string;

  @ValidateNested()
  @Type(() => InventoryAccountV1)
  @Documented({ description: 'La cuenta que lo aceptó' })
  by!: InventoryAccountV1;

  /** The exact text accepted. */
  @IsString()
  @Documented({ description: 'El texto exacto que aceptó' })
  text!: string;

  /** Whether a drawn signature was given (the image is printed on the PDF). */
  @IsBoolean()
  @Documented({ description: 'Si dibujó su firma (se imprime en el PDF)' })
  signed!: boolean;
}

export class CustodyPeriodV1 {
  @IsUUID()
  id!: string;

  @ValidateNested()
  @Type(() => CustodyHolderV1)
  holder!: CustodyHolderV1;

  @IsString()
  @Documented({ format: 'date-time', description: 'Desde cuándo la tuvo' })
  since!: string;

  @IsString()
  @Documented({ nullable: true, format: 'date-time', description: 'Hasta cuándo; null si la tiene' })
  until!: string | null;

  @ValidateNested()
  @Type(() => InventoryAccountV1)
  @Documented({ description: 'Quién se la asignó' })
  assignedBy!: InventoryAccountV1;

  @ValidateNested()
  @Type(() => InventoryAccountV1)
  @Documented({ nullable: true, description: 'Quién registró la devolución o la transferencia' })
  returnedBy!: InventoryAccountV1 | null;

  @IsString()
  @Documented({ nullable: true })
  note!: string | null;

  @ValidateNested()
  @Type(() => CustodyAcceptanceV1)
  @Documented({
    nullable: true,
    description: 'La aceptación del resguardo por quien lo tiene; null si aún no lo aceptó. No cambia nunca.',
  })
  acceptance!: CustodyAcceptanceV1 | null;
}

/** One piece of equipment the person holds now, with the custody document to read and accept. */
export class MyEquipmentItemV1 {
  @ValidateNested()
  @Type(() => EquipmentV1)
  equipment!: EquipmentV1;

  /** The type's label (requesters do not read the catalogue). */
  @ValidateNested()
  @Type(() => LocalizedTextV1)
  @Documented({ description: 'El nombre del tipo de equipo' })
  typeLabel!: LocalizedTextV1;

  @IsUUID()
  @Documented({ description: 'El resguardo (período) abierto' })
  periodId!: string;

  @IsString()
  @Documented({ format: 'date-time' })
  since!: string;

  @IsString()
  @Documented({ nullable: true, description: 'La nota de la entrega' })
  note!: string | null;

  /** The custody document's text as it stands (what an acceptance sends back). */
  @IsString()
  @Documented({ description: 'El texto del resguardo tal como está: lo que se envía al aceptarlo' })
  documentText!: string;

  @ValidateNested()
  @Type(() => CustodyAcceptanceV1)
  @Documented({ nullable: true })
  acceptance!: CustodyAcceptanceV1 | null;
}

export class MyEquipmentV1 {
  @ValidateNested({ each: true })
  @Type(() => MyEquipmentItemV1)
  items!: MyEquipmentItemV1[];

  /** Whether this office asks for a drawn signature when accepting. */
  @IsIn(CUSTODY_SIGNATURE_MODES)
  @Documented({ description: 'Si la oficina pide la firma dibujada al aceptar' })
  signature!: CustodySignatureMode;
}

/** A PDF travelling from inventory to the gateway (under 1 MiB). */
export interface PdfDocumentV1 {
  filename: string;
  base64: string;
}

/** The columns of the inventory CSV (import and export), in export order. */
export const EQUIPMENT_CSV_COLUMNS = [
  'numero_inventario',
  'serie',
  'tipo',
  'marca',
  'modelo',
  'edificio',
  'piso',
  'oficina',
  'jurisdiccion',
  'estado',
  'fecha_compra',
  'garantia_hasta',
  'proveedor',
  'atributos',
] as const;
export type EquipmentCsvColumn = (typeof EQUIPMENT_CSV_COLUMNS)[number];

/** Payload of `equipment.registered` and `equipment.changed`: the record after the change. */
export class EquipmentRecordedV1 {
  @IsUUID()
  equipmentId!: string;

  @IsString()
  inventoryNumber!: string;

  @IsString()
  type!: string;

  @IsIn(EQUIPMENT_STATES)
  state!: EquipmentState;

  @IsOptional()
  @IsString()
  serial!: string | null;

  @IsOptional()
  @IsString()
  jurisdiction!: string | null;

  @IsInt()
  @Min(1)
  revision!: number;
}

export class CustodyChangedV1 {
  @IsUUID()
  equipmentId!: string;

  @IsString()
  inventoryNumber!: string;

  @IsIn(['assigned', 'transferred', 'returned'])
  change!: 'assigned' | 'transferred' | 'returned';

  @IsOptional()
  @IsUUID()
  fromRequesterId!: string | null;

  @IsOptional()
  @IsUUID()
  toRequesterId!: string | null;
}

export class CustodyAcceptedV1 {
  @IsUUID()
  equipmentId!: string;

  @IsString()
  inventoryNumber!: string;

  @IsUUID()
  periodId!: string;

  @IsUUID()
  requesterId!: string;

  @IsUUID()
  acceptedBy!: string;

  @IsBoolean()
  signed!: boolean;
}

/** One record of an import's event: `equipment.changed`'s record, and whether the import created it. */
export interface ImportedEquipmentV1 extends EquipmentRecordedV1 {
  /** True when the import created it, false when it changed it. */
  registered: boolean;
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IMPORTED_RECORD_KEYS = new Set([
  'equipmentId',
  'inventoryNumber',
  'type',
  'state',
  'serial',
  'jurisdiction',
  'revision',
  'registered',
]);
const STATE_SET: ReadonlySet<unknown> = new Set(EQUIPMENT_STATES);
const nullableText = (value: unknown): boolean => value === null || typeof value === 'string';

/** `EquipmentRecordedV1`'s rules plus `registered`, and no other key (what whitelisting would refuse). */
function isImportedRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  return (
    Object.keys(r).every((key) => IMPORTED_RECORD_KEYS.has(key)) &&
    typeof r.equipmentId === 'string' &&
    UUID_TEXT.test(r.equipmentId) &&
    typeof r.inventoryNumber === 'string' &&
    typeof r.type === 'string' &&
    STATE_SET.has(r.state) &&
    nullableText(r.serial ?? null) &&
    nullableText(r.jurisdiction ?? null) &&
    Number.isInteger(r.revision) &&
    (r.revision as number) >= 1 &&
    typeof r.registered === 'boolean'
  );
}

/**
 * The records checked by one plain function rather than `@ValidateNested`: class-validator spends about
 * 0.3 ms per nested object (it searches every registered class for inherited rules), which was 30 s of a
 * 100,000-row import's transaction; this takes milliseconds. The wire shape is unchanged.
 */
@ValidatorConstraint({ name: 'importedRecords' })
class ImportedRecordsConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return Array.isArray(value) && value.every(isImportedRecord);
  }
}

/**
 * Payload of `equipment.imported`: the records one import created or changed, up to
 * `importEventRecords` per event (an import of 100,000 rows is 100 events, not 100,000).
 */
export class EquipmentImportedV1 {
  @IsUUID()
  importId!: string;

  @IsArray()
  @ArrayMaxSize(InventoryLimits.importEventRecords)
  @Validate(ImportedRecordsConstraint)
  records!: ImportedEquipmentV1[];
}

export const InventoryEvents = {
  EquipmentRegistered: defineEvent('equipment.registered', 1, EquipmentRecordedV1),
  EquipmentChanged: defineEvent('equipment.changed', 1, EquipmentRecordedV1),
  EquipmentImported: defineEvent('equipment.imported', 1, EquipmentImportedV1),
  CustodyChanged: defineEvent('equipment.custody-changed', 1, CustodyChangedV1),
  CustodyAccepted: defineEvent('equipment.custody-accepted', 1, CustodyAcceptedV1),
} as const;
