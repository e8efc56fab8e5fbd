import { ApiProperty } from '@nestjs/swagger';
import { EQUIPMENT_STATES, type EquipmentState, type EquipmentSummaryV1, type TicketEquipmentV1 } from '@cau/contracts';

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
