import type { DeliveryStatus, Language } from '@cau/contracts';

/** What a mail is about. Stored in every row and used in Message-IDs: never rename a value in place. */
export const DeliveryKind = {
  TicketRegistered: 'ticket-registered',
  /** To the mailbox of the area a ticket was derived to. */
  TicketEscalated: 'ticket-escalated',
  SolutionReturned: 'solution-returned',
  /** To the person a ticket was assigned to by someone else (not when they took it themselves). */
  TicketAssigned: 'ticket-assigned',
  /** To the requester: the solution, to verify that it works. */
  TicketResolved: 'ticket-resolved',
  /** To the supervisors: the same solution, submitted for their review. */
  ReviewRequested: 'review-requested',
  ReviewRejected: 'review-rejected',
  TicketClosed: 'ticket-closed',
  TicketReopened: 'ticket-reopened',
  SlaBreached: 'sla-breached',
  /** To the mailbox of the area that has the ticket: the requester commented (e.g. answered by mail). */
  RequesterCommented: 'requester-commented',
  /** To the requester (and the referente): a staff public reply on the ticket. Internal notes are never mailed. */
  StaffReplied: 'staff-replied',
  /** To the requester (and the referente) of a duplicate: it was merged into its original, where the work goes on. */
  TicketMerged: 'ticket-merged',
  /** To the administrators (ADMIN_EMAILS): an inbound mailbox has failed to be read several times in a row. */
  MailboxUnreadable: 'mailbox-unreadable',
  /** A daily, weekly or monthly summary from reporting (not about one ticket). */
  ScheduledReport: 'scheduled-report',
  /** To an account's own address: a link to choose a new password (asked on the sign-in page or by an admin). */
  PasswordReset: 'password-reset',
  /** To the address a person registered with: the link that confirms it, or a notice that it has an account. */
  SelfRegistration: 'self-registration',
  /** To the requesters of an announcement's audience, once, when it is published with `sendMail`. */
  Announcement: 'announcement',
} as const;
export type DeliveryKind = (typeof DeliveryKind)[keyof typeof DeliveryKind];

/** A file sent with a mail; the content is base64 (as stored in the delivery row). */
export interface MailAttachment {
  fileName: string;
  contentType: string;
  base64: string;
}

export interface NewDelivery {
  id: string;
  eventId: string;
  recipient: string;
  kind: DeliveryKind;
  language: Language;
  ticketId: string | null;
  ticketNumber: number | null;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The Message-ID this mail replies to (the ticket's registration mail), so a ticket's mails thread. */
  threadMessageId: string | null;
  /** Files sent with the mail (a scheduled report's spreadsheet); none unless given. */
  attachments?: MailAttachment[];
}

/** A pending delivery claimed by the sender, with what it needs to build the message. */
export interface ClaimedDelivery {
  id: string;
  kind: DeliveryKind;
  recipient: string;
  ticketNumber: number | null;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  threadMessageId: string | null;
  attachments: MailAttachment[];
  attempts: number;
  createdAt: Date;
  /** When a sender that then died handed this mail to the server; null for a mail never attempted that way. */
  unfinishedAttemptAt: Date | null;
}

export type { DeliveryStatus } from '@cau/contracts';

/** A delivery as administrators see it: everything but the bodies. */
export interface DeliverySummary {
  id: string;
  eventId: string;
  kind: DeliveryKind;
  recipient: string;
  ticketNumber: number | null;
  subject: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
