import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type TicketOnlyCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { SlaSchedule } from '../../sla/sla-schedule.js';
import { TicketRepository } from '../../tickets/ticket.repository.js';
import { resumeProblem } from '../lifecycle-rules.js';
import { mayAct } from '../../domain/permissions.js';
import { authorize, nextStatus, refuseIf } from '../../domain/refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/** The requester answered: the SLA clocks run again, and the due dates move by the time they stood still. */
@Injectable()
export class ResumeWorkUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
    private readonly tickets: TicketRepository,
    private readonly schedule: SlaSchedule,
  ) {}

  execute(area: string, command: TicketOnlyCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      const { ticket, tx, now } = scope;
      authorize(mayAct(command.actor, 'resume', ticket));
      const status = nextStatus(ticket.status, 'resume');
      refuseIf(resumeProblem(ticket.waitingSince !== null));
      await this.journal.record(scope, {
        action: 'resume',
        changes: { waitingSince: null },
        event: {
          definition: ProcedureEvents.WaitingOnRequester,
          data: { ...lifecycleBase(scope, status), waiting: false },
        },
      });
      await this.tickets.stopWaiting(tx, ticket.ticketId, now);
      await this.schedule.refresh(tx, [ticket.ticketId]);
      // The refresh moved the due dates and announced them: the facts the command held are not the row's any more.
      delete scope.serviceLevel;
    });
  }
}
