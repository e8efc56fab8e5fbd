import {
  Events,
  ProcedureEvents,
  Role,
  type EventEnvelope,
  type Language,
  type ReviewRejectedV1,
  type SlaBreachedV1,
  type TicketClosedV1,
  type TicketCommentedV1,
  type TicketDerivedV1,
  type TicketMergedV1,
  type TicketRegisteredV1,
  type TicketReopenedV1,
  type TicketResolvedV1,
  type TicketTakenV1,
  type MailKind,
  type SlaTarget,
  type TicketStatus,
  type RecipientKind,
  placeholdersOf,
} from '@cau/contracts';
import { DeliveryKind } from '../delivery/delivery.js';
import type { TicketCopy } from '../tickets/ticket-copy.repository.js';
import { formatInstant, type MailLocale, type RenderedMail } from '../templates/mail.js';
import { commonValues, normalizeValues } from '../templates/placeholders.js';
import { defaultTicketTemplate } from '../templates/ticket-mail-defaults.js';
import { renderTemplate, type MailTemplate } from '../templates/template-language.js';

export interface MailInput<T> {
  event: EventEnvelope<T>;
  ticket: TicketCopy;
  /** Portal base URL without a trailing slash. */
  portalUrl: string;
  locale: MailLocale;
  /** The signed survey link, for the mails that carry one (`ticket.closed`). */
  surveyUrl?: string | undefined;
  /**
   * For the requester of a duplicate merged into this ticket: their own ticket's number. The survey is the
   * original requester's; theirs is the page of their own request, which their portal shows them.
   */
  ownTicketNumber?: number | undefined;
}

/** The mail one kind of recipient gets for one event type. */
export interface MailPlan<T> {
  /** Which row of `TICKET_MAIL_TABLE`: its template (built-in or an administrator's) renders the mail. */
  kind: MailKind;
  /**
   * The placeholders of the kind that only this event gives (the ticket's are in `commonValues`), as
   * the mail shows them: localized, dates formatted.
   */
  values(input: MailInput<T>): Record<string, string>;
  /**
   * Which events of the type give this mail (all when absent): a comment is mailed to the requester
   * only when it is a staff public reply, an assignment to the assignee only when someone else made it.
   */
  when?(data: T): boolean;
  /** Event data for previews of this mail, when the type's sample is another of its cases. */
  sample?(language: Language): Omit<T, 'ticketId' | 'number'>;
}

/**
 * The mails an event type can give: one plan per recipient kind. Which of them are sent is decided by
 * the enabled rules of `notification_rules`; a rule without a plan here sends nothing (and is logged).
 */
export interface EventMails<T> {
  type: string;
  /** The area whose mailbox an `area-mailbox` rule writes to. */
  area(data: T): string | null;
  /**
   * The address of the person the event gives the ticket to, which an `assigned-agent` rule mails
   * instead of the last known holder of the area (the event is the truth about whom it names).
   */
  assignee?(data: T): string | null;
  plans: Partial<Record<RecipientKind, MailPlan<T>>>;
  /**
   * Whether the requester's mail also goes to the ticket's followers, the requesters of duplicates merged
   * into it (issue 12): each gets it addressed to them, without the requester's own survey link.
   */
  followers?: boolean;
  /** Event data for previews with sample data. */
  sample(language: Language): Omit<T, 'ticketId' | 'number'>;
}

/** The jurisdiction's referente follows its people's tickets: they get what the requester gets. */
function withReferente<T>(requester: MailPlan<T>): Partial<Record<RecipientKind, MailPlan<T>>> {
  return { requester, referente: requester };
}

export const RegisteredMails: EventMails<TicketRegisteredV1> = {
  type: Events.TicketRegistered.type,
  area: () => null,
  plans: withReferente({
    kind: DeliveryKind.TicketRegistered,
    values: () => ({}),
  }),
  sample: () => ({
    registeredAt: SAMPLE_AT,
    channel: 'telefono',
    requesterId: SAMPLE_ID,
    requester: { email: 'maria.perez@salud.gob', name: 'María Pérez' },
    registeredBy: sampleBy('operator'),
    jurisdiction: 'SALUD',
    title: 'La impresora del piso 2 no imprime',
    description: 'Sale la hoja en blanco.',
    type: 'incidente',
    category: 'impresoras',
    impact: 'medio',
    urgency: 'alta',
    attachments: [],
  }),
};

