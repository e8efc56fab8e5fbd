import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { LocalizedLabelV1 } from '../../catalogue.js';
import { ActorEnvelopeBase } from '../../common.js';
import { defineEvent } from '../../events/envelope.js';
import { Limits } from '../../limits.js';
import { NotBlank } from '../../not-blank.js';
import { LocalizedTextV1 } from '../../reply-parts.js';
import { Documented } from '../../reply-schema.js';

/**
 * The administered catalogues (intake owns them: registration validates against them). Categories form a
 * two-level tree (category → subcategory) and `category` of a registration is the code of either level;
 * services are the catalogue of services offered; jurisdictions carry their referentes and supervisors.
 * Ticket types stay the domain enum of ./enums.ts (routing keys on them), labelled in ./catalogue.ts.
 * Nothing is ever deleted: an entry is retired, new registrations refuse it, tickets keep it.
 */

/** Lower-case words joined by hyphens: `red-e-internet` (categories and services). */
export const CATEGORY_CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Jurisdiction codes as registration has always accepted them: `SALUD`, `min.educacion`. */
export const JURISDICTION_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** The inbound mail channel registers its tickets with this category: it cannot be retired. */
export const INBOUND_MAIL_CATEGORY = 'correo-electronico';

export const CatalogueLimits = {
  label: 100,
  order: 10_000,
  emails: 20,
} as const;

export const CATALOGUE_KINDS = ['category', 'service', 'jurisdiction'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const lowerTrimmed = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value;

export class LocalizedLabelInputV1 implements LocalizedLabelV1 {
  @IsDefined()
  @Transform(trimmed)
  @IsString()
  @NotBlank()
  @MaxLength(CatalogueLimits.label)
  es!: string;

  @IsDefined()
  @Transform(trimmed)
  @IsString()
  @NotBlank()
  @MaxLength(CatalogueLimits.label)
  en!: string;
}

/** `PUT /api/v1/catalogue/categories/{code}`: creates the category or changes its labels, parent or order. */
export class CategoryInputV1 {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedLabelInputV1)
  label!: LocalizedLabelInputV1;

  /** The category this one is a subcategory of; null or absent: a top-level category. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(CATEGORY_CODE_PATTERN)
  @MaxLength(Limits.category)
  parent?: string | null;

  /** Position among its siblings (smaller first); absent keeps the current one (new entries go last). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(CatalogueLimits.order)
  order?: number;
}

/** `PUT /api/v1/catalogue/services/{code}`. */
export class ServiceInputV1 {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedLabelInputV1)
  label!: LocalizedLabelInputV1;
}

/** `PUT /api/v1/catalogue/jurisdictions/{code}`. */
export class JurisdictionInputV1 {
  @IsDefined()
  @Transform(trimmed)
  @IsString()
  @NotBlank()
  @MaxLength(Limits.name)
  name!: string;

  @IsDefined()
  @IsArray()
  @ArrayMaxSize(CatalogueLimits.emails)
  @Transform(lowerTrimmed)
  @IsEmail({}, { each: true })
  @MaxLength(Limits.email, { each: true })
  @ArrayUnique()
  referenteEmails!: string[];

  @IsDefined()
  @IsArray()
  @ArrayMaxSize(CatalogueLimits.emails)
  @Transform(lowerTrimmed)
  @IsEmail({}, { each: true })
  @MaxLength(Limits.email, { each: true })
  @ArrayUnique()
  supervisorEmails!: string[];
}

/** `PUT /api/v1/catalogue/{kind}/{code}/retired`. */
export class RetiredInputV1 {
  @IsDefined()
  @IsBoolean()
  retired!: boolean;
}

export class ListCatalogueQueryV1 extends ActorEnvelopeBase {
  /** Retired entries and the jurisdictions' e-mails too (administrators only). */
  @IsBoolean()
  full!: boolean;
}

export class SaveCategoryCommandV1 extends ActorEnvelopeBase {
  @IsString()
  @Matches(CATEGORY_CODE_PATTERN)
  @MaxLength(Limits.category)
  code!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => CategoryInputV1)
  entry!: CategoryInputV1;
}

export class SaveServiceCommandV1 extends ActorEnvelopeBase {
  @IsString()
  @Matches(CATEGORY_CODE_PATTERN)
  @MaxLength(Limits.category)
  code!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ServiceInputV1)
  entry!: ServiceInputV1;
}

