import {
  Events,
  ProcedureEvents,
  Role,
  type EventEnvelope,
  type ReviewRejectedV1,
  type SlaBreachedV1,
  type TicketClosedV1,
  type TicketCommentedV1,
  type TicketDerivedV1,
  type TicketRegisteredV1,
  type TicketReopenedV1,
  type TicketResolvedV1,
} from '@cau/contracts';
import { DeliveryKind } from '../delivery/delivery.js';
import type { RecipientKind } from '../rules/notification-rules.repository.js';
import type { TicketCopy } from '../tickets/ticket-copy.repository.js';
import type { MailLocale, RenderedMail } from '../templates/mail.js';
import {
  renderTicketClosedMail,
  renderTicketReopenedMail,
  renderTicketResolvedMail,
} from '../templates/requester-mails.template.js';
import {
  renderRequesterCommentedMail,
  renderReviewRejectedMail,
  renderReviewRequestedMail,
  renderSlaBreachedMail,
  renderTicketDerivedMail,
} from '../templates/staff-mails.template.js';
import { renderTicketRegisteredMail } from '../templates/ticket-registered.template.js';

export interface MailInput<T> {
  event: EventEnvelope<T>;
  ticket: TicketCopy;
  /** Portal base URL without a trailing slash. */
  portalUrl: string;
  locale: MailLocale;
}

/** The mail one kind of recipient gets for one event type. */
export interface MailPlan<T> {
  kind: DeliveryKind;
  render(input: MailInput<T>): RenderedMail;
}

/**
 * The mails an event type can give: one plan per recipient kind. Which of them are sent is decided by
 * the enabled rules of `notification_rules`; a rule without a plan here sends nothing (and is logged).
 */
export interface EventMails<T> {
  type: string;
  /** The area whose mailbox an `area-mailbox` rule writes to. */
  area(data: T): string | null;
  plans: Partial<Record<RecipientKind, MailPlan<T>>>;
}

export const RegisteredMails: EventMails<TicketRegisteredV1> = {
  type: Events.TicketRegistered.type,
  area: () => null,
  plans: {
    requester: {
      kind: DeliveryKind.TicketRegistered,
      render: ({ event, ticket, portalUrl, locale }) =>
        renderTicketRegisteredMail(
          {
            requesterName: ticket.requesterName,
            number: ticket.number,
            title: ticket.title,
            registeredAt: event.data.registeredAt,
            portalUrl,
          },
          locale,
        ),
    },
  },
};

function derivedMails(type: string, kind: DeliveryKind, returned: boolean): EventMails<TicketDerivedV1> {
  return {
    type,
    area: (data) => data.to,
    plans: {
      'area-mailbox': {
        kind,
        render: ({ event, ticket, portalUrl, locale }) =>
          renderTicketDerivedMail(
            {
              ...staffFacts(ticket, portalUrl),
              returned,
              from: event.data.from,
              to: event.data.to,
              byName: event.data.by.name,
              reason: event.data.reason,
            },
            locale,
          ),
      },
    },
  };
}

export const EscalatedMails = derivedMails(ProcedureEvents.TicketEscalated.type, DeliveryKind.TicketEscalated, false);
export const SolutionReturnedMails = derivedMails(
  ProcedureEvents.SolutionReturned.type,
  DeliveryKind.SolutionReturned,
  true,
);

export const ResolvedMails: EventMails<TicketResolvedV1> = {
  type: ProcedureEvents.TicketResolved.type,
  area: (data) => data.area,
  plans: {
    requester: {
      kind: DeliveryKind.TicketResolved,
      render: ({ event, ticket, portalUrl, locale }) =>
        renderTicketResolvedMail({ ...requesterFacts(ticket, portalUrl), solution: event.data.solution }, locale),
    },
    supervisors: {
      kind: DeliveryKind.ReviewRequested,
      render: ({ event, ticket, portalUrl, locale }) =>
        renderReviewRequestedMail(
          {
            ...staffFacts(ticket, portalUrl),
            area: event.data.area,
            byName: event.data.by.name,
            solution: event.data.solution,
            verifiedWithRequester: event.data.verifiedWithRequester,
          },
          locale,
        ),
    },
  },
};

export const ReviewRejectedMails: EventMails<ReviewRejectedV1> = {
  type: ProcedureEvents.ReviewRejected.type,
  area: (data) => data.area,
  plans: {
    operator: {
      kind: DeliveryKind.ReviewRejected,
      render: ({ event, ticket, portalUrl, locale }) =>
        renderReviewRejectedMail(
          {
            ...staffFacts(ticket, portalUrl),
            area: event.data.area,
            byName: event.data.by.name,
            observations: event.data.observations,
          },
          locale,
        ),
    },
  },
};

export const ClosedMails: EventMails<TicketClosedV1> = {
  type: ProcedureEvents.TicketClosed.type,
  area: (data) => data.area,
  plans: {
    requester: {
      kind: DeliveryKind.TicketClosed,
      render: ({ ticket, portalUrl, locale }) => renderTicketClosedMail(requesterFacts(ticket, portalUrl), locale),
    },
  },
};

export const ReopenedMails: EventMails<TicketReopenedV1> = {
  type: ProcedureEvents.TicketReopened.type,
  area: (data) => data.area,
  plans: {
    requester: {
      kind: DeliveryKind.TicketReopened,
      render: ({ event, ticket, portalUrl, locale }) =>
        renderTicketReopenedMail({ ...requesterFacts(ticket, portalUrl), reason: event.data.reason }, locale),
    },
  },
};

export const SlaBreachedMails: EventMails<SlaBreachedV1> = {
  type: ProcedureEvents.SlaBreached.type,
  area: (data) => data.area,
  plans: {
    supervisors: {
      kind: DeliveryKind.SlaBreached,
      render: ({ event, ticket, portalUrl, locale }) =>
        renderSlaBreachedMail(
          {
            ...staffFacts(ticket, portalUrl),
            area: event.data.area,
            target: event.data.target,
            dueAt: event.data.dueAt,
          },
          locale,
        ),
    },
  },
};

/**
 * The requester's comments (a mail reply, the portal) go to the mailbox of the area that has the ticket,
 * so its people see the answer without watching the timeline. Staff comments give no mail: their area
 * returns null, which means no mailbox.
 */
export const CommentedMails: EventMails<TicketCommentedV1> = {
  type: ProcedureEvents.TicketCommented.type,
  area: (data) => (data.by.role === Role.Requester ? data.area : null),
  plans: {
    'area-mailbox': {
      kind: DeliveryKind.RequesterCommented,
      render: ({ event, ticket, portalUrl, locale }) =>
        renderRequesterCommentedMail(
          {
            ...staffFacts(ticket, portalUrl),
            area: event.data.area,
            channel: event.data.channel,
            text: event.data.text,
            reopens: event.data.reopens,
          },
          locale,
        ),
    },
  },
};

/** The event types that can give mails: the keys of preferences. */
export const NOTIFIED_EVENT_TYPES: readonly string[] = [
  RegisteredMails,
  EscalatedMails,
  SolutionReturnedMails,
  ResolvedMails,
  ReviewRejectedMails,
  ClosedMails,
  ReopenedMails,
  SlaBreachedMails,
  CommentedMails,
].map((mails) => mails.type);

function requesterFacts(ticket: TicketCopy, portalUrl: string) {
  return { requesterName: ticket.requesterName, number: ticket.number, title: ticket.title, portalUrl };
}

function staffFacts(ticket: TicketCopy, portalUrl: string) {
  return { ...requesterFacts(ticket, portalUrl), jurisdiction: ticket.jurisdiction };
}
