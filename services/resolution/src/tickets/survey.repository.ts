import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SatisfactionLevel } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

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
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async isAnswered(tx: EntityManager, ticketId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM "${this.s}".surveys WHERE ticket_id = $1`, [ticketId]);
    return rows.length > 0;
  }

  /** False when the ticket's survey was already answered. */
  async saveOnce(tx: EntityManager, answer: SurveyAnswer): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".surveys (ticket_id, satisfaction, score, comment, answered_by, answered_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (ticket_id) DO NOTHING RETURNING 1`,
      [answer.ticketId, answer.satisfaction, answer.score, answer.comment, answer.answeredBy, answer.answeredAt],
    );
    return rows.length > 0;
  }
}
