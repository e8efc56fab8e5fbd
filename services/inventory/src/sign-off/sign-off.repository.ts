import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorV1, FieldTicketV1, SignOffBodyV1, SignOffV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

interface SignOffRow {
  ticket_number: string;
  conforme: boolean;
  comments: string | null;
  user_name: string;
  user_drawing: string | null;
  head_name: string;
  head_drawing: string | null;
  staff_name: string;
  staff_drawing: string | null;
  recorded_by_id: string;
  recorded_by_name: string;
  recorded_at: Date;
}

@Injectable()
export class SignOffRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** How many recorded visits and repairs the ticket has: what makes it a field ticket. */
  async fieldAttentions(tx: EntityManager, ticketNumber: number): Promise<{ visits: number; repairs: number }> {
    const rows: Array<{ visits: string; repairs: string }> = await tx.query(
      `SELECT (SELECT count(*) FROM "${this.s}".field_visits WHERE ticket_number = $1 AND recorded_at IS NOT NULL) AS visits,
              (SELECT count(*) FROM "${this.s}".repairs WHERE ticket_number = $1) AS repairs`,
      [ticketNumber],
    );
    return { visits: Number(rows[0]!.visits), repairs: Number(rows[0]!.repairs) };
  }

  /** The latest sign-off replaces an earlier one (a new visit after it needs a new one). */
  async save(tx: EntityManager, ticket: FieldTicketV1, s: SignOffBodyV1, by: ActorV1, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".sign_offs (ticket_number, ticket_id, conforme, comments, user_name, user_drawing,
         head_name, head_drawing, staff_name, staff_drawing, recorded_by_id, recorded_by_name, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (ticket_number) DO UPDATE SET conforme = EXCLUDED.conforme, comments = EXCLUDED.comments,
         user_name = EXCLUDED.user_name, user_drawing = EXCLUDED.user_drawing, head_name = EXCLUDED.head_name,
         head_drawing = EXCLUDED.head_drawing, staff_name = EXCLUDED.staff_name,
         staff_drawing = EXCLUDED.staff_drawing, recorded_by_id = EXCLUDED.recorded_by_id,
         recorded_by_name = EXCLUDED.recorded_by_name, recorded_at = EXCLUDED.recorded_at`,
      [
        ticket.ticketNumber,
        ticket.ticketId,
        s.conforme,
        s.comments?.trim() || null,
        s.user.name.trim(),
        s.user.drawing ?? null,
        s.head.name.trim(),
        s.head.drawing ?? null,
        s.repairStaff.name.trim(),
        s.repairStaff.drawing ?? null,
        by.accountId,
        by.name,
        at,
      ],
    );
  }

  async find(ticketNumber: number, tx?: EntityManager): Promise<SignOffV1 | null> {
    const rows: SignOffRow[] = await (tx ?? this.runtime.dataSource).query(
      `SELECT * FROM "${this.s}".sign_offs WHERE ticket_number = $1`,
      [ticketNumber],
    );
    const r = rows[0];
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
