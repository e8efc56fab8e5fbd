import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Language, Limits, NotBlank, PASSWORD_RESET_TOKEN_PATTERN } from '@cau/contracts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../accounts/account-rules.js';
import { NotCommonPassword } from '../accounts/password-rules.js';

export class RegistrationRequest {
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(Limits.name)
  name!: string;

  @IsDefined()
  @IsEmail()
  @MaxLength(Limits.email)
  email!: string;

  @IsDefined()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @NotCommonPassword()
  password!: string;

  /** The language of the mails (and the account's portal, until the person changes it). Default `es`. */
  @IsOptional()
  @IsIn(Object.values(Language))
  language?: Language;
}

export class RegistrationVerifyRequest {
  /** The `token` of the mailed link. */
  @IsDefined()
  @IsString()
  @Matches(PASSWORD_RESET_TOKEN_PATTERN)
  token!: string;
}

export class RegistrationVerifiedResponse {
  @ApiProperty({ description: 'La dirección de la cuenta creada, para ingresar con ella' })
  email!: string;
}
