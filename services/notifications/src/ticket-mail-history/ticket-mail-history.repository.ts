import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeliveryStatus } from '@cau/contracts';
import { fetchRows } from '@cau/persistence';
import { notificationsRows } from '../rows.js';

export interface SentMail {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  status: DeliveryStatus;
  createdAt: Date;
  sentAt: Date | null;
  textBody: string;
}

export interface ReceivedMail {
  id: string;
  sender: string | null;
  subject: string | null;
  receivedAt: Date;
  raw: Buffer;
  rawComplete: boolean;
}

/** What was mailed about a ticket and what arrived for it: the two mail tables, read by ticket number. */
@Injectable()
export class TicketMailHistoryRepository {
  private readonly db = notificationsRows;

  async sent(tx: EntityManager, number: number, limit: number): Promise<SentMail[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('deliveries')
        .select(['id', 'kind', 'recipient', 'subject', 'status', 'created_at', 'sent_at', 'text_body'])
        .where('ticket_number', '=', String(number))
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit),
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      recipient: row.recipient,
      subject: row.subject,
      status: row.status,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      textBody: row.text_body,
    }));
  }

  /** Mails that became the ticket or a comment on it (ignored and failed ones belong to no ticket). */
  async received(tx: EntityManager, number: number, limit: number): Promise<ReceivedMail[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('inbound_messages')
        .select(['id', 'sender', 'subject', 'received_at', 'raw', 'raw_complete'])
        .where('ticket_number', '=', String(number))
        .where('status', '=', 'processed')
        .orderBy('received_at')
        .orderBy('id')
        .limit(limit),
    );
    return rows.map((row) => ({
      id: row.id,
      sender: row.sender,
      subject: row.subject,
      receivedAt: row.received_at,
      raw: row.raw,
      rawComplete: row.raw_complete,
    }));
  }
}
