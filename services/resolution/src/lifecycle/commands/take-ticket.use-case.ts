import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type TicketOnlyCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { mayAct } from '../../domain/permissions.js';
import { authorize, nextStatus } from '../../domain/refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/** A member of the area takes the ticket for themselves; the first take answers the response target. */
@Injectable()
export class TakeTicketUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
  ) {}

  execute(area: string, command: TicketOnlyCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      authorize(mayAct(command.actor, 'take', scope.ticket));
      const status = nextStatus(scope.ticket.status, 'take');
      await this.journal.record(scope, {
        action: 'take',
        changes: {
          status,
          assignee: { accountId: scope.by.accountId, name: scope.by.name },
          responseMetAt: scope.ticket.responseMetAt ?? scope.now,
        },
        event: {
          definition: ProcedureEvents.TicketTaken,
          data: { ...lifecycleBase(scope, status), assignee: scope.by },
        },
      });
    });
  }
}
