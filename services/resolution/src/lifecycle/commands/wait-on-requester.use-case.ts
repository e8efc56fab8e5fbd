import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type ReasonCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { SlaSchedule } from '../../sla/sla-schedule.js';
import { TicketRepository } from '../../tickets/ticket.repository.js';
import { waitProblem } from '../lifecycle-rules.js';
import { mayAct } from '../../domain/permissions.js';
import { authorize, nextStatus, refuseIf } from '../../domain/refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/** Work cannot go on without the requester: the SLA clocks stop until the ticket is resumed. */
@Injectable()
export class WaitOnRequesterUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
    private readonly tickets: TicketRepository,
    private readonly schedule: SlaSchedule,
  ) {}

  execute(area: string, command: ReasonCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      const { ticket, tx, now } = scope;
      authorize(mayAct(command.actor, 'wait-requester', ticket));
      const status = nextStatus(ticket.status, 'wait-requester');
      refuseIf(waitProblem(ticket.waitingSince !== null));
      const { reason } = command.body;
      await this.journal.record(scope, {
        action: 'wait-requester',
        changes: { waitingSince: now },
        notes: reason,
        event: {
          definition: ProcedureEvents.WaitingOnRequester,
          data: { ...lifecycleBase(scope, status), waiting: true, reason },
        },
      });
      await this.tickets.startWaiting(tx, ticket.ticketId, now);
      await this.schedule.refresh(tx, [ticket.ticketId]);
      // The refresh moved the due dates and announced them: the facts the command held are not the row's any more.
      delete scope.serviceLevel;
    });
  }
}
