import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { AREA_CODE_PATTERN, NotBlank } from '@cau/contracts';

export const CannedAnswerLimits = {
  title: 120,
  body: 5_000,
  search: 100,
  /** Answers listed at most per call (an area keeps a few dozen; the picker filters as one types). */
  listed: 300,
} as const;

export class CreateCannedAnswerRequest {
  @IsDefined()
  @Matches(AREA_CODE_PATTERN)
  area!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(CannedAnswerLimits.title)
  title!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(CannedAnswerLimits.body)
  body!: string;
}

/** Fields left out keep their value; the area does not change (write the answer again in the other area). */
export class UpdateCannedAnswerRequest {
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(CannedAnswerLimits.title)
  title?: string;

  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(CannedAnswerLimits.body)
  body?: string;
}

export class CannedAnswerQuery {
  @IsOptional()
  @Matches(AREA_CODE_PATTERN)
  area?: string;

  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(CannedAnswerLimits.search)
  search?: string;
}

export class CannedAnswerIdParams {
  @IsUUID()
  id!: string;
}

export class CannedAnswerAuthorResponse {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty()
  name!: string;
}

export class CannedAnswerResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'UIT' })
  area!: string;

  @ApiProperty({ example: 'Reinicio del equipo' })
  title!: string;

  @ApiProperty({
    description:
      'El texto, con marcadores que el portal completa con los datos del ticket: `{{numero}}`, `{{titulo}}`, ' +
      '`{{solicitante}}`, `{{jurisdiccion}}`, `{{area}}`, `{{agente}}` (quien escribe)',
  })
  body!: string;

  @ApiProperty({ type: CannedAnswerAuthorResponse, description: 'Quien la escribió o cambió por última vez' })
  updatedBy!: CannedAnswerAuthorResponse;

  @ApiProperty({ description: 'Quien pregunta puede cambiarla o borrarla (su área, o supervisión/administración)' })
  mayEdit!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class CannedAnswerListResponse {
  @ApiProperty({ type: [CannedAnswerResponse], description: 'Por área y por título' })
  items!: CannedAnswerResponse[];

  @ApiPropertyOptional({ description: 'Hay más respuestas que las listadas: afine la búsqueda' })
  truncated?: boolean;
}
