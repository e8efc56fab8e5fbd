import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JURISDICTION_CODE_PATTERN } from '../intake/catalogue.js';
import { ActorEnvelopeBase } from '../../common.js';
import { Language } from '../../enums.js';
import { defineEvent } from '../../events/envelope.js';
import { Limits } from '../../limits.js';
import { NotBlank } from '../../not-blank.js';
import { Documented } from '../../reply-schema.js';

/*
 * Announcements (issue 18): administrators publish security alerts, planned outages and IT-culture
 * bulletins to everyone or to some jurisdictions, shown in the portal while valid and optionally mailed.
 */

/** Stored in `announcements.kind`: never rename a value in place. */
export const AnnouncementKind = {
  SecurityAlert: 'security-alert',
  PlannedOutage: 'planned-outage',
  Bulletin: 'bulletin',
} as const;
export type AnnouncementKind = (typeof AnnouncementKind)[keyof typeof AnnouncementKind];
export const ANNOUNCEMENT_KINDS: readonly AnnouncementKind[] = Object.values(AnnouncementKind);

export const AnnouncementAudience = { Everyone: 'everyone', Jurisdictions: 'jurisdictions' } as const;
export type AnnouncementAudience = (typeof AnnouncementAudience)[keyof typeof AnnouncementAudience];
export const ANNOUNCEMENT_AUDIENCES: readonly AnnouncementAudience[] = Object.values(AnnouncementAudience);

export const AnnouncementLimits = {
  title: Limits.title,
  body: Limits.description,
  jurisdictions: 200,
} as const;

/**
 * What an administrator writes. `body` is plain text with a little markdown (paragraphs, `- ` lists,
 * `**bold**`, `*italic*`, `[text](https://…)`), never HTML: the portal renders it without HTML and mails
 * send it as text. `jurisdictions` only with audience `jurisdictions` (codes of intake's catalogue).
 */
export class AnnouncementInputV1 {
  @IsDefined()
  @IsIn(ANNOUNCEMENT_KINDS)
  kind!: AnnouncementKind;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(AnnouncementLimits.title)
  title!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(AnnouncementLimits.body)
  body!: string;

  /** The language it is written in: the mail's greeting and signature are in it. */
  @IsDefined()
  @IsIn(Object.values(Language))
  language!: Language;

  @IsDefined()
  @IsIn(ANNOUNCEMENT_AUDIENCES)
  audience!: AnnouncementAudience;

  @ValidateIf(
    (o: AnnouncementInputV1) => o.audience === AnnouncementAudience.Jurisdictions || o.jurisdictions !== undefined,
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AnnouncementLimits.jurisdictions)
  @IsString({ each: true })
  @Matches(JURISDICTION_CODE_PATTERN, { each: true })
  @MaxLength(Limits.jurisdictionCode, { each: true })
  jurisdictions?: string[];

  @IsDefined()
  @IsISO8601({ strict: true })
  validFrom!: string;

  /** Optional: without it, the announcement stays until it is withdrawn. */
  @ValidateIf((o: AnnouncementInputV1) => o.validUntil !== undefined && o.validUntil !== null)
  @IsISO8601({ strict: true })
  validUntil?: string | null;
}

/** A new announcement; `sendMail` mails it once to its audience's requesters when it is published. */
export class NewAnnouncementInputV1 extends AnnouncementInputV1 {
  @IsDefined()
  @IsBoolean()
  sendMail!: boolean;
}

export class ListAnnouncementsQueryV1 extends ActorEnvelopeBase {}

export class CurrentAnnouncementsQueryV1 extends ActorEnvelopeBase {}

export class CreateAnnouncementCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => NewAnnouncementInputV1)
  announcement!: NewAnnouncementInputV1;
}

export class UpdateAnnouncementCommandV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => AnnouncementInputV1)
  announcement!: AnnouncementInputV1;
}

export class AnnouncementRefV1 extends ActorEnvelopeBase {
  @IsUUID()
  id!: string;
}

export class AnnouncementPersonV1 {
  @IsString()
  name!: string;

  @IsEmail()
  email!: string;
}

