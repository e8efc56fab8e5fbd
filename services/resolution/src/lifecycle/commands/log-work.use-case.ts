import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type WorkLogCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { mayAct } from '../../domain/permissions.js';
import { authorize, nextStatus } from '../../domain/refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/** Records an intervention and the time it took (docs/domain.md § Work on a ticket: "tiempo insumido"). */
@Injectable()
export class LogWorkUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
  ) {}

  execute(area: string, command: WorkLogCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      authorize(mayAct(command.actor, 'log-work', scope.ticket));
      const status = nextStatus(scope.ticket.status, 'log-work');
      const { description, minutes } = command.body;
      await this.journal.record(scope, {
        action: 'log-work',
        minutes,
        notes: description,
        event: {
          definition: ProcedureEvents.WorkLogged,
          data: { ...lifecycleBase(scope, status), description, minutes },
        },
      });
    });
  }
}
