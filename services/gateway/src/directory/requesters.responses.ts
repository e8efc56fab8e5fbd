import { ApiProperty } from '@nestjs/swagger';
import type { RequesterPageV1, RequesterV1 } from '@cau/contracts';

export class RequesterResponse implements RequesterV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty({ type: 'string', nullable: true })
  phone!: string | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Jurisdicción del último ticket registrado para la persona',
  })
  jurisdiction!: string | null;
}

export class RequesterPageResponse implements RequesterPageV1 {
  @ApiProperty({ type: [RequesterResponse] })
  items!: RequesterResponse[];

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Se pasa como `cursor` para la página siguiente; null en la última',
  })
  nextCursor!: string | null;
}
