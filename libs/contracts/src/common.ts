import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AREA_CODE_PATTERN, ROLES, type Role } from './enums.js';
import { Limits } from './limits.js';
import { NotBlank } from './not-blank.js';

/** Who is asking. Set by the gateway from the verified token, never by the client. */
export class ActorV1 {
  @IsUUID()
  accountId!: string;

  @IsIn(ROLES)
  role!: Role;

  @IsEmail()
  @MaxLength(Limits.email)
  email!: string;

  @IsString()
  @MaxLength(Limits.name)
  name!: string;

  /** Referentes act for one jurisdiction. */
  @IsOptional()
  @IsString()
  @MaxLength(Limits.jurisdictionCode)
  jurisdiction?: string;

  /** Agents belong to one area. */
  @IsOptional()
  @Matches(AREA_CODE_PATTERN)
  area?: string;
}

export class ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}
