import { Injectable } from '@nestjs/common';
import { ServiceError } from '@cau/messaging';
import { ProcedureEvents, type ReviewCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { buildClosureReport, resolutionTimes } from '../../closure/closure-report.js';
import { ClosureReportRepository } from '../../closure/closure-report.repository.js';
import { signOffProblem } from '../../field/field-attention.js';
import { FieldAttentionRepository } from '../../field/field-attention.repository.js';
import { CalendarRepository } from '../../sla/calendar.repository.js';
import { clockStartOf } from '../../domain/ticket-record.js';
import { TicketHistoryRepository } from '../../tickets/ticket-history.repository.js';
import { reviewFieldProblems } from '../lifecycle-rules.js';
import { mayAct } from '../../domain/permissions.js';
import { authorize, nextStatus, refuseIf, validate } from '../../domain/refusals.js';
import { TicketCommandRunner, type CommandScope } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/**
 * The supervisor reviews the derived solution (docs/domain.md § Supervisor review and closure; procedure 9.1 steps 9–10): approving closes the ticket
 * and writes its closure report (docs/domain.md § Closure report); rejecting returns it to the service desk with
 * observations of what must be corrected.
 */
@Injectable()
export class ReviewSolutionUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
    private readonly calendars: CalendarRepository,
    private readonly history: TicketHistoryRepository,
    private readonly reports: ClosureReportRepository,
    private readonly fieldAttentions: FieldAttentionRepository,
  ) {}

  execute(area: string, command: ReviewCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      authorize(mayAct(command.actor, 'review', scope.ticket));
      validate(reviewFieldProblems(command.body));
      const { decision, observations, signOffWaivedReason } = command.body;
      switch (decision) {
        case 'approve':
          return this.approve(scope, signOffWaivedReason?.trim() || undefined);
        case 'reject':
          return this.reject(scope, observations ?? '');
      }
    });
  }

  private async reject(scope: CommandScope, observations: string): Promise<void> {
    const status = nextStatus(scope.ticket.status, 'reject');
    await this.journal.record(scope, {
      action: 'reject',
      changes: { status },
      notes: observations,
      event: { definition: ProcedureEvents.ReviewRejected, data: { ...lifecycleBase(scope, status), observations } },
    });
  }

  /**
   * A field ticket (docs/domain.md § Field service: a visit recorded, equipment out for repair) closes with the user's signed
   * conformity, or with the supervisor's reason for closing without it, kept in the closing step.
   */
  private async approve(scope: CommandScope, signOffWaivedReason: string | undefined): Promise<void> {
    const { ticket, tx, now, by } = scope;
    const status = nextStatus(ticket.status, 'approve');
    const attention = await this.fieldAttentions.find(tx, ticket.ticketId);
    refuseIf(signOffProblem(attention, signOffWaivedReason));
    const waived = attention?.lastWorkAt && signOffWaivedReason ? signOffWaivedReason : undefined;
    const registeredAt = clockStartOf(ticket);
    if (!registeredAt) {
      throw ServiceError.conflict({ code: 'ticket.registration-pending' });
    }
    // A resolved ticket always has its solution and resolution time: both are written by submit.
    const solution = ticket.solution!;
    const resolvedAt = ticket.resolvedAt!;
    const calendar = (await this.calendars.book(tx)).calendarFor(ticket.jurisdiction);
    const times = resolutionTimes(calendar, registeredAt, resolvedAt);
    await this.journal.record(scope, {
      action: 'approve',
      changes: { status, closedAt: now },
      notes: waived,
      event: {
        definition: ProcedureEvents.TicketClosed,
        data: {
          ...lifecycleBase(scope, status),
          resolutionBusinessMinutes: times.businessMinutes,
          resolutionCalendarMinutes: times.calendarMinutes,
          ...(waived ? { signOffWaivedReason: waived } : {}),
        },
      },
    });
    const report = buildClosureReport(
      {
        ticketId: ticket.ticketId,
        number: ticket.number,
        title: ticket.title,
        jurisdiction: ticket.jurisdiction,
        priority: ticket.priority,
        registeredAt,
        resolvedAt,
        closedAt: now,
        closedBy: by,
        solution,
        articleRef: ticket.articleRef,
        overdue: ticket.overdue,
        history: await this.history.list(tx, ticket.ticketId),
      },
      calendar,
    );
    await this.reports.save(tx, ticket.ticketId, report, now);
  }
}
