import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { NotBlank } from '@cau/contracts';

export const SavedViewLimits = {
  name: 100,
  /** Long enough for every filter of the queue page at once; a URL over ~2,000 characters is unsafe anyway. */
  query: 2_000,
  /** Views one account may keep. */
  perAccount: 100,
  /** Views shared by others listed at most (by name). */
  sharedListed: 400,
} as const;

/**
 * The queue page's URL search string as the browser's `location.search` gives it (`?status=abierto&area=UIT`,
 * percent-encoded): printable ASCII without spaces, or empty. It is kept as text and only ever put back in a
 * URL by the portal; nothing on the server interprets it.
 */
export const VIEW_QUERY_PATTERN = /^[\x21-\x7e]*$/;

export class CreateSavedViewRequest {
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(SavedViewLimits.name)
  name!: string;

  @IsDefined()
  @IsString()
  @MaxLength(SavedViewLimits.query)
  @Matches(VIEW_QUERY_PATTERN)
  query!: string;

  @IsOptional()
  @IsBoolean()
  shared?: boolean;
}

/** Fields left out keep their value. */
export class UpdateSavedViewRequest {
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(SavedViewLimits.name)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(SavedViewLimits.query)
  @Matches(VIEW_QUERY_PATTERN)
  query?: string;

  @IsOptional()
  @IsBoolean()
  shared?: boolean;
}

export class SavedViewIdParams {
  @IsUUID()
  id!: string;
}

export class SavedViewOwnerResponse {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty()
  name!: string;
}

export class SavedViewResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'La cadena de búsqueda de la URL de la cola, p. ej. `?status=abierto&area=UIT`' })
  query!: string;

  @ApiProperty({ description: 'Visible para todo el personal' })
  shared!: boolean;

  @ApiProperty({ type: SavedViewOwnerResponse })
  owner!: SavedViewOwnerResponse;

  @ApiProperty({ description: 'La vista es de quien pregunta (puede editarla o borrarla)' })
  mine!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class SavedViewListResponse {
  @ApiProperty({
    type: [SavedViewResponse],
    description: 'Primero las propias, luego las compartidas por otros; cada grupo por nombre',
  })
  items!: SavedViewResponse[];
}
