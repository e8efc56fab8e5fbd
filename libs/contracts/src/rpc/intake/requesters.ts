import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorEnvelopeBase } from '../../common.js';
import { Limits } from '../../limits.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';

export const RequesterSearchLimits = {
  pageSize: 50,
  defaultPageSize: 20,
  cursor: 300,
} as const;

/**
 * `GET /requesters` query string. `search`: words, each the start of a word of the name, e-mail or phone
 * (accents and case ignored), or digits found anywhere in the phone number; empty lists everyone.
 * Ordered by name; `cursor` is the `nextCursor` of the previous page.
 */
export class RequesterSearchParamsV1 {
  @IsOptional()
  @IsString()
  @MaxLength(Limits.searchText)
  search?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(RequesterSearchLimits.pageSize)
  limit?: number;

  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(RequesterSearchLimits.cursor)
  cursor?: string;
}

export class RequesterSearchQueryV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => RequesterSearchParamsV1)
  params!: RequesterSearchParamsV1;
}

export class RequesterV1 {
  @IsUUID()
  id!: string;

  @IsString()
  name!: string;

  @IsEmail()
  email!: string;

  @IsString()
  @Documented({ nullable: true })
  phone!: string | null;

  /** The jurisdiction of the requester's latest ticket; null if none is known. */
  @IsString()
  @Documented({ nullable: true, description: 'Jurisdicción del último ticket registrado para la persona' })
  jurisdiction!: string | null;
}

export class RequesterPageV1 {
  @ValidateNested({ each: true })
  @Type(() => RequesterV1)
  items!: RequesterV1[];

  /** Pass as `cursor` for the next page; null on the last one. */
  @IsString()
  @Documented({ nullable: true, description: 'Se pasa como `cursor` para la página siguiente; null en la última' })
  nextCursor!: string | null;
}

export class RequesterRefV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;
}

/** Notifications' WhatsApp channel asks for the requester a WhatsApp number belongs to. */
export class RequesterByPhoneQueryV1 {
  /** E.164 digits without the plus sign. */
  @IsDefined()
  @IsString()
  @Matches(/^[0-9]{6,20}$/)
  phone!: string;

  /** Country code put before numbers stored without one (`591`); none when empty. */
  @IsOptional()
  @IsString()
  @Matches(/^[0-9]{0,4}$/)
  countryCode?: string;
}
