import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { ByV1, Channel } from '@cau/contracts';
import { fetchFirst, fetchRows } from '@cau/persistence';
import { resolutionRows as db } from '../rows.js';

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
  /** False when a comment with this id exists already: the caller retried. */
  async insert(tx: EntityManager, comment: NewComment): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      db
        .insertInto('ticket_comments')
        .values({
          comment_id: comment.commentId,
          ticket_id: comment.ticketId,
          at: comment.at,
          by_account_id: comment.by.accountId,
          by_name: comment.by.name,
          by_role: comment.by.role,
          channel: comment.channel,
          text: comment.text,
          internal: comment.internal,
        })
        .onConflict((conflict) => conflict.column('comment_id').doNothing())
        .returning(sql<number>`1`.as('inserted')),
    );
    return rows.length > 0;
  }

  /** How many comments (notes included) the ticket holds, and their characters (UTF-16 units, as the limit counts). */
  async conversationSize(tx: EntityManager, ticketId: string): Promise<{ comments: number; characters: number }> {
    const row = await fetchFirst(
      tx,
      db
        .selectFrom('ticket_comments')
        .select([
          sql<number>`count(*)::int`.as('comments'),
          sql<number>`coalesce(sum(char_length(text)), 0)::int`.as('characters'),
        ])
        .where('ticket_id', '=', ticketId),
    );
    return row!;
  }

  async exists(tx: EntityManager, commentId: string): Promise<boolean> {
    const row = await fetchFirst(
      tx,
      db
        .selectFrom('ticket_comments')
        .select(sql<number>`1`.as('found'))
        .where('comment_id', '=', commentId),
    );
    return row !== null;
  }
}
