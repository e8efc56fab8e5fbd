import { ApiProperty } from '@nestjs/swagger';
import {
  EQUIPMENT_HISTORY_ACTIONS,
  EQUIPMENT_STATES,
  CUSTODY_SIGNATURE_MODES,
  type CurrentCustodyV1,
  type CustodyAcceptanceV1,
  type CustodySignatureMode,
  type CustodyHolderV1,
  type CustodyPeriodV1,
  type EquipmentHistoryAction,
  type EquipmentHistoryEntryV1,
  type EquipmentLocationViewV1,
  type EquipmentPageV1,
  type EquipmentState,
  type EquipmentTypeV1,
  type EquipmentV1,
  type ImportReportV1,
  type MyEquipmentItemV1,
  type MyEquipmentV1,
} from '@cau/contracts';

// Inventory answers for the OpenAPI document. Each class implements the contract interface it
// documents, so a change in the contract that the class does not follow fails to compile.

export class EquipmentLocationResponse implements EquipmentLocationViewV1 {
  @ApiProperty({ type: 'string', nullable: true, description: 'Edificio' })
  building!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Piso' })
  floor!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Oficina' })
  office!: string | null;
}

export class CustodyHolderResponse implements CustodyHolderV1 {
  @ApiProperty({ format: 'uuid' })
  requesterId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  email!: string;
}

export class CurrentCustodyResponse implements CurrentCustodyV1 {
  @ApiProperty({ type: CustodyHolderResponse })
  holder!: CustodyHolderV1;

  @ApiProperty({ format: 'date-time' })
  since!: string;
}

export class EquipmentResponse implements EquipmentV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Se envía en `PATCH` para no pisar otra edición' })
  revision!: number;

  @ApiProperty({ description: 'Número de inventario, único sin distinguir mayúsculas' })
  inventoryNumber!: string;

  @ApiProperty({ type: 'string', nullable: true })
  serial!: string | null;

  @ApiProperty({ description: 'Código del catálogo de tipos (`inventory/equipment-types`)' })
  type!: string;

  @ApiProperty({ type: 'string', nullable: true })
  brand!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  model!: string | null;

  @ApiProperty({ type: EquipmentLocationResponse })
  location!: EquipmentLocationViewV1;

  @ApiProperty({ type: 'string', nullable: true })
  jurisdiction!: string | null;

  @ApiProperty({ enum: EQUIPMENT_STATES })
  state!: EquipmentState;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  purchaseDate!: string | null;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  warrantyUntil!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  supplier!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Atributos libres' })
  attributes!: Record<string, string>;

  @ApiProperty({ type: CurrentCustodyResponse, nullable: true, description: 'Quién lo tiene en resguardo' })
  custody!: CurrentCustodyV1 | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class EquipmentPageResponse implements EquipmentPageV1 {
  @ApiProperty({ type: [EquipmentResponse] })
  items!: EquipmentV1[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Pásese como `cursor` para la página siguiente' })
  nextCursor!: string | null;
}

export class EquipmentActorResponse {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty()
  name!: string;
}

export class EquipmentHistoryEntryResponse implements EquipmentHistoryEntryV1 {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: EQUIPMENT_HISTORY_ACTIONS })
  action!: EquipmentHistoryAction;

  @ApiProperty({ type: EquipmentActorResponse })
  actor!: { accountId: string; name: string };

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'El registro antes' })
  before!: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'El registro después' })
  after!: Record<string, unknown> | null;
}

export class EquipmentTypeLabelResponse {
  @ApiProperty()
  es!: string;

  @ApiProperty()
  en!: string;
}

export class EquipmentTypeResponse implements EquipmentTypeV1 {
  @ApiProperty()
  code!: string;

  @ApiProperty({ type: EquipmentTypeLabelResponse })
  label!: { es: string; en: string };
}

export class ImportReportResponse implements ImportReportV1 {
  @ApiProperty({ type: 'integer', description: 'Filas del archivo (sin el encabezado)' })
  rows!: number;

  @ApiProperty({ type: 'integer', description: 'Equipos nuevos' })
  created!: number;

  @ApiProperty({ type: 'integer', description: 'Equipos con algún dato distinto' })
  changed!: number;

  @ApiProperty({ type: 'integer', description: 'Filas iguales a lo registrado' })
  unchanged!: number;
}

export class CustodyAcceptanceResponse implements CustodyAcceptanceV1 {
  @ApiProperty({ format: 'date-time', description: 'Cuándo lo aceptó' })
  at!: string;

  @ApiProperty({ type: EquipmentActorResponse, description: 'La cuenta que lo aceptó' })
  by!: { accountId: string; name: string };

  @ApiProperty({ description: 'El texto exacto que aceptó' })
  text!: string;

  @ApiProperty({ description: 'Si dibujó su firma (se imprime en el PDF)' })
  signed!: boolean;
}

export class CustodyPeriodResponse implements CustodyPeriodV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: CustodyHolderResponse })
  holder!: CustodyHolderV1;

  @ApiProperty({ format: 'date-time', description: 'Desde cuándo la tuvo' })
  since!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Hasta cuándo; null si la tiene' })
  until!: string | null;

  @ApiProperty({ type: EquipmentActorResponse, description: 'Quién se la asignó' })
  assignedBy!: { accountId: string; name: string };

  @ApiProperty({
    type: EquipmentActorResponse,
    nullable: true,
    description: 'Quién registró la devolución o la transferencia',
  })
  returnedBy!: { accountId: string; name: string } | null;

  @ApiProperty({ type: 'string', nullable: true })
  note!: string | null;

  @ApiProperty({
    type: CustodyAcceptanceResponse,
    nullable: true,
    description: 'La aceptación del resguardo por quien lo tiene; null si aún no lo aceptó. No cambia nunca.',
  })
  acceptance!: CustodyAcceptanceV1 | null;
}

export class MyEquipmentItemResponse implements MyEquipmentItemV1 {
  @ApiProperty({ type: EquipmentResponse })
  equipment!: EquipmentV1;

  @ApiProperty({ type: EquipmentTypeLabelResponse, description: 'El nombre del tipo de equipo' })
  typeLabel!: { es: string; en: string };

  @ApiProperty({ format: 'uuid', description: 'El resguardo (período) abierto' })
  periodId!: string;

  @ApiProperty({ format: 'date-time' })
  since!: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'La nota de la entrega' })
  note!: string | null;

  @ApiProperty({ description: 'El texto del resguardo tal como está: lo que se envía al aceptarlo' })
  documentText!: string;

  @ApiProperty({ type: CustodyAcceptanceResponse, nullable: true })
  acceptance!: CustodyAcceptanceV1 | null;
}

export class MyEquipmentResponse implements MyEquipmentV1 {
  @ApiProperty({ type: [MyEquipmentItemResponse] })
  items!: MyEquipmentItemV1[];

  @ApiProperty({ enum: CUSTODY_SIGNATURE_MODES, description: 'Si la oficina pide la firma dibujada al aceptar' })
  signature!: CustodySignatureMode;
}