function derivedMails(type: string, kind: MailKind, returned: boolean): EventMails<TicketDerivedV1> {
  const derived: MailPlan<TicketDerivedV1> = {
    kind,
    values: ({ event }) => ({
      from: event.data.from,
      to: event.data.to,
      byName: event.data.by.name,
      reason: event.data.reason,
    }),
  };
  return {
    type,
    area: (data) => data.to,
    // The area's mailbox, and the agent who held the ticket there before (a ticket coming back to UIT).
    plans: { 'area-mailbox': derived, 'assigned-agent': derived },
    sample: (language) => ({
      derivationId: SAMPLE_ID,
      from: returned ? 'UIT' : 'L1',
      to: returned ? 'L1' : 'UIT',
      kind: returned ? 'return' : 'escalate',
      by: sampleBy(returned ? 'agent' : 'operator'),
      at: SAMPLE_AT,
      reason: language === 'es' ? 'Falla del servidor de impresión.' : 'The print server is down.',
    }),
  };
}

export const EscalatedMails = derivedMails(ProcedureEvents.TicketEscalated.type, DeliveryKind.TicketEscalated, false);
export const SolutionReturnedMails = derivedMails(
  ProcedureEvents.SolutionReturned.type,
  DeliveryKind.SolutionReturned,
  true,
);

/**
 * The person a ticket was assigned to, at the address the gateway put in the event; not when they took
 * it themselves, nor when the address is unknown (an account the gateway does not keep).
 */
export const TakenMails: EventMails<TicketTakenV1> = {
  type: ProcedureEvents.TicketTaken.type,
  area: (data) => data.area,
  assignee: (data) => data.assignee.email ?? null,
  plans: {
    'assigned-agent': {
      kind: DeliveryKind.TicketAssigned,
      when: (data) => data.assignee.accountId !== data.by.accountId,
      values: ({ event }) => ({
        area: event.data.area,
        assigneeName: event.data.assignee.name,
        byName: event.data.by.name,
      }),
    },
  },
  sample: () => ({
    ...sampleStep('UIT', 'en_curso'),
    by: { ...sampleBy('supervisor'), name: 'Susana Supervisora' },
    assignee: { ...sampleBy('agent'), accountId: '00000000-0000-4000-8000-000000000002' },
  }),
};

export const ResolvedMails: EventMails<TicketResolvedV1> = {
  type: ProcedureEvents.TicketResolved.type,
  area: (data) => data.area,
  followers: true,
  plans: {
    ...withReferente({
      kind: DeliveryKind.TicketResolved,
      values: ({ event }) => ({ solution: event.data.solution }),
    }),
    supervisors: {
      kind: DeliveryKind.ReviewRequested,
      values: ({ event, locale }) => ({
        area: event.data.area,
        byName: event.data.by.name,
        solution: event.data.solution,
        verifiedWithRequester: YES_NO[locale.language][event.data.verifiedWithRequester ? 0 : 1],
      }),
    },
  },
  sample: (language) => ({
    ...sampleStep('L1', 'resuelto'),
    verifiedWithRequester: true,
    solution: language === 'es' ? 'Se reinició la cola de impresión.' : 'The print queue was restarted.',
  }),
};

export const ReviewRejectedMails: EventMails<ReviewRejectedV1> = {
  type: ProcedureEvents.ReviewRejected.type,
  area: (data) => data.area,
  plans: {
    operator: {
      kind: DeliveryKind.ReviewRejected,
      values: ({ event }) => ({
        area: event.data.area,
        byName: event.data.by.name,
        observations: event.data.observations,
      }),
    },
  },
  sample: (language) => ({
    ...sampleStep('L1', 'en_curso'),
    observations:
      language === 'es' ? 'Falta verificar con el solicitante.' : 'It still has to be checked with the requester.',
  }),
};

export const ClosedMails: EventMails<TicketClosedV1> = {
  type: ProcedureEvents.TicketClosed.type,
  area: (data) => data.area,
  followers: true,
  plans: withReferente({
    kind: DeliveryKind.TicketClosed,
    values: ({ ownTicketNumber }) => ({ ownTicket: ownTicketNumber === undefined ? '' : String(ownTicketNumber) }),
  }),
  sample: () => ({ ...sampleStep('L1', 'cerrado'), resolutionBusinessMinutes: 90, resolutionCalendarMinutes: 95 }),
};

export const ReopenedMails: EventMails<TicketReopenedV1> = {
  type: ProcedureEvents.TicketReopened.type,
  area: (data) => data.area,
  plans: withReferente({
    kind: DeliveryKind.TicketReopened,
    values: ({ event }) => ({ reason: event.data.reason }),
  }),
  sample: (language) => ({
    ...sampleStep('L1', 'en_curso'),
    reason: language === 'es' ? 'Sigue sin imprimir.' : 'It still does not print.',
  }),
};

