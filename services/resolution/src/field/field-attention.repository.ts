import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, fetchFirst } from '@cau/persistence';
import { resolutionRows as db } from '../rows.js';
import type { FieldAttention } from './field-attention.js';

/** Resolution's copy of each field ticket's work and sign-off, from inventory's events. */
@Injectable()
export class FieldAttentionRepository {
  /** Keeps the latest work time: a redelivered or late event never moves it back. */
  async workDone(tx: EntityManager, ticketId: string, at: Date): Promise<void> {
    await execute(
      tx,
      db
        .insertInto('field_attentions')
        .values({ ticket_id: ticketId, last_work_at: at })
        .onConflict((conflict) =>
          conflict.column('ticket_id').doUpdateSet((eb) => ({
            last_work_at: eb.fn<Date>('greatest', ['field_attentions.last_work_at', 'excluded.last_work_at']),
          })),
        ),
    );
  }

  /** The latest sign-off wins (a new one replaces the previous, as inventory keeps it). */
  async signedOff(tx: EntityManager, ticketId: string, at: Date, conforme: boolean): Promise<void> {
    await execute(
      tx,
      db
        .insertInto('field_attentions')
        .values({ ticket_id: ticketId, signed_off_at: at, conforme })
        .onConflict((conflict) =>
          conflict
            .column('ticket_id')
            .doUpdateSet((eb) => ({
              signed_off_at: eb.ref('excluded.signed_off_at'),
              conforme: eb.ref('excluded.conforme'),
            }))
            .where((eb) =>
              eb.or([
                eb('field_attentions.signed_off_at', 'is', null),
                eb('field_attentions.signed_off_at', '<=', eb.ref('excluded.signed_off_at')),
              ]),
            ),
        ),
    );
  }

  async find(tx: EntityManager, ticketId: string): Promise<FieldAttention | null> {
    const row = await fetchFirst(
      tx,
      db
        .selectFrom('field_attentions')
        .select(['last_work_at', 'signed_off_at', 'conforme'])
        .where('ticket_id', '=', ticketId),
    );
    return row ? { lastWorkAt: row.last_work_at, signedOffAt: row.signed_off_at, conforme: row.conforme } : null;
  }
}
