import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type AssignTicketCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { mayAct, memberRoleOf } from '../../domain/permissions.js';
import { authorize, nextStatus } from '../../domain/refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/** A supervisor, or a member of the area, gives the ticket to a member of the area. */
@Injectable()
export class AssignTicketUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
  ) {}

  execute(area: string, command: AssignTicketCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      authorize(mayAct(command.actor, 'assign', scope.ticket));
      const status = nextStatus(scope.ticket.status, 'assign');
      const { assigneeId, assigneeName } = command.body;
      await this.journal.record(scope, {
        action: 'assign',
        changes: {
          status,
          assignee: { accountId: assigneeId, name: assigneeName },
          responseMetAt: scope.ticket.responseMetAt ?? scope.now,
        },
        notes: `asignado a ${assigneeName}`,
        event: {
          definition: ProcedureEvents.TicketTaken,
          data: {
            ...lifecycleBase(scope, status),
            assignee: {
              accountId: assigneeId,
              name: assigneeName,
              role: memberRoleOf(scope.ticket.area),
              ...(command.assigneeEmail === undefined ? {} : { email: command.assigneeEmail }),
            },
          },
        },
      });
    });
  }
}