export const SlaBreachedMails: EventMails<SlaBreachedV1> = {
  type: ProcedureEvents.SlaBreached.type,
  area: (data) => data.area,
  plans: {
    supervisors: {
      kind: DeliveryKind.SlaBreached,
      values: ({ event, locale }) => ({
        area: event.data.area,
        target: TARGETS[locale.language][event.data.target],
        dueAt: formatInstant(event.data.dueAt, locale.language, locale.timeZone),
      }),
    },
  },
  sample: () => ({ area: 'UIT', target: 'resolution', dueAt: SAMPLE_AT, detectedAt: SAMPLE_AT }),
};

/** Requesters and referentes comment on their tickets; everyone else who comments is staff. */
const byRequesterSide = (data: TicketCommentedV1): boolean =>
  data.by.role === Role.Requester || data.by.role === Role.Referente;

/**
 * Comments. The requester's (a mail reply, the portal; or the referente's for them) go to the mailbox of
 * the area that has the ticket, so its people see the answer without watching the timeline. A staff
 * public reply goes to the requester (and the referente, as their other mails do). An internal note is
 * never mailed to anyone outside staff: no plan here takes it.
 */
export const CommentedMails: EventMails<TicketCommentedV1> = {
  type: ProcedureEvents.TicketCommented.type,
  area: (data) => data.area,
  plans: {
    'area-mailbox': {
      kind: DeliveryKind.RequesterCommented,
      when: byRequesterSide,
      values: ({ event, locale }) => ({
        area: event.data.area,
        channel: event.data.channel,
        text: event.data.text,
        reopens: YES_NO[locale.language][event.data.reopens ? 0 : 1],
        reopened: event.data.reopens ? YES_NO[locale.language][0] : '',
      }),
    },
    ...withReferente({
      kind: DeliveryKind.StaffReplied,
      when: (data) => data.internal !== true && !byRequesterSide(data),
      values: ({ event }) => ({ byName: event.data.by.name, reply: event.data.text }),
      sample: (language) => ({
        ...sampleStep('L1', 'en_curso'),
        commentId: SAMPLE_ID,
        channel: 'portal',
        text:
          language === 'es'
            ? 'Reinicie la impresora y vuelva a enviar el documento.'
            : 'Restart the printer and send the document again.',
        reopens: false,
      }),
    }),
  },
  sample: (language) => ({
    ...sampleStep('L1', 'en_curso'),
    by: sampleBy(Role.Requester),
    commentId: SAMPLE_ID,
    channel: 'email',
    text: language === 'es' ? 'Sigue sin imprimir desde esta mañana.' : 'It still does not print since this morning.',
    reopens: true,
  }),
};

/**
 * A duplicate merged into its original (issue 12): its requester (and the referente) learn where the work
 * goes on. The same event on the original's stream gives no mail here.
 */
export const MergedMails: EventMails<TicketMergedV1> = {
  type: ProcedureEvents.TicketMerged.type,
  area: (data) => data.area,
  plans: withReferente({
    kind: DeliveryKind.TicketMerged,
    when: (data) => data.number === data.duplicate.number,
    values: ({ event, portalUrl }) => ({
      original: String(event.data.original.number),
      originalUrl: `${portalUrl}/tickets/${event.data.original.number}`,
    }),
  }),
  sample: () => ({
    ...sampleStep('L1', 'fusionado'),
    duplicate: { ticketId: SAMPLE_ID, number: 1234 },
    original: { ticketId: '00000000-0000-4000-8000-000000000002', number: 1200 },
  }),
};

/** Every event type's mails, in the order of a ticket's life. */
const TICKET_MAILS = [
  RegisteredMails,
  EscalatedMails,
  SolutionReturnedMails,
  TakenMails,
  ResolvedMails,
  ReviewRejectedMails,
  ClosedMails,
  ReopenedMails,
  SlaBreachedMails,
  CommentedMails,
  MergedMails,
] as const;

/** The event types this service has mails for; a unit test keeps them those of `TICKET_MAIL_TABLE`. */
export const PLANNED_EVENT_TYPES: readonly string[] = TICKET_MAILS.map((mails) => mails.type);

const YES_NO: Record<Language, [string, string]> = { es: ['Sí', 'No'], en: ['Yes', 'No'] };
const TARGETS: Record<Language, Record<SlaTarget, string>> = {
  es: { response: 'respuesta', resolution: 'resolución' },
  en: { response: 'response', resolution: 'resolution' },
};

