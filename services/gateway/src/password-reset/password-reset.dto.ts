import { IsDefined, IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Limits, PASSWORD_RESET_TOKEN_PATTERN } from '@cau/contracts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../accounts/account-rules.js';
import { NotCommonPassword } from '../accounts/password-rules.js';

export class PasswordResetRequest {
  @IsDefined()
  @IsEmail()
  @MaxLength(Limits.email)
  email!: string;
}

export class PasswordResetConfirmRequest {
  /** The `token` of the mailed link. */
  @IsDefined()
  @IsString()
  @Matches(PASSWORD_RESET_TOKEN_PATTERN)
  token!: string;

  @IsDefined()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @NotCommonPassword()
  password!: string;
}
