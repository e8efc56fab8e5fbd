import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ByV1, Channel } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

export interface NewComment {
  commentId: string;
  ticketId: string;
  at: Date;
  by: ByV1;
  channel: Channel;
  text: string;
  /** Staff only; never shown or mailed to the requester. */
  internal: boolean;
}

@Injectable()
export class CommentRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** False when a comment with this id exists already: the caller retried. */
  async insert(tx: EntityManager, comment: NewComment): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".ticket_comments (comment_id, ticket_id, at, by_account_id, by_name, by_role, channel, text, internal)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (comment_id) DO NOTHING
       RETURNING 1`,
      [
        comment.commentId,
        comment.ticketId,
        comment.at,
        comment.by.accountId,
        comment.by.name,
        comment.by.role,
        comment.channel,
        comment.text,
        comment.internal,
      ],
    );
    return rows.length > 0;
  }

  /** How many comments (notes included) the ticket holds, and their characters (UTF-16 units, as the limit counts). */
  async conversationSize(tx: EntityManager, ticketId: string): Promise<{ comments: number; characters: number }> {
    const [row]: Array<{ comments: number; characters: number }> = await tx.query(
      `SELECT count(*)::int AS comments, coalesce(sum(char_length(text)), 0)::int AS characters
       FROM "${this.s}".ticket_comments WHERE ticket_id = $1`,
      [ticketId],
    );
    return row!;
  }

  async exists(tx: EntityManager, commentId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM "${this.s}".ticket_comments WHERE comment_id = $1`, [
      commentId,
    ]);
    return rows.length > 0;
  }
}
