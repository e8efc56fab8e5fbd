import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { SatisfactionLevel } from '@cau/contracts';
import { fetchFirst, fetchRows } from '@cau/persistence';
import { resolutionRows as db } from '../rows.js';

export interface SurveyAnswer {
  ticketId: string;
  satisfaction: SatisfactionLevel;
  score: number | null;
  comment: string | null;
  answeredBy: string;
  answeredAt: Date;
}

/** One satisfaction survey per ticket. */
@Injectable()
export class SurveyRepository {
  async isAnswered(tx: EntityManager, ticketId: string): Promise<boolean> {
    const row = await fetchFirst(
      tx,
      db
        .selectFrom('surveys')
        .select(sql<number>`1`.as('answered'))
        .where('ticket_id', '=', ticketId),
    );
    return row !== null;
  }

  /** False when the ticket's survey was already answered. */
  async saveOnce(tx: EntityManager, answer: SurveyAnswer): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      db
        .insertInto('surveys')
        .values({
          ticket_id: answer.ticketId,
          satisfaction: answer.satisfaction,
          score: answer.score,
          comment: answer.comment,
          answered_by: answer.answeredBy,
          answered_at: answer.answeredAt,
        })
        .onConflict((conflict) => conflict.column('ticket_id').doNothing())
        .returning(sql<number>`1`.as('saved')),
    );
    return rows.length > 0;
  }
}
