import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ActorV1 } from '../../common.js';
import { NotBlank } from '../../not-blank.js';
import { AREA_CODE_PATTERN } from '../../enums.js';
import { Limits } from '../../limits.js';
import { NOTIFIED_EVENT_TYPES } from './templates.js';
import { Documented } from '../../reply-schema.js';

/** Who a notification rule mails. Stored in `notification_rules.recipient_kind`: never rename a value in place. */
export const RecipientKind = {
  /** The ticket's requester. */
  Requester: 'requester',
  /** The mailbox of the event's area (administered; `AREA_MAILBOXES` seeds it): the area a ticket was derived to. */
  AreaMailbox: 'area-mailbox',
  /** Every address of `SUPERVISOR_EMAILS`. */
  Supervisors: 'supervisors',
  /** The operator who submitted the solution, at their address; the L1 mailbox when it is unknown. */
  Operator: 'operator',
  /** The Referente Tecnológico of the ticket's jurisdiction (`JURISDICTION_REFERENTES`). */
  Referente: 'referente',
  /** The agent who last held the ticket in the event's area: the area a ticket is derived (back) to. */
  AssignedAgent: 'assigned-agent',
} as const;
export type RecipientKind = (typeof RecipientKind)[keyof typeof RecipientKind];
export const RECIPIENT_KINDS: readonly RecipientKind[] = Object.values(RecipientKind);

/** Far beyond the event types × recipient kinds there are; bounds the work of one edit. */
const MAX_RULES = 200;
const MAX_MAILBOXES = 100;

/** One rule: mails of this event type go (or not) to this kind of recipient. */
export class NotificationRuleV1 {
  @IsDefined()
  @IsIn(NOTIFIED_EVENT_TYPES)
  eventType!: string;

  @IsDefined()
  @IsIn(RECIPIENT_KINDS)
  recipientKind!: RecipientKind;

  @IsDefined()
  @IsBoolean()
  enabled!: boolean;

  /** Sent whatever the recipient's own preferences say (e.g. the registration acknowledgement). */
  @IsDefined()
  @IsBoolean()
  essential!: boolean;
}

/** The rules as an edit sends them: every rule meant to exist; a pair left out mails nobody. */
export class NotificationRulesV1 {
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MAX_RULES)
  @ValidateNested({ each: true })
  @Type(() => NotificationRuleV1)
  rules!: NotificationRuleV1[];
}

export class ReplaceNotificationRulesCommandV1 extends NotificationRulesV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}

/** A rule as administrators see it: every pair the service has a mail for, with that mail's kind. */
export class NotificationRuleStateV1 {
  @IsIn(NOTIFIED_EVENT_TYPES)
  eventType!: string;

  @IsIn(RECIPIENT_KINDS)
  recipientKind!: RecipientKind;

  /** The mail this rule sends (its template's kind). */
  @IsString()
  @Documented({ example: 'ticket-escalated', description: 'El correo que envía la regla' })
  mailKind!: string;

  @IsBoolean()
  enabled!: boolean;

  @IsBoolean()
  @Documented({ description: 'Se envía aunque quien lo recibe haya desactivado ese aviso' })
  essential!: boolean;
}

export class NotificationRuleListV1 {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => NotificationRuleStateV1)
  rules!: NotificationRuleStateV1[];
}

/** The address an area's mails go to (derivations to it, and the operators' mails for L1). */
export class AreaMailboxV1 {
  @IsDefined()
  @Matches(AREA_CODE_PATTERN)
  area!: string;

  @IsDefined()
  @IsEmail()
  @MaxLength(Limits.email)
  email!: string;
}

export class AreaMailboxesV1 {
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MAX_MAILBOXES)
  @ValidateNested({ each: true })
  @Type(() => AreaMailboxV1)
  mailboxes!: AreaMailboxV1[];
}

export class ReplaceAreaMailboxesCommandV1 extends AreaMailboxesV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => ActorV1)
  @NotBlank()
  actor!: ActorV1;
}
