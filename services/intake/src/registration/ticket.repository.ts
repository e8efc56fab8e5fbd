import { Injectable } from '@nestjs/common';
import { sql, type NotNull } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { ContactV1, Priority, TicketRegistrationV1 } from '@cau/contracts';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { intakeRows } from '../rows.js';
import type { Tickets } from '../rows.generated.js';

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
  private readonly db = intakeRows;

  async findByIdempotencyKeys(tx: EntityManager, keys: string[]): Promise<Map<string, StoredRegistration>> {
    if (keys.length === 0) return new Map();
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('tickets')
        .select(['id', 'number', 'registered_at', 'idempotency_key', 'request_fingerprint'])
        .where('idempotency_key', '=', sql<string>`ANY(${keys}::text[])`)
        // Matched by its key, so it has one.
        .$narrowType<{ idempotency_key: NotNull }>(),
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
    const t = sql<{ id: string; email: string; name: string; phone: string | null; jurisdiction: string }>`unnest(
      ${sorted.map((c) => c.id)}::uuid[], ${sorted.map((c) => c.email)}::text[], ${sorted.map((c) => c.name)}::text[],
      ${sorted.map((c) => c.phone ?? null)}::text[], ${sorted.map((c) => c.jurisdiction)}::text[])`.as<'t'>(
      sql`t (id, email, name, phone, jurisdiction)`,
    );
    const rows = await fetchRows(
      tx,
      this.db
        .insertInto('requesters')
        .columns(['id', 'email', 'name', 'phone', 'jurisdiction'])
        .expression((eb) => eb.selectFrom(t).select(['t.id', 't.email', 't.name', 't.phone', 't.jurisdiction']))
        .onConflict((conflict) =>
          conflict.column('email').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            phone: eb.fn.coalesce('excluded.phone', 'requesters.phone'),
            jurisdiction: eb.ref('excluded.jurisdiction'),
            updated_at: sql<Date>`now()`,
          })),
        )
        .returning(['id', 'email']),
    );
    return new Map(rows.map((r) => [r.email, r.id]));
  }

  /** The id of the requester with this e-mail when name, phone and jurisdiction are already these; else null. */
  async findUnchangedRequester(
    tx: EntityManager,
    contact: ContactV1 & { jurisdiction: string },
  ): Promise<string | null> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('requesters')
        .select('id')
        .where('email', '=', contact.email)
        .where('name', '=', contact.name)
        .where('phone', 'is not distinct from', sql<string | null>`coalesce(${contact.phone ?? null}, phone)`)
        .where('jurisdiction', '=', contact.jurisdiction),
    );
    return row?.id ?? null;
  }

  async ensureJurisdictions(tx: EntityManager, codes: string[]): Promise<void> {
    const unique = [...new Set(codes)].sort();
    const t = sql<{ code: string }>`unnest(${unique}::text[])`.as<'t'>(sql`t (code)`);
    await execute(
      tx,
      this.db
        .insertInto('jurisdictions')
        .columns(['code'])
        .expression((eb) => eb.selectFrom(t).select('t.code'))
        .onConflict((conflict) => conflict.doNothing()),
    );
  }

  /** Draws `count` consecutive numbers; the row stays locked until the transaction ends. */
  async drawNumbers(tx: EntityManager, count: number): Promise<number> {
    const row = await fetchFirst(
      tx,
      this.db
        .updateTable('ticket_number')
        .set((eb) => ({ last_number: eb('last_number', '+', String(count)) }))
        .where('id', '=', 1)
        .returning('last_number'),
    );
    return Number(row!.last_number) - count + 1;
  }

  async insertTickets(tx: EntityManager, tickets: NewTicketRow[]): Promise<void> {
    const columns = [
      'id',
      'number',
      'requester_id',
      'jurisdiction',
      'channel',
      'title',
      'description',
      'type',
      'category',
      'impact',
      'urgency',
      'attachments',
      'reported_by',
      'registered_by',
      'registered_at',
      'idempotency_key',
      'request_fingerprint',
      'service',
    ] as const satisfies ReadonlyArray<keyof Tickets>;
    // One statement for the batch: the tickets' values as arrays, one row per ticket, in the columns' order.
    const values = sql`unnest(
      ${tickets.map((t) => t.id)}::uuid[], ${tickets.map((t) => t.number)}::bigint[],
      ${tickets.map((t) => t.requesterId)}::uuid[], ${tickets.map((t) => t.registration.jurisdiction)}::text[],
      ${tickets.map((t) => t.registration.channel)}::text[], ${tickets.map((t) => t.registration.title)}::text[],
      ${tickets.map((t) => t.registration.description)}::text[], ${tickets.map((t) => t.registration.type)}::text[],
      ${tickets.map((t) => t.registration.category)}::text[], ${tickets.map((t) => t.registration.impact)}::text[],
      ${tickets.map((t) => t.registration.urgency)}::text[],
      ${tickets.map((t) => JSON.stringify(t.registration.attachments ?? []))}::jsonb[],
      ${tickets.map((t) => (t.registration.reportedBy ? JSON.stringify(t.registration.reportedBy) : null))}::jsonb[],
      ${tickets.map((t) => JSON.stringify(t.registeredBy))}::jsonb[],
      ${tickets.map((t) => t.registeredAt.toISOString())}::timestamptz[], ${tickets.map((t) => t.idempotencyKey)}::text[],
      ${tickets.map((t) => t.fingerprint)}::text[], ${tickets.map((t) => t.registration.service ?? null)}::text[])`;
    await execute(
      tx,
      this.db
        .insertInto('tickets')
        .columns(columns)
        .expression(this.db.selectFrom(values.as('t')).selectAll()),
    );
  }
}
