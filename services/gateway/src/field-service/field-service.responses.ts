import { ApiProperty } from '@nestjs/swagger';
import {
  EQUIPMENT_STATES,
  REPAIR_CONDITIONS,
  VISITOR_KINDS,
  type EquipmentState,
  type EquipmentSummaryV1,
  type FieldVisitV1,
  type RepairCondition,
  type RepairV1,
  type SignOffV1,
  type SignatureViewV1,
  type TicketEquipmentV1,
  type VisitorKind,
  type VisitorViewV1,
} from '@cau/contracts';

// Field-service answers for the OpenAPI document; each implements the contract interface it documents.

export class EquipmentSummaryResponse implements EquipmentSummaryV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  inventoryNumber!: string;

  @ApiProperty({ type: 'string', nullable: true })
  serial!: string | null;

  @ApiProperty({ description: 'Código del catálogo de tipos' })
  type!: string;

  @ApiProperty({ type: 'string', nullable: true })
  brand!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  model!: string | null;

  @ApiProperty({ enum: EQUIPMENT_STATES })
  state!: EquipmentState;
}

export class LinkedByResponse {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty()
  name!: string;
}

export class TicketEquipmentResponse implements TicketEquipmentV1 {
  @ApiProperty({ type: 'integer', minimum: 1 })
  ticketNumber!: number;

  @ApiProperty({ type: EquipmentSummaryResponse })
  equipment!: EquipmentSummaryResponse;

  @ApiProperty({ type: LinkedByResponse, description: 'Quién lo vinculó al ticket' })
  linkedBy!: LinkedByResponse;

  @ApiProperty({ format: 'date-time' })
  linkedAt!: string;
}

export class VisitorResponse implements VisitorViewV1 {
  @ApiProperty({
    enum: VISITOR_KINDS,
    description: '`staff`: una cuenta del personal; `contractor`: técnico de la empresa',
  })
  kind!: VisitorKind;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  accountId!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Nombre de la cuenta del personal' })
  name!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Empresa contratada' })
  company!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Técnico de la empresa' })
  technician!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Número de reporte de la empresa' })
  reportNumber!: string | null;
}

export class FieldVisitResponse implements FieldVisitV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  ticketNumber!: number;

  @ApiProperty({ enum: ['planned', 'recorded'] })
  status!: 'planned' | 'recorded';

  @ApiProperty({ format: 'date-time' })
  plannedFor!: string;

  @ApiProperty({ type: LinkedByResponse })
  plannedBy!: LinkedByResponse;

  @ApiProperty({ type: 'string', nullable: true })
  note!: string | null;

  @ApiProperty({ type: VisitorResponse })
  visitor!: VisitorResponse;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  arrivedAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  departedAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Lo que se hizo' })
  workDone!: string | null;

  @ApiProperty({ type: LinkedByResponse, nullable: true })
  recordedBy!: LinkedByResponse | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  recordedAt!: string | null;
}

export class RepairResponse implements RepairV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  ticketNumber!: number;

  @ApiProperty({ type: EquipmentSummaryResponse })
  equipment!: EquipmentSummaryResponse;

  @ApiProperty({ description: 'Quién retira el equipo' })
  takenBy!: string;

  @ApiProperty({ description: 'Adónde va' })
  destination!: string;

  @ApiProperty({ format: 'date-time' })
  leftAt!: string;

  @ApiProperty({ format: 'date', description: 'Retorno previsto' })
  expectedReturn!: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'Número de reporte de la empresa' })
  reportNumber!: string | null;

  @ApiProperty({ description: 'Motivo' })
  reason!: string;

  @ApiProperty({ type: LinkedByResponse })
  recordedBy!: LinkedByResponse;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  returnedOn!: string | null;

  @ApiProperty({ enum: REPAIR_CONDITIONS, nullable: true, description: 'Estado al retorno' })
  condition!: RepairCondition | null;

  @ApiProperty({ type: 'string', nullable: true })
  returnNote!: string | null;

  @ApiProperty({ type: LinkedByResponse, nullable: true })
  returnedBy!: LinkedByResponse | null;
}

export class SignatureResponse implements SignatureViewV1 {
  @ApiProperty()
  name!: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'La firma dibujada, PNG como data URL' })
  drawing!: string | null;
}

export class SignOffResponse implements SignOffV1 {
  @ApiProperty({ type: 'integer', minimum: 1 })
  ticketNumber!: number;

  @ApiProperty({ description: 'Conformidad del usuario' })
  conforme!: boolean;

  @ApiProperty({ type: 'string', nullable: true })
  comments!: string | null;

  @ApiProperty({ type: SignatureResponse, description: 'El usuario' })
  user!: SignatureResponse;

  @ApiProperty({ type: SignatureResponse, description: 'El jefe del Departamento de Centros de Información' })
  head!: SignatureResponse;

  @ApiProperty({ type: SignatureResponse, description: 'El personal encargado de la reparación' })
  repairStaff!: SignatureResponse;

  @ApiProperty({ type: LinkedByResponse })
  recordedBy!: LinkedByResponse;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;
}
