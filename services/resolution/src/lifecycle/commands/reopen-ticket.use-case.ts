import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type ReasonCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { ClosureReportRepository } from '../../closure/closure-report.repository.js';
import { ResolutionSettings } from '../../config/resolution-settings.js';
import { reopenProblem } from '../lifecycle-rules.js';
import { mayAct } from '../../domain/permissions.js';
import { authorize, nextStatus, refuseIf } from '../../domain/refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/**
 * The problem persists (docs/domain.md § Reopening): a resolved or recently closed ticket goes back to work at the
 * service desk, where every resolved ticket is. Its closure report no longer describes a closure and
 * is withdrawn until the ticket closes again; the resolution target is open again.
 */
@Injectable()
export class ReopenTicketUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
    private readonly reports: ClosureReportRepository,
    private readonly settings: ResolutionSettings,
  ) {}

  execute(area: string, command: ReasonCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      const { ticket, tx, now } = scope;
      authorize(mayAct(command.actor, 'reopen', ticket));
      const status = nextStatus(ticket.status, 'reopen');
      refuseIf(reopenProblem(ticket, now, this.settings.reopenWindowDays));
      const { reason } = command.body;
      await this.journal.record(scope, {
        action: 'reopen',
        changes: { status, closedAt: null },
        notes: reason,
        event: { definition: ProcedureEvents.TicketReopened, data: { ...lifecycleBase(scope, status), reason } },
      });
      await this.reports.delete(tx, ticket.ticketId);
    });
  }
}
