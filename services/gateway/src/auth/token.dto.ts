import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Limits } from '@cau/contracts';
import { PASSWORD_MAX_LENGTH } from '../accounts/account-rules.js';
import type { AccessToken } from './token.service.js';

/** Not checked as an e-mail address: a malformed one simply matches no account. */
export class TokenRequest {
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(Limits.email)
  email!: string;

  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class TokenResponse implements AccessToken {
  @ApiProperty({ description: 'JWT firmado (HS256); enviarlo como `Authorization: Bearer <token>`' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Segundos de validez del token', example: 3600 })
  expiresIn!: number;
}
