import { ApiProperty } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { AREA_CODE_PATTERN, Language, Limits, ROLES, Role } from '@cau/contracts';
import { JURISDICTION_CODE_PATTERN, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './account-rules.js';
import type { Account } from './account.repository.js';
import { NotCommonPassword } from './password-rules.js';

export class CreateAccountRequest {
  @IsDefined()
  @IsEmail()
  @MaxLength(Limits.email)
  email!: string;

  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/)
  @MaxLength(Limits.name)
  name!: string;

  @IsDefined()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @NotCommonPassword()
  password!: string;

  @IsDefined()
  @IsIn(ROLES)
  role!: Role;

  /** Required for referentes, who file tickets for the people of their jurisdiction. */
  @ValidateIf((o: CreateAccountRequest) => o.role === Role.Referente || o.jurisdiction !== undefined)
  @IsDefined()
  @IsString()
  @Matches(JURISDICTION_CODE_PATTERN)
  @MaxLength(Limits.jurisdictionCode)
  jurisdiction?: string;

  /** Required for agents, who work the queue of one area. */
  @ValidateIf((o: CreateAccountRequest) => o.role === Role.Agent || o.area !== undefined)
  @IsDefined()
  @IsString()
  @Matches(AREA_CODE_PATTERN)
  area?: string;
}

/** An account as the API shows it: never the password hash. */
export class AccountResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: 'string', nullable: true })
  jurisdiction!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  area!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    type: 'string',
    enum: Object.values(Language),
    nullable: true,
    description: 'Idioma elegido para el portal; null mientras la persona no elija uno',
  })
  language!: Language | null;
}

export function toAccountResponse(account: Account): AccountResponse {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
    jurisdiction: account.jurisdiction,
    area: account.area,
    active: account.active,
    createdAt: account.createdAt.toISOString(),
    language: account.language,
  };
}

/** `PATCH /accounts/me`: what a person may change in their own account. */
export class UpdateOwnAccountRequest {
  @IsDefined()
  @IsIn(Object.values(Language))
  language!: Language;
}

/** `PUT /accounts/me/password`. */
export class ChangePasswordRequest {
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @IsDefined()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @NotCommonPassword()
  newPassword!: string;
}

/** Fields left out keep their value; null is not a way to clear one. */
export class UpdateAccountRequest {
  @ValidateIf((o: UpdateAccountRequest) => o.active !== undefined)
  @IsBoolean()
  active?: boolean;

  @ValidateIf((o: UpdateAccountRequest) => o.role !== undefined)
  @IsIn(ROLES)
  role?: Role;

  @ValidateIf((o: UpdateAccountRequest) => o.jurisdiction !== undefined)
  @IsString()
  @Matches(JURISDICTION_CODE_PATTERN)
  @MaxLength(Limits.jurisdictionCode)
  jurisdiction?: string;

  @ValidateIf((o: UpdateAccountRequest) => o.area !== undefined)
  @IsString()
  @Matches(AREA_CODE_PATTERN)
  area?: string;
}

export class AccountIdParams {
  @IsUUID()
  id!: string;
}
