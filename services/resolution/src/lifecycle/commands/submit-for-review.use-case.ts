import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type SubmitForReviewCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { submitFieldProblems, submitProblem } from '../lifecycle-rules.js';
import { mayAct } from '../../domain/permissions.js';
import { authorize, nextStatus, refuseIf, validate } from '../../domain/refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/**
 * The service desk, having verified the solution with the requester, derives it to the supervisor
 * (docs/domain.md § Procedure 9.1 steps 7–8, § Procedure 9.2 step 7): the ticket is resolved, which meets the resolution target.
 */
@Injectable()
export class SubmitForReviewUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
  ) {}

  execute(area: string, command: SubmitForReviewCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      const { ticket, now } = scope;
      authorize(mayAct(command.actor, 'submit', ticket));
      validate(submitFieldProblems(command.body));
      const status = nextStatus(ticket.status, 'submit');
      refuseIf(
        submitProblem({
          area: ticket.area,
          hasSolution: ticket.solution !== null,
          waitingOnRequester: ticket.waitingSince !== null,
        }),
      );
      const { articleRef, note } = command.body;
      await this.journal.record(scope, {
        action: 'submit',
        changes: {
          status,
          resolvedAt: now,
          articleRef: articleRef ?? null,
          // A ticket solved without anyone taking it was still answered.
          responseMetAt: ticket.responseMetAt ?? now,
        },
        notes: note,
        event: {
          definition: ProcedureEvents.TicketResolved,
          data: {
            ...lifecycleBase(scope, status),
            verifiedWithRequester: true,
            articleRef,
            note,
            solution: ticket.solution!.text, // present: checked by submitProblem
          },
        },
      });
    });
  }
}
