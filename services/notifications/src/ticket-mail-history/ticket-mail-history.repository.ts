import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeliveryStatus } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

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
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async sent(tx: EntityManager, number: number, limit: number): Promise<SentMail[]> {
    const rows: Array<{
      id: string;
      kind: string;
      recipient: string;
      subject: string;
      status: DeliveryStatus;
      created_at: Date;
      sent_at: Date | null;
      text_body: string;
    }> = await tx.query(
      `SELECT id, kind, recipient, subject, status, created_at, sent_at, text_body
       FROM "${this.s}".deliveries WHERE ticket_number = $1
       ORDER BY created_at, id LIMIT $2`,
      [number, limit],
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
    const rows: Array<{
      id: string;
      sender: string | null;
      subject: string | null;
      received_at: Date;
      raw: Buffer;
      raw_complete: boolean;
    }> = await tx.query(
      `SELECT id, sender, subject, received_at, raw, raw_complete
       FROM "${this.s}".inbound_messages WHERE ticket_number = $1 AND status = 'processed'
       ORDER BY received_at, id LIMIT $2`,
      [number, limit],
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
