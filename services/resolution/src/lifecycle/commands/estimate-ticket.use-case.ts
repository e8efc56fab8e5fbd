import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type EstimateCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { mayAct } from '../../domain/permissions.js';
import { authorize, nextStatus } from '../../domain/refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/** The area estimates how long the solution will take (docs/domain.md § Work on a ticket: procedure 9.2 3.A.1, 3.B.2). */
@Injectable()
export class EstimateTicketUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
  ) {}

  execute(area: string, command: EstimateCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      authorize(mayAct(command.actor, 'estimate', scope.ticket));
      const status = nextStatus(scope.ticket.status, 'estimate');
      const { minutes, note } = command.body;
      await this.journal.record(scope, {
        action: 'estimate',
        changes: { estimateMinutes: minutes },
        minutes,
        notes: note,
        event: {
          definition: ProcedureEvents.TicketEstimated,
          data: { ...lifecycleBase(scope, status), minutes, note },
        },
      });
    });
  }
}