export class SaveJurisdictionCommandV1 extends ActorEnvelopeBase {
  @IsString()
  @Matches(JURISDICTION_CODE_PATTERN)
  @MaxLength(Limits.jurisdictionCode)
  code!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => JurisdictionInputV1)
  entry!: JurisdictionInputV1;
}

export class SetRetiredCommandV1 extends ActorEnvelopeBase {
  @IsIn(CATALOGUE_KINDS)
  kind!: CatalogueKind;

  @IsString()
  @Matches(JURISDICTION_CODE_PATTERN)
  @MaxLength(Limits.jurisdictionCode)
  code!: string;

  @IsBoolean()
  retired!: boolean;
}

export class CategoryV1 {
  @IsString()
  @Documented({ example: 'impresoras' })
  code!: string;

  /** The category this is a subcategory of; null for a top-level category. */
  @IsString()
  @Documented({ nullable: true, description: 'La categoría de la que es subcategoría' })
  parent!: string | null;

  @ValidateNested()
  @Type(() => LocalizedTextV1)
  label!: LocalizedTextV1;

  @IsInt()
  @Min(0)
  @Documented({ description: 'Orden entre sus hermanas (menor primero)', example: 0 })
  order!: number;

  @IsBoolean()
  @Documented({ description: 'Retirada: el registro ya no la acepta; los tickets la conservan' })
  retired!: boolean;
}

export class ServiceV1 {
  @IsString()
  @Documented({ example: 'correo-institucional' })
  code!: string;

  @ValidateNested()
  @Type(() => LocalizedTextV1)
  label!: LocalizedTextV1;

  @IsBoolean()
  retired!: boolean;
}

export class JurisdictionV1 {
  @IsString()
  @Documented({ example: 'SALUD' })
  code!: string;

  @IsString()
  @Documented({ example: 'Ministerio de Salud' })
  name!: string;

  @IsArray()
  @IsEmail({}, { each: true })
  @Documented({ description: 'Referentes tecnológicos (correo)' })
  referenteEmails!: string[];

  @IsArray()
  @IsEmail({}, { each: true })
  @Documented({ description: 'Supervisores (correo)' })
  supervisorEmails!: string[];

  /**
   * Confirmed by an administrator. While no jurisdiction is listed, registration accepts any
   * jurisdiction code (installations that never configured the catalogue keep working); once one is,
   * registration takes only listed, active ones.
   */
  @IsBoolean()
  @Documented({
    description:
      'Confirmada por un administrador. Mientras ninguna lo está, el registro acepta cualquier jurisdicción; ' +
      'desde que una lo está, solo las confirmadas y activas.',
  })
  listed!: boolean;

  @IsBoolean()
  retired!: boolean;
}

export class CatalogueV1 {
  /** Top-level categories and subcategories, each in its siblings' order (parents before children). */
  @ValidateNested({ each: true })
  @Type(() => CategoryV1)
  @Documented({ description: 'Categorías, cada una seguida de sus subcategorías' })
  categories!: CategoryV1[];

  @ValidateNested({ each: true })
  @Type(() => ServiceV1)
  services!: ServiceV1[];

  @ValidateNested({ each: true })
  @Type(() => JurisdictionV1)
  jurisdictions!: JurisdictionV1[];
}

/** What a change did, for the gateway's audit row: `before` is null when the entry was created. */
export interface CatalogueChangeV1<T> {
  before: T | null;
  after: T;
}

/** `catalogue.changed`: one entry was created, changed, retired or restored. */
export class CatalogueChangedV1 {
  @IsIn(CATALOGUE_KINDS)
  kind!: CatalogueKind;

  @IsString()
  @MaxLength(Limits.jurisdictionCode)
  code!: string;

  @IsBoolean()
  retired!: boolean;

  /** Jurisdictions only: who is told about its requesters' tickets. */
  @IsOptional()
  @IsArray()
  @IsEmail({}, { each: true })
  referenteEmails?: string[];

  @IsOptional()
  @IsArray()
  @IsEmail({}, { each: true })
  supervisorEmails?: string[];
}

export const CatalogueEvents = {
  Changed: defineEvent('catalogue.changed', 1, CatalogueChangedV1),
} as const;
