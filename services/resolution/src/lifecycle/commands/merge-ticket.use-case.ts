import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type MergeTicketCommandV1, type TicketMergedV1, type LifecycleStateV1 } from '@cau/contracts';
import { TicketLinkRepository } from '../../tickets/ticket-link.repository.js';
import { TicketRepository } from '../../tickets/ticket.repository.js';
import { mergeProblem } from '../lifecycle-rules.js';
import { mayMerge } from '../../domain/permissions.js';
import { authorize, nextStatus, refuseIf, validate } from '../../domain/refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';
import { scopeOf } from './relate-tickets.use-case.js';

/**
 * Merges the addressed ticket, a duplicate, into its original (issue 12). The duplicate ends `fusionado`
 * (terminal, not a closure: no supervisor approved anything, reports do not count it as closed and its SLA
 * targets pass to the original, so it is never overdue); a wait on its requester ends. The original carries
 * on unchanged in status and now also tells the duplicate's requester of its progress. Both tickets' histories
 * record the merge and `ticket.merged` is announced on both streams. The original is locked after the
 * duplicate (the runner's lock), so a merge of A into B racing one of B into A may meet a deadlock, which
 * PostgreSQL breaks by failing one of them; the survivor's rules then see the other's outcome.
 */
@Injectable()
export class MergeTicketUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
    private readonly tickets: TicketRepository,
    private readonly links: TicketLinkRepository,
  ) {}

  execute(area: string, command: MergeTicketCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      const { ticket, tx, now } = scope;
      const { into, reason } = command.body;
      if (into === ticket.number) validate([{ field: 'body.into', constraint: 'notSelf', params: [into] }]);
      const original = await this.tickets.lockByNumber(tx, into);
      if (!original) {
        validate([{ field: 'body.into', constraint: 'ticketExists', params: [into] }]);
        return;
      }
      authorize(mayMerge(command.actor, ticket, original));
      const status = nextStatus(ticket.status, 'merge');
      refuseIf(
        mergeProblem({
          duplicate: { number: ticket.number, mergedInto: await this.links.mergedInto(tx, ticket.ticketId) },
          original: {
            number: original.number,
            status: original.status,
            area: original.area,
            mergedIntoNumber: original.mergedInto ? await this.links.numberOf(tx, original.mergedInto) : null,
          },
        }),
      );

      const waiting = ticket.waitingSince !== null;
      if (waiting) await this.tickets.stopWaiting(tx, ticket.ticketId, now);
      const email = ticket.requesterEmail;
      const newFollower = email !== null && email !== original.requesterEmail;
      if (newFollower) {
        await this.links.addFollower(tx, {
          ticketId: original.ticketId,
          email,
          name: ticket.requester?.name ?? email,
          fromTicketId: ticket.ticketId,
          at: now,
        });
      }
      const refs: Pick<TicketMergedV1, 'duplicate' | 'original' | 'reason' | 'duplicateRequester'> = {
        duplicate: { ticketId: ticket.ticketId, number: ticket.number },
        original: { ticketId: original.ticketId, number: original.number },
        ...(reason ? { reason } : {}),
        ...(newFollower ? { duplicateRequester: { email, name: ticket.requester?.name ?? email } } : {}),
      };
      const notes = reason ? `#${original.number}: ${reason}` : `#${original.number}`;
      await this.journal.record(scope, {
        action: 'merge',
        changes: { status, merged: { into: original.ticketId, at: now }, ...(waiting ? { waitingSince: null } : {}) },
        notes,
        event: { definition: ProcedureEvents.TicketMerged, data: { ...lifecycleBase(scope, status), ...refs } },
      });
      const originalScope = scopeOf(scope, original);
      await this.journal.record(originalScope, {
        action: 'merge-in',
        notes: reason ? `#${ticket.number}: ${reason}` : `#${ticket.number}`,
        event: {
          definition: ProcedureEvents.TicketMerged,
          data: { ...lifecycleBase(originalScope, original.status), ...refs },
        },
      });
    });
  }
}
