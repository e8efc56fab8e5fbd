import { ApiProperty } from '@nestjs/swagger';
import {
  REPAIR_CONDITIONS,
  SERVICE_LOG_KINDS,
  VISITOR_KINDS,
  type ServiceLogEntryV1,
  type ServiceLogKind,
  type ServiceLogPageV1,
} from '@cau/contracts';

// The service log's answers for the OpenAPI document; each implements the contract interface it documents.

export class ServiceLogEquipmentResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  inventoryNumber!: string;

  @ApiProperty({ description: 'Código del catálogo de tipos' })
  type!: string;

  @ApiProperty({ description: 'El nombre del tipo en el catálogo (español)' })
  typeLabel!: string;
}

export class ServiceLogHolderResponse {
  @ApiProperty({ format: 'uuid' })
  requesterId!: string;

  @ApiProperty()
  name!: string;
}

export class ServiceLogByResponse {
  @ApiProperty({ enum: [...VISITOR_KINDS, 'taken-by'], description: 'staff, contractor, o quien retiró el equipo' })
  kind!: ServiceLogEntryV1['by']['kind'];

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: 'string', nullable: true })
  company!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'El número de reporte de la empresa o de la UTIC' })
  reportNumber!: string | null;
}

export class ServiceLogEntryResponse implements ServiceLogEntryV1 {
  @ApiProperty()
  id!: string;

  @ApiProperty({ enum: SERVICE_LOG_KINDS })
  kind!: ServiceLogKind;

  @ApiProperty({ format: 'date-time', description: 'El momento, para el orden (un retorno: el inicio de su día)' })
  at!: string;

  @ApiProperty({
    type: 'string',
    format: 'date',
    nullable: true,
    description: 'El día de una atención registrada como día (el retorno de una reparación); null en las demás',
  })
  day!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1 })
  ticketNumber!: number;

  @ApiProperty({ type: ServiceLogEquipmentResponse })
  equipment!: ServiceLogEquipmentResponse;

  @ApiProperty({ type: ServiceLogHolderResponse, nullable: true, description: 'Quién tenía el equipo en resguardo' })
  holder!: ServiceLogHolderResponse | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Lo que se hizo' })
  done!: string | null;

  @ApiProperty({ type: ServiceLogByResponse })
  by!: ServiceLogByResponse;

  @ApiProperty({
    type: 'string',
    enum: [...REPAIR_CONDITIONS, 'en_reparacion', 'conforme', 'no_conforme'],
    nullable: true,
  })
  result!: ServiceLogEntryV1['result'];

  @ApiProperty({ type: 'boolean', nullable: true, description: 'La conformidad del ticket: null si no hay' })
  signedOff!: boolean | null;
}

export class ServiceLogPageResponse implements ServiceLogPageV1 {
  @ApiProperty({ type: ServiceLogEntryResponse, isArray: true })
  items!: ServiceLogEntryResponse[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Páselo como `cursor` para la página siguiente' })
  nextCursor!: string | null;
}
