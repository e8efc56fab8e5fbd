import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type SolutionCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { mayAct } from '../../domain/permissions.js';
import { authorize, nextStatus } from '../../domain/refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/**
 * The area that solved the problem registers the solution (docs/domain.md § Work on a ticket: procedure 9.1 step 5, 9.2 step 4, 9.3 3.A.2).
 * A later registration replaces the earlier one: it is what the supervisor reviews.
 */
@Injectable()
export class RegisterSolutionUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
  ) {}

  execute(area: string, command: SolutionCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      authorize(mayAct(command.actor, 'register-solution', scope.ticket));
      const status = nextStatus(scope.ticket.status, 'register-solution');
      const { solution, elements, downtimeMinutes } = command.body;
      await this.journal.record(scope, {
        action: 'register-solution',
        changes: {
          solution: {
            text: solution,
            elements: elements ?? null,
            downtimeMinutes: downtimeMinutes ?? null,
            by: scope.by,
            at: scope.now,
          },
        },
        notes: solution,
        event: {
          definition: ProcedureEvents.SolutionProposed,
          data: { ...lifecycleBase(scope, status), solution, elements, downtimeMinutes },
        },
      });
    });
  }
}
