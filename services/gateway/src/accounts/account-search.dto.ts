import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AREA_CODE_PATTERN, Limits, NotBlank, ROLES, type Role } from '@cau/contracts';

export const ACCOUNT_SEARCH_PAGE_SIZE = { default: 20, max: 100 } as const;
const CURSOR_MAX_LENGTH = 400;

/** `GET /accounts` query string (the people picker, and the administrators' account list). */
export class AccountSearchParams {
  /** Words, each the start of a word of the name or e-mail; accents and case ignored. */
  @IsOptional()
  @IsString()
  @MaxLength(Limits.searchText)
  search?: string;

  @IsOptional()
  @Matches(AREA_CODE_PATTERN)
  area?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ACCOUNT_SEARCH_PAGE_SIZE.max)
  limit?: number;

  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(CURSOR_MAX_LENGTH)
  cursor?: string;
}

/** An account as a search shows it. */
export class AccountSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: 'string', nullable: true, description: 'Área de un agente (o de quien la tenga)' })
  area!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Jurisdicción de un referente (o de quien la tenga)' })
  jurisdiction!: string | null;

  @ApiProperty()
  active!: boolean;
}

export class AccountSummaryPageResponse {
  @ApiProperty({ type: [AccountSummaryResponse] })
  items!: AccountSummaryResponse[];

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Se pasa como `cursor` para la página siguiente; null en la última',
  })
  nextCursor!: string | null;
}
