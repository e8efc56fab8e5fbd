import { ApiProperty } from '@nestjs/swagger';
import {
  IMPACTS,
  PRIORITIES,
  TICKET_TYPES,
  URGENCIES,
  type Impact,
  type Priority,
  type TicketClassificationV1,
  type TicketType,
  type Urgency,
} from '@cau/contracts';

/** Routing's answer: the ticket's classification after the correction. */
export class TicketClassificationResponse implements TicketClassificationV1 {
  @ApiProperty({ enum: TICKET_TYPES })
  type!: TicketType;

  @ApiProperty({ example: 'correo' })
  category!: string;

  @ApiProperty({ enum: IMPACTS })
  impact!: Impact;

  @ApiProperty({ enum: URGENCIES })
  urgency!: Urgency;

  @ApiProperty({ enum: PRIORITIES, description: 'La que da la matriz de prioridad para el impacto y la urgencia' })
  priority!: Priority;
}
