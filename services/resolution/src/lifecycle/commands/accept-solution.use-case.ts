import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type AcceptSolutionCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { mayAct } from '../../domain/permissions.js';
import { authorize, nextStatus } from '../../domain/refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/**
 * "La solución resolvió mi problema" (docs/domain.md § Procedure 9.1, verification): the requester, or the referente of the ticket's
 * jurisdiction, confirms the solution of a resolved ticket. The ticket stays `resuelto`: only the
 * supervisor's review closes it, and the confirmation is there for the supervisor to see.
 */
@Injectable()
export class AcceptSolutionUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
  ) {}

  execute(area: string, command: AcceptSolutionCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      const { ticket } = scope;
      authorize(mayAct(command.actor, 'accept', ticket));
      const status = nextStatus(ticket.status, 'accept-solution');
      const comment = command.body.comment?.trim() || undefined;
      await this.journal.record(scope, {
        action: 'accept',
        notes: comment,
        event: {
          definition: ProcedureEvents.SolutionAccepted,
          data: { ...lifecycleBase(scope, status), ...(comment ? { comment } : {}) },
        },
      });
    });
  }
}
