import { Injectable } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import {
  MAX_TICKET_MAILS_LISTED,
  STAFF_ROLES,
  type ListTicketMailsQueryV1,
  type TicketMailListV1,
  type TicketMailV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { TicketMailHistoryRepository, type ReceivedMail } from './ticket-mail-history.repository.js';

/**
 * The mails of a ticket for the staff who work it: what we sent, to whom and whether it left, and what the
 * requester wrote to us, each with its text, oldest first. Requesters read their replies in the portal's
 * timeline instead; the mails to staff addresses are not theirs to read.
 */
@Injectable()
export class ListTicketMailsUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly history: TicketMailHistoryRepository,
  ) {}

  async execute(query: ListTicketMailsQueryV1): Promise<TicketMailListV1> {
    if (!(STAFF_ROLES as readonly string[]).includes(query.actor.role)) {
      throw ServiceError.forbidden({ code: 'notifications.ticket-mails-staff-only' });
    }
    const limit = MAX_TICKET_MAILS_LISTED + 1;
    const { sent, received } = await this.runtime.transaction(async (tx) => ({
      sent: await this.history.sent(tx, query.number, limit),
      received: await this.history.received(tx, query.number, limit),
    }));
    const mails: TicketMailV1[] = [
      ...sent.map((mail): TicketMailV1 => ({
        id: mail.id,
        direction: 'sent',
        kind: mail.kind,
        address: mail.recipient,
        subject: mail.subject,
        status: mail.status,
        at: (mail.sentAt ?? mail.createdAt).toISOString(),
        text: mail.textBody,
      })),
      ...(await Promise.all(received.map(receivedMail))),
    ].sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1));
    return { mails: mails.slice(0, MAX_TICKET_MAILS_LISTED), truncated: mails.length > MAX_TICKET_MAILS_LISTED };
  }
}

async function receivedMail(mail: ReceivedMail): Promise<TicketMailV1> {
  let text: string | null = null;
  // Of an oversized mail only the headers were kept: there is no text to show.
  if (mail.rawComplete)
    try {
      const parsed = await simpleParser(mail.raw, { skipHtmlToText: false, skipImageLinks: true, skipTextLinks: true });
      text = parsed.text?.trim() ?? null;
    } catch {
      // Kept raw and processed once, so it was readable then; an unreadable copy lists without its text.
    }
  return {
    id: mail.id,
    direction: 'received',
    kind: null,
    address: mail.sender ?? '',
    subject: mail.subject ?? '',
    status: 'received',
    at: mail.receivedAt.toISOString(),
    text,
  };
}
