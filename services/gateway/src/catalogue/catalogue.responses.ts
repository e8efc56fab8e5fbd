import { ApiProperty } from '@nestjs/swagger';
import type { CatalogueEntryV1, CatalogueOptionsV1 } from '@cau/contracts';
import { LocalizedTextResponse } from '../tickets/ticket.dto.js';

// `implements` keeps these documentation classes in step with the contract interfaces.

export class CatalogueEntryResponse implements CatalogueEntryV1 {
  @ApiProperty({ description: 'El valor que se envía al registrar', example: 'impresoras' })
  code!: string;

  @ApiProperty({ type: LocalizedTextResponse, description: 'Lo que se muestra, en español e inglés' })
  label!: LocalizedTextResponse;
}

export class CatalogueOptionsResponse implements CatalogueOptionsV1 {
  @ApiProperty({ type: [CatalogueEntryResponse], description: 'Valores de `type`' })
  types!: CatalogueEntryResponse[];

  @ApiProperty({ type: [CatalogueEntryResponse], description: 'Valores de `impact`' })
  impacts!: CatalogueEntryResponse[];

  @ApiProperty({ type: [CatalogueEntryResponse], description: 'Valores de `urgency`' })
  urgencies!: CatalogueEntryResponse[];

  @ApiProperty({ type: [CatalogueEntryResponse], description: 'Valores de `channel`' })
  channels!: CatalogueEntryResponse[];
}
