import type { Language } from '@cau/contracts';

/** What a mail is about. Stored in every row and used in Message-IDs: never rename a value in place. */
export const DeliveryKind = {
  TicketRegistered: 'ticket-registered',
} as const;
export type DeliveryKind = (typeof DeliveryKind)[keyof typeof DeliveryKind];

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
  attempts: number;
  createdAt: Date;
}
