import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { AccountRefV1 } from '@cau/contracts';

export class ArticleFileParams {
  @IsUUID()
  id!: string;

  @IsUUID()
  fileId!: string;
}

export class KbArticleFileResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'El nombre saneado con que se guardó', example: 'pantalla de error.png' })
  fileName!: string;

  @ApiProperty({ description: 'Decidido por el contenido, no por lo que declaró el cliente', example: 'image/png' })
  contentType!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  sizeBytes!: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 del contenido, en hexadecimal (también el ETag)' })
  sha256!: string;

  @ApiProperty({
    description: 'PNG, JPEG, GIF o WebP: se muestra en el artículo (`![texto](url)`); los demás se descargan',
  })
  image!: boolean;

  @ApiProperty({
    description: 'La ruta del archivo, /api/v1/kb/articles/{id}/files/{fileId}: la que el Markdown del artículo nombra',
  })
  url!: string;

  @ApiProperty({ type: AccountRefV1, description: 'Quién lo subió' })
  addedBy!: AccountRefV1;

  @ApiProperty({ format: 'date-time' })
  addedAt!: string;
}
