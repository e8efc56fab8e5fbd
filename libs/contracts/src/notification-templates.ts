import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorV1 } from './common.js';
import { Language } from './enums.js';
import { NotBlank } from './not-blank.js';

/**
 * Request/reply subjects of the mail templates administrators edit (queue group `notifications`).
 * NEVER rename a subject in place (see subjects.ts).
 */
export const NotificationTemplateCommands = {
  /** Administrators: every mail kind with its placeholders and, per language, the version in force. */
  ListTemplates: 'notifications.templates.list.v1',
  /** Administrators: the template of one kind and language in force (an override, or the built-in one). */
  GetTemplate: 'notifications.templates.get.v1',
  /** Administrators: saves a new version; the next mail of that kind and language uses it. */
  PutTemplate: 'notifications.templates.put.v1',
  /** Administrators: back to the built-in template (recorded as a version too). */
  ResetTemplate: 'notifications.templates.reset.v1',
  /** Administrators: every version of one kind and language, newest first. */
  ListTemplateVersions: 'notifications.templates.versions.v1',
  /** Administrators: renders a template with sample data or with a ticket's stored facts, sending nothing. */
  PreviewTemplate: 'notifications.templates.preview.v1',
} as const;

/**
 * The mails whose text administrators can replace; the `kind` of deliveries. Keep in step with the
 * mail plans of the notifications service (a unit test there compares them).
 */
export const MAIL_KINDS = [
  'ticket-registered',
  'ticket-escalated',
  'solution-returned',
  'ticket-assigned',
  'ticket-resolved',
  'review-requested',
  'review-rejected',
  'ticket-closed',
  'ticket-reopened',
  'sla-breached',
  'requester-commented',
  'staff-replied',
  'ticket-merged',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const MAIL_LANGUAGES: readonly Language[] = Object.values(Language);

export const TemplateLimits = {
  subject: 500,
  text: 20_000,
  html: 100_000,
} as const;

/** Which template: the path `templates/{kind}/{language}`. */
export class TemplateKeyV1 {
  @IsDefined()
  @IsIn(MAIL_KINDS)
  kind!: MailKind;

  @IsDefined()
  @IsIn(MAIL_LANGUAGES)
  language!: Language;
}

/**
 * A template in Mustache (https://mustache.github.io/mustache.5.html): `{{placeholder}}` is replaced
 * (and HTML-escaped in `html`), `{{#placeholder}}…{{/placeholder}}` shows its content only when the
 * value is not empty. Partials and unescaped output in `html` are refused. The subject must start with
 * `[CAU #{{number}}]`, which replies are matched by.
 */
export class MailTemplateBodyV1 {
  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(TemplateLimits.subject)
  subject!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(TemplateLimits.text)
  text!: string;

  @IsDefined()
  @IsString()
  @NotBlank()
  @MaxLength(TemplateLimits.html)
  html!: string;
}

class TemplateKeyCommandBase extends TemplateKeyV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

export class ListTemplatesQueryV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

export class GetTemplateQueryV1 extends TemplateKeyCommandBase {}

export class ResetTemplateCommandV1 extends TemplateKeyCommandBase {}

export class ListTemplateVersionsQueryV1 extends TemplateKeyCommandBase {}

export class PutTemplateCommandV1 extends TemplateKeyCommandBase {
  @IsObject()
  @ValidateNested()
  @Type(() => MailTemplateBodyV1)
  @IsDefined()
  template!: MailTemplateBodyV1;
}

/** What to preview: a draft (or the template in force), with sample data or a ticket's stored facts. */
export class PreviewTemplateBodyV1 {
  /** A ticket the service has mailed about; facts the ticket does not keep (a solution, a reason) stay samples. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  ticketNumber?: number;

  /** A draft to try before saving it; without it, the template in force. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MailTemplateBodyV1)
  template?: MailTemplateBodyV1;
}

export class PreviewTemplateCommandV1 extends TemplateKeyCommandBase {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  ticketNumber?: number;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MailTemplateBodyV1)
  template?: MailTemplateBodyV1;
}

export interface PlaceholderV1 {
  name: string;
  description: Record<Language, string>;
}

/** `built-in`: the text shipped with the service; `override`: an administrator's version. */
export type TemplateSourceV1 = 'built-in' | 'override';

export interface TemplateVersionInfoV1 {
  /** 0 when the kind and language were never edited. */
  version: number;
  source: TemplateSourceV1;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface MailKindV1 {
  kind: MailKind;
  /** The event type that gives this mail, and who receives it. */
  eventType: string;
  recipient: string;
  placeholders: PlaceholderV1[];
  languages: Record<Language, TemplateVersionInfoV1>;
}

export interface MailKindListV1 {
  kinds: MailKindV1[];
}

export interface MailTemplateV1 extends TemplateVersionInfoV1 {
  kind: MailKind;
  language: Language;
  /** The administrator's template; null while the built-in one (code, not a template) is in force. */
  template: MailTemplateBodyV1 | null;
  placeholders: PlaceholderV1[];
}

export interface TemplateVersionV1 {
  version: number;
  /** null: this version went back to the built-in template. */
  template: MailTemplateBodyV1 | null;
  createdBy: string;
  createdAt: string;
}

export interface TemplateVersionListV1 {
  versions: TemplateVersionV1[];
}

export interface MailPreviewV1 {
  source: TemplateSourceV1 | 'draft';
  subject: string;
  text: string;
  html: string;
}
