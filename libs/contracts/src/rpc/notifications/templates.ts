import { Type } from 'class-transformer';
import {
  IsArray,
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
import { ActorV1 } from '../../common.js';
import { Events } from '../../events/ticket-events.js';
import { ProcedureEvents } from '../../procedures/events.js';
import { Language } from '../../enums.js';
import { NotBlank } from '../../not-blank.js';
import { LocalizedTextV1 } from '../../reply-parts.js';
import { Documented } from '../../reply-schema.js';

/**
 * The one table of the ticket mails administrators can replace: each kind (the `kind` of deliveries),
 * the event type that gives it and the placeholders only that event gives (every ticket mail also has
 * `TICKET_PLACEHOLDERS`). The mail kinds, their placeholders and the event types people can opt out of
 * (`NOTIFIED_EVENT_TYPES`) are all read from it; the notifications service plans one mail per kind.
 */
export const TICKET_MAIL_TABLE = {
  'ticket-registered': { eventType: Events.TicketRegistered.type, placeholders: [] },
  'ticket-escalated': {
    eventType: ProcedureEvents.TicketEscalated.type,
    placeholders: ['from', 'to', 'byName', 'reason'],
  },
  'solution-returned': {
    eventType: ProcedureEvents.SolutionReturned.type,
    placeholders: ['from', 'to', 'byName', 'reason'],
  },
  'ticket-assigned': { eventType: ProcedureEvents.TicketTaken.type, placeholders: ['area', 'assigneeName', 'byName'] },
  'ticket-resolved': { eventType: ProcedureEvents.TicketResolved.type, placeholders: ['solution'] },
  'review-requested': {
    eventType: ProcedureEvents.TicketResolved.type,
    placeholders: ['area', 'byName', 'solution', 'verifiedWithRequester'],
  },
  'review-rejected': {
    eventType: ProcedureEvents.ReviewRejected.type,
    placeholders: ['area', 'byName', 'observations'],
  },
  'ticket-closed': { eventType: ProcedureEvents.TicketClosed.type, placeholders: ['ownTicket'] },
  'ticket-reopened': { eventType: ProcedureEvents.TicketReopened.type, placeholders: ['reason'] },
  'sla-breached': { eventType: ProcedureEvents.SlaBreached.type, placeholders: ['area', 'target', 'dueAt'] },
  'requester-commented': {
    eventType: ProcedureEvents.TicketCommented.type,
    placeholders: ['area', 'channel', 'text', 'reopens', 'reopened'],
  },
  'staff-replied': { eventType: ProcedureEvents.TicketCommented.type, placeholders: ['byName', 'reply'] },
  'ticket-merged': { eventType: ProcedureEvents.TicketMerged.type, placeholders: ['original', 'originalUrl'] },
} as const satisfies Record<string, { eventType: string; placeholders: readonly string[] }>;

export type MailKind = keyof typeof TICKET_MAIL_TABLE;
/** In the order of a ticket's life. */
export const MAIL_KINDS = Object.keys(TICKET_MAIL_TABLE) as MailKind[];

/** The placeholders of every ticket mail, from the ticket's stored facts. */
export const TICKET_PLACEHOLDERS = [
  'number',
  'title',
  'requesterName',
  'jurisdiction',
  'registeredAt',
  'ticketUrl',
  'surveyUrl',
] as const;

/** Every placeholder of one mail kind: the ticket's, then its event's. */
export function placeholdersOf(kind: MailKind): readonly string[] {
  return [...TICKET_PLACEHOLDERS, ...TICKET_MAIL_TABLE[kind].placeholders];
}

/** The event types that can give mails, in the order of a ticket's life: the keys of preferences. */
export const NOTIFIED_EVENT_TYPES: readonly string[] = [
  ...new Set(MAIL_KINDS.map((kind) => TICKET_MAIL_TABLE[kind].eventType)),
];

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

export class PlaceholderV1 {
  @IsString()
  @Documented({ example: 'title' })
  name!: string;

  @ValidateNested()
  @Type(() => LocalizedTextV1)
  description!: LocalizedTextV1;
}

/** `built-in`: the text shipped with the service; `override`: an administrator's version. */
export type TemplateSourceV1 = 'built-in' | 'override';

export class TemplateVersionInfoV1 {
  /** 0 when the kind and language were never edited. */
  @IsInt()
  @Min(0)
  @Documented({ description: '0: nunca se editó' })
  version!: number;

  @IsIn(['built-in', 'override'])
  source!: TemplateSourceV1;

  @IsString()
  @Documented({ nullable: true, description: 'Correo de quien guardó la versión vigente' })
  updatedBy!: string | null;

  @IsString()
  @Documented({ nullable: true, format: 'date-time' })
  updatedAt!: string | null;
}

/**
 * One mail kind's version in force in each language, a field per language so that its schema names them;
 * `implements` fails the build when a language added to `Language` is missing here.
 */
export class TemplateVersionsByLanguageV1 implements Record<Language, TemplateVersionInfoV1> {
  @ValidateNested()
  @Type(() => TemplateVersionInfoV1)
  es!: TemplateVersionInfoV1;

  @ValidateNested()
  @Type(() => TemplateVersionInfoV1)
  en!: TemplateVersionInfoV1;
}

export class MailKindV1 {
  @IsIn(MAIL_KINDS)
  kind!: MailKind;

  /** The event type that gives this mail, and who receives it. */
  @IsString()
  @Documented({ example: 'ticket.closed' })
  eventType!: string;

  @IsString()
  @Documented({ example: 'requester' })
  recipient!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PlaceholderV1)
  placeholders!: PlaceholderV1[];

  @ValidateNested()
  @Type(() => TemplateVersionsByLanguageV1)
  languages!: TemplateVersionsByLanguageV1;
}

export class MailKindListV1 {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MailKindV1)
  kinds!: MailKindV1[];
}

export class MailTemplateV1 extends TemplateVersionInfoV1 {
  @IsIn(MAIL_KINDS)
  kind!: MailKind;

  @IsIn(MAIL_LANGUAGES)
  language!: Language;

  /** The template in force: the administrator's, or the built-in one (the text to start editing from). */
  @ValidateNested()
  @Type(() => MailTemplateBodyV1)
  @Documented({ description: 'La plantilla vigente: la del administrador o la incorporada' })
  template!: MailTemplateBodyV1;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PlaceholderV1)
  placeholders!: PlaceholderV1[];
}

export class TemplateVersionV1 {
  @IsInt()
  @Min(1)
  version!: number;

  /** null: this version went back to the built-in template. */
  @ValidateNested()
  @Type(() => MailTemplateBodyV1)
  @Documented({ nullable: true, description: 'null: volvió a la plantilla incorporada' })
  template!: MailTemplateBodyV1 | null;

  @IsString()
  createdBy!: string;

  @IsString()
  @Documented({ format: 'date-time' })
  createdAt!: string;
}

export class TemplateVersionListV1 {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TemplateVersionV1)
  versions!: TemplateVersionV1[];
}

export class MailPreviewV1 {
  @IsIn(['built-in', 'override', 'draft'])
  source!: TemplateSourceV1 | 'draft';

  @IsString()
  subject!: string;

  @IsString()
  text!: string;

  @IsString()
  html!: string;
}
