import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import type { ContactV1, Priority, TicketRegistrationV1 } from '@cau/contracts';

export interface StoredRegistration {
  ticketId: string;
  number: number;
  registeredAt: string;
  fingerprint: string | null;
}

export interface NewTicketRow {
  id: string;
  number: number;
  requesterId: string;
  registration: TicketRegistrationV1;
  registeredBy: { accountId: string; name: string; role: string };
  registeredAt: Date;
  idempotencyKey: string | null;
  fingerprint: string | null;
  /** A monitoring alert's area and priority, carried by `ticket.registered` to routing. */
  routing?: { area: string; priority: Priority };
}

/** Tickets, requesters, jurisdictions and the ticket counter of the intake schema. */
@Injectable()
export class TicketRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async findByIdempotencyKeys(tx: EntityManager, keys: string[]): Promise<Map<string, StoredRegistration>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{
      id: string;
      number: string;
      registered_at: Date;
      idempotency_key: string;
      request_fingerprint: string | null;
    }> = await tx.query(
      `SELECT id, number, registered_at, idempotency_key, request_fingerprint FROM "${this.s}".tickets
         WHERE idempotency_key = ANY($1::text[])`,
      [keys],
    );
    return new Map(
      rows.map((r) => [
        r.idempotency_key,
        {
          ticketId: r.id,
          number: Number(r.number),
          registeredAt: r.registered_at.toISOString(),
          fingerprint: r.request_fingerprint,
        },
      ]),
    );
  }

  /**
   * Finds or creates requesters by e-mail, keeping the latest name, phone and jurisdiction (that of the
   * ticket being registered for them: what the desk's requester search shows); returns email → id.
   */
  async upsertRequesters(
    tx: EntityManager,
    contacts: Array<ContactV1 & { id: string; jurisdiction: string }>,
  ): Promise<Map<string, string>> {
    // Sorted so two concurrent batches lock the same rows in the same order (no deadlock).
    const sorted = [...contacts].sort((a, b) => (a.email < b.email ? -1 : 1));
    const rows: Array<{ id: string; email: string }> = await tx.query(
      `INSERT INTO "${this.s}".requesters (id, email, name, phone, jurisdiction)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (email) DO UPDATE
         SET name = EXCLUDED.name, phone = COALESCE(EXCLUDED.phone, requesters.phone),
             jurisdiction = EXCLUDED.jurisdiction, updated_at = now()
       RETURNING id, email`,
      [
        sorted.map((c) => c.id),
        sorted.map((c) => c.email),
        sorted.map((c) => c.name),
        sorted.map((c) => c.phone ?? null),
        sorted.map((c) => c.jurisdiction),
      ],
    );
    return new Map(rows.map((r) => [r.email, r.id]));
  }

  /** The id of the requester with this e-mail when name, phone and jurisdiction are already these; else null. */
  async findUnchangedRequester(
    tx: EntityManager,
    contact: ContactV1 & { jurisdiction: string },
  ): Promise<string | null> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT id FROM "${this.s}".requesters
        WHERE email = $1 AND name = $2 AND phone IS NOT DISTINCT FROM coalesce($3, phone) AND jurisdiction = $4`,
      [contact.email, contact.name, contact.phone ?? null, contact.jurisdiction],
    );
    return rows[0]?.id ?? null;
  }

  async ensureJurisdictions(tx: EntityManager, codes: string[]): Promise<void> {
    const unique = [...new Set(codes)].sort();
    await tx.query(
      `INSERT INTO "${this.s}".jurisdictions (code) SELECT * FROM unnest($1::text[]) ON CONFLICT DO NOTHING`,
      [unique],
    );
  }

  /** Draws `count` consecutive numbers; the row stays locked until the transaction ends. */
  async drawNumbers(tx: EntityManager, count: number): Promise<number> {
    const rows: Array<{ last_number: string }> = await tx.query(
      // Wrapped in a SELECT because TypeORM reshapes the result of a bare UPDATE … RETURNING.
      `WITH drawn AS (
         UPDATE "${this.s}".ticket_number SET last_number = last_number + $1 WHERE id = 1 RETURNING last_number
       ) SELECT last_number FROM drawn`,
      [count],
    );
    return Number(rows[0]!.last_number) - count + 1;
  }

  async insertTickets(tx: EntityManager, tickets: NewTicketRow[]): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".tickets
         (id, number, requester_id, jurisdiction, channel, title, description, type, category, impact, urgency,
          attachments, reported_by, registered_by, registered_at, idempotency_key, request_fingerprint, service)
       SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
          $8::text[], $9::text[], $10::text[], $11::text[], $12::jsonb[], $13::jsonb[], $14::jsonb[],
          $15::timestamptz[], $16::text[], $17::text[], $18::text[])`,
      [
        tickets.map((t) => t.id),
        tickets.map((t) => t.number),
        tickets.map((t) => t.requesterId),
        tickets.map((t) => t.registration.jurisdiction),
        tickets.map((t) => t.registration.channel),
        tickets.map((t) => t.registration.title),
        tickets.map((t) => t.registration.description),
        tickets.map((t) => t.registration.type),
        tickets.map((t) => t.registration.category),
        tickets.map((t) => t.registration.impact),
        tickets.map((t) => t.registration.urgency),
        tickets.map((t) => JSON.stringify(t.registration.attachments ?? [])),
        tickets.map((t) => (t.registration.reportedBy ? JSON.stringify(t.registration.reportedBy) : null)),
        tickets.map((t) => JSON.stringify(t.registeredBy)),
        tickets.map((t) => t.registeredAt.toISOString()),
        tickets.map((t) => t.idempotencyKey),
        tickets.map((t) => t.fingerprint),
        tickets.map((t) => t.registration.service ?? null),
      ],
    );
  }
}