export class AnnouncementV1 {
  @IsUUID()
  id!: string;

  @IsIn(ANNOUNCEMENT_KINDS)
  @Documented({
    description: 'security-alert: alerta de seguridad; planned-outage: corte programado; bulletin: boletín',
  })
  kind!: AnnouncementKind;

  @IsString()
  title!: string;

  @IsString()
  @Documented({
    description: 'Texto con un poco de markdown (párrafos, listas con «- », **negrita**, *cursiva*, enlaces https)',
  })
  body!: string;

  @IsIn(Object.values(Language))
  @Documented({ description: 'Idioma en que está escrito' })
  language!: Language;

  @IsIn(ANNOUNCEMENT_AUDIENCES)
  @Documented({ description: 'everyone: todos; jurisdictions: las indicadas' })
  audience!: AnnouncementAudience;

  /** Empty for everyone. */
  @IsArray()
  @IsString({ each: true })
  @Documented({ description: 'Vacío cuando es para todos' })
  jurisdictions!: string[];

  @IsString()
  @Documented({ format: 'date-time' })
  validFrom!: string;

  @IsString()
  @Documented({ nullable: true, format: 'date-time', description: 'null: hasta que se retire' })
  validUntil!: string | null;

  /** Asked to be mailed when it was published. */
  @IsBoolean()
  @Documented({ description: 'Se envió (una vez) por correo a los solicitantes al publicarlo' })
  sendMail!: boolean;

  /** Grows by one on every edit (a dismissed announcement that is edited shows again). */
  @IsInt()
  @Min(1)
  @Documented({ description: 'Sube con cada edición' })
  version!: number;

  @ValidateNested()
  @Type(() => AnnouncementPersonV1)
  createdBy!: AnnouncementPersonV1;

  @IsString()
  @Documented({ format: 'date-time' })
  createdAt!: string;

  @ValidateNested()
  @Type(() => AnnouncementPersonV1)
  updatedBy!: AnnouncementPersonV1;

  @IsString()
  @Documented({ format: 'date-time' })
  updatedAt!: string;

  /** Set once withdrawn (only the audit log shows a withdrawn one). */
  @IsString()
  @Documented({ nullable: true, format: 'date-time' })
  withdrawnAt!: string | null;
}

/** What a change did, for the gateway's audit row: `before` is null when it was created. */
export interface AnnouncementChangeV1 {
  before: AnnouncementV1 | null;
  after: AnnouncementV1;
}

export class AnnouncementListV1 {
  @ValidateNested({ each: true })
  @Type(() => AnnouncementV1)
  items!: AnnouncementV1[];
}

/** `announcement.published`: everything the mail needs, so it is rendered from the event alone. */
export class AnnouncementPublishedV1 {
  @IsUUID()
  id!: string;

  @IsIn(ANNOUNCEMENT_KINDS)
  kind!: AnnouncementKind;

  @IsString()
  @MaxLength(AnnouncementLimits.title)
  title!: string;

  @IsString()
  @MaxLength(AnnouncementLimits.body)
  body!: string;

  @IsIn(Object.values(Language))
  language!: Language;

  @IsIn(ANNOUNCEMENT_AUDIENCES)
  audience!: AnnouncementAudience;

  @IsArray()
  @IsString({ each: true })
  jurisdictions!: string[];

  @IsISO8601()
  validFrom!: string;

  @ValidateIf((o: AnnouncementPublishedV1) => o.validUntil !== null)
  @IsISO8601()
  validUntil!: string | null;

  @IsBoolean()
  sendMail!: boolean;
}

/** `announcement.updated`: the state after an edit (never mailed again). */
export class AnnouncementUpdatedV1 extends AnnouncementPublishedV1 {}

export class AnnouncementWithdrawnV1 {
  @IsUUID()
  id!: string;
}

export const AnnouncementEvents = {
  Published: defineEvent('announcement.published', 1, AnnouncementPublishedV1),
  Updated: defineEvent('announcement.updated', 1, AnnouncementUpdatedV1),
  Withdrawn: defineEvent('announcement.withdrawn', 1, AnnouncementWithdrawnV1),
} as const;
