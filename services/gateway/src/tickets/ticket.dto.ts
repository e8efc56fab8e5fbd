import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min, ValidateNested } from 'class-validator';
import { Documented, TicketServiceLevelV1, TicketViewV1 } from '@cau/contracts';

export class TicketNumberParams {
  @IsInt()
  @Min(1)
  number!: number;
}

export class TicketRegisteredResponse {
  @ApiProperty({ format: 'uuid' })
  ticketId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Número consecutivo del ticket', example: 42 })
  number!: number;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;
}

/** The ticket as its page shows it: reporting's view plus the targets resolution keeps. */
export class TicketDetail extends TicketViewV1 {
  @ValidateNested()
  @Type(() => TicketServiceLevelV1)
  @Documented({
    nullable: true,
    description: 'Objetivos de respuesta y resolución; null si el servicio de resolución aún no conoce el ticket',
  })
  serviceLevel!: TicketServiceLevelV1 | null;
}
