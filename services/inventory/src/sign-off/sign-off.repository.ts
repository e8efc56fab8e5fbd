import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorV1, FieldTicketV1, SignOffBodyV1, SignOffV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst } from '@cau/persistence';
import { inventoryRows } from '../rows.js';

@Injectable()
export class SignOffRepository {
  private readonly db = inventoryRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** One sign-off at a time per ticket, counted against the attentions it closes, until the transaction ends. */
  async lockTicket(tx: EntityManager, ticketNumber: number): Promise<void> {
    // Locks and reads no row.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`inventory:sign-off:${ticketNumber}`]);
  }

  /** How many recorded visits and repairs the ticket has: what makes it a field ticket. */
  async fieldAttentions(tx: EntityManager, ticketNumber: number): Promise<{ visits: number; repairs: number }> {
    const number = String(ticketNumber);
    const row = await fetchFirst(
      tx,
      this.db.selectNoFrom((eb) => [
        eb
          .selectFrom('field_visits')
          .select((count) => count.fn.countAll<string>().as('n'))
          .where('ticket_number', '=', number)
          .where('recorded_at', 'is not', null)
          .as('visits'),
        eb
          .selectFrom('repairs')
          .select((count) => count.fn.countAll<string>().as('n'))
          .where('ticket_number', '=', number)
          .as('repairs'),
      ]),
    );
    return { visits: Number(row!.visits), repairs: Number(row!.repairs) };
  }

  /** The latest sign-off replaces an earlier one (a new visit after it needs a new one). */
  async save(tx: EntityManager, ticket: FieldTicketV1, s: SignOffBodyV1, by: ActorV1, at: Date): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('sign_offs')
        .values({
          ticket_number: ticket.ticketNumber,
          ticket_id: ticket.ticketId,
          conforme: s.conforme,
          comments: s.comments?.trim() || null,
          user_name: s.user.name.trim(),
          user_drawing: s.user.drawing ?? null,
          head_name: s.head.name.trim(),
          head_drawing: s.head.drawing ?? null,
          staff_name: s.repairStaff.name.trim(),
          staff_drawing: s.repairStaff.drawing ?? null,
          recorded_by_id: by.accountId,
          recorded_by_name: by.name,
          recorded_at: at,
        })
        .onConflict((conflict) =>
          conflict.column('ticket_number').doUpdateSet((eb) => ({
            conforme: eb.ref('excluded.conforme'),
            comments: eb.ref('excluded.comments'),
            user_name: eb.ref('excluded.user_name'),
            user_drawing: eb.ref('excluded.user_drawing'),
            head_name: eb.ref('excluded.head_name'),
            head_drawing: eb.ref('excluded.head_drawing'),
            staff_name: eb.ref('excluded.staff_name'),
            staff_drawing: eb.ref('excluded.staff_drawing'),
            recorded_by_id: eb.ref('excluded.recorded_by_id'),
            recorded_by_name: eb.ref('excluded.recorded_by_name'),
            recorded_at: eb.ref('excluded.recorded_at'),
          })),
        ),
    );
  }

  async find(ticketNumber: number, tx?: EntityManager): Promise<SignOffV1 | null> {
    const r = await fetchFirst(
      tx ?? this.runtime.dataSource,
      this.db.selectFrom('sign_offs').selectAll().where('ticket_number', '=', String(ticketNumber)),
    );
    if (!r) return null;
    return {
      ticketNumber: Number(r.ticket_number),
      conforme: r.conforme,
      comments: r.comments,
      user: { name: r.user_name, drawing: r.user_drawing },
      head: { name: r.head_name, drawing: r.head_drawing },
      repairStaff: { name: r.staff_name, drawing: r.staff_drawing },
      recordedBy: { accountId: r.recorded_by_id, name: r.recorded_by_name },
      recordedAt: r.recorded_at.toISOString(),
    };
  }
}
