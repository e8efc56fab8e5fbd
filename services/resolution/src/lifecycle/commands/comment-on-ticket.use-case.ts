import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Channel,
  ErrorCode,
  ProcedureEvents,
  TicketStatus,
  type CommentCommandV1,
  type LifecycleStateV1,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { ResolutionSettings } from '../../config/resolution-settings.js';
import { CommentRepository } from '../../tickets/comment.repository.js';
import { INTERNAL_NOTE_STEP } from '../../domain/ticket-record.js';
import { TicketLinkRepository } from '../../tickets/ticket-link.repository.js';
import {
  conversationFull,
  MAX_TICKET_COMMENT_CHARACTERS,
  MAX_TICKET_COMMENTS,
  mergedCommentProblem,
  reopenProblem,
} from '../lifecycle-rules.js';
import { mayAct, mayWriteInternalNote, speaksForRequester } from '../../domain/permissions.js';
import { authorize, nextStatus, refuseIf } from '../../domain/refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/** Why the ticket was reopened, in the history and the `ticket.reopened` event (Spanish, like every reason). */
const REOPEN_REASON = 'el solicitante respondió a la solución';

/**
 * A comment on the ticket's timeline, from the portal or a mail reply. When the requester answers a
 * resolved ticket (or the referente of its jurisdiction for them), the solution did not settle it (docs/domain.md § Reopening: "si el problema persiste"):
 * the ticket is reopened in the same transaction, unless the reopening window has passed (the comment
 * is kept either way). A comment id seen before adds nothing, so a caller
 * that retries after a lost answer never doubles the comment or the reopening.
 *
 * Staff may write an internal note instead (`internal: true`): a working note for the desk and the
 * areas, recorded as such in the history (`internal-note`) and in `ticket.commented`, which reporting
 * keeps from requesters and notifications never mails to them.
 */
@Injectable()
export class CommentOnTicketUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
    private readonly comments: CommentRepository,
    private readonly settings: ResolutionSettings,
    private readonly links: TicketLinkRepository,
  ) {}

  execute(area: string, command: CommentCommandV1): Promise<LifecycleStateV1> {
    const internal = command.body.internal === true;
    if (internal) authorize(mayWriteInternalNote(command.actor));
    return this.runner.run(area, command, async (scope) => {
      const { ticket, tx, now, by } = scope;
      authorize(mayAct(command.actor, 'comment', ticket));
      if (!speaksForRequester(command.actor, ticket) && ticket.mergedInto !== null) {
        refuseIf(mergedCommentProblem(ticket, await this.links.numberOf(tx, ticket.mergedInto)));
      }
      const commentId = command.body.commentId ?? randomUUID();
      const channel = command.body.channel ?? Channel.Portal;
      const { text } = command.body;
      // A retry of a comment already kept stays a no-op, full or not.
      const held = await this.comments.conversationSize(tx, ticket.ticketId);
      if (conversationFull(held, text) && !(await this.comments.exists(tx, commentId))) {
        throw new ServiceError({
          code: ErrorCode.TicketConversationFull,
          params: {
            number: ticket.number,
            comments: MAX_TICKET_COMMENTS,
            characters: MAX_TICKET_COMMENT_CHARACTERS,
          },
        });
      }
      const added = await this.comments.insert(tx, {
        commentId,
        ticketId: ticket.ticketId,
        at: now,
        by,
        channel,
        text,
        internal,
      });
      if (!added) return;
      const reopens =
        !internal &&
        ticket.status === TicketStatus.Resuelto &&
        speaksForRequester(command.actor, ticket) &&
        reopenProblem(ticket, now, this.settings.reopenWindowDays) === null;
      const status = reopens ? nextStatus(ticket.status, 'reopen') : ticket.status;
      await this.journal.record(scope, {
        action: internal ? INTERNAL_NOTE_STEP : 'comment',
        notes: text,
        event: {
          definition: ProcedureEvents.TicketCommented,
          // `internal` only on notes: public comments look as they always did.
          data: {
            ...lifecycleBase(scope, ticket.status),
            commentId,
            text,
            channel,
            reopens,
            ...(internal ? { internal } : {}),
          },
        },
      });
      if (!reopens) return;
      await this.journal.record(scope, {
        action: 'reopen',
        changes: { status, closedAt: null },
        notes: REOPEN_REASON,
        event: {
          definition: ProcedureEvents.TicketReopened,
          data: { ...lifecycleBase(scope, status), reason: REOPEN_REASON },
        },
      });
    });
  }
}