const SAMPLE_AT = '2025-11-24T15:00:00.000Z';
const SAMPLE_ID = '00000000-0000-4000-8000-000000000001';

function sampleBy(role: string) {
  return { accountId: SAMPLE_ID, name: role === 'agent' ? 'Ana Agente' : 'Olga Operadora', role };
}

function sampleStep(area: string, status: TicketStatus) {
  return { by: sampleBy('operator'), at: SAMPLE_AT, area, status };
}

/** One mail kind as administrators see it: what gives it, who gets it, its placeholders and how to render it. */
export interface MailKindEntry {
  kind: MailKind;
  eventType: string;
  recipient: RecipientKind;
  placeholders: readonly string[];
  /** The values of the placeholders and the built-in mail, for `ticket` and the sample event of its type. */
  sample(
    ticket: TicketCopy,
    portalUrl: string,
    locale: MailLocale,
  ): { values: Record<string, string>; builtIn: RenderedMail };
}

function kindEntries<T extends { ticketId: string }>(mails: EventMails<T>): MailKindEntry[] {
  // A plan shared by several kinds of recipient (the referente gets the requester's mail) is one template,
  // listed under the first of them.
  const plans = Object.entries(mails.plans).filter(([, plan], i, all) => all.findIndex(([, p]) => p === plan) === i);
  return plans.map(([recipient, plan]) => {
    const sample = (ticket: TicketCopy, portalUrl: string, locale: MailLocale) => {
      // The sample is T without these two fields, so this is a T; TypeScript cannot prove it for a generic T.
      const data = {
        ...(plan.sample ?? mails.sample)(locale.language),
        ticketId: ticket.ticketId,
        number: ticket.number,
      } as unknown as T;
      const event: EventEnvelope<T> = {
        id: SAMPLE_ID,
        type: mails.type,
        version: 1,
        occurredAt: SAMPLE_AT,
        ticketId: ticket.ticketId,
        source: 'preview',
        sequence: 1,
        correlationId: SAMPLE_ID,
        causationId: null,
        data,
      };
      const values = placeholderValues(plan, { event, ticket, portalUrl, locale });
      return { values, builtIn: renderTemplate(defaultTicketTemplate(plan.kind, locale.language), values) };
    };
    return {
      kind: plan.kind,
      eventType: mails.type,
      recipient: recipient as RecipientKind,
      placeholders: placeholdersOf(plan.kind),
      sample,
    };
  });
}

/** Every placeholder value of one mail: the ticket's, then the event's, as the mail shows them. */
export function placeholderValues<T>(plan: MailPlan<T>, input: MailInput<T>): Record<string, string> {
  const surveyUrl =
    input.ownTicketNumber === undefined ? input.surveyUrl : `${input.portalUrl}/tickets/${input.ownTicketNumber}`;
  return normalizeValues({
    ...commonValues(input.ticket, input.portalUrl, input.locale, surveyUrl),
    ...plan.values(input),
  });
}

/** One mail: the kind's template in force (an administrator's, or the built-in one) filled with its values. */
export function renderTicketMail<T>(
  plan: MailPlan<T>,
  input: MailInput<T>,
  override: MailTemplate | null,
): RenderedMail {
  return renderTemplate(
    override ?? defaultTicketTemplate(plan.kind, input.locale.language),
    placeholderValues(plan, input),
  );
}

/** The mail kinds administrators can write templates for, in the order of a ticket's life. */
export const MAIL_KIND_ENTRIES: ReadonlyMap<MailKind, MailKindEntry> = new Map(
  // Each entry keeps its own event type inside its closures; the list only needs them side by side.
  TICKET_MAILS.flatMap((mails) => kindEntries(mails as EventMails<{ ticketId: string }>)).map((entry) => [
    entry.kind,
    entry,
  ]),
);

/** A rule that can send something: an event type and a kind of recipient with a mail planned for them. */
export interface RuleMail {
  eventType: string;
  recipientKind: RecipientKind;
  mailKind: MailKind;
}

/** Every (event type, recipient kind) pair a rule can name, in the order of a ticket's life. */
export const RULE_MAILS: readonly RuleMail[] = TICKET_MAILS.flatMap((mails) =>
  Object.entries(mails.plans as Partial<Record<RecipientKind, MailPlan<unknown>>>).map(([recipientKind, plan]) => ({
    eventType: mails.type,
    recipientKind: recipientKind as RecipientKind,
    mailKind: plan.kind,
  })),
);
