import { Injectable } from '@nestjs/common';
import { ServiceError } from '@cau/messaging';
import { ProcedureEvents, type SurveyBodyV1, type SurveyCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { SurveyRepository } from '../../tickets/survey.repository.js';
import { mayAct } from '../../domain/permissions.js';
import { authorize, nextStatus } from '../../domain/refusals.js';
import { TicketCommandRunner, type CommandScope } from '../ticket-command-runner.js';
import { TicketJournal } from '../ticket-journal.js';

/**
 * The requester rates the closed ticket's attention, once (docs/domain.md § Surveys): signed in (this
 * command) or by the link of the closure mail (AnswerSurveyByLinkUseCase). Both record through `record`,
 * and the survey table's key on the ticket makes a second answer a conflict whichever way it comes.
 */
@Injectable()
export class AnswerSurveyUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
    private readonly surveys: SurveyRepository,
  ) {}

  execute(area: string, command: SurveyCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      authorize(mayAct(command.actor, 'survey', scope.ticket));
      await this.record(scope, command.body);
    });
  }

  /** Records the answer of the scope's actor (the requester), in the scope's transaction, or refuses a second one. */
  async record(scope: CommandScope, body: SurveyBodyV1): Promise<void> {
    const { ticket, tx, now, by } = scope;
    nextStatus(ticket.status, 'answer-survey');
    const { satisfaction, score, comment } = body;
    const answered = await this.surveys.saveOnce(tx, {
      ticketId: ticket.ticketId,
      satisfaction,
      score: score ?? null,
      comment: comment ?? null,
      answeredBy: by.accountId,
      answeredAt: now,
    });
    if (!answered) throw ServiceError.conflict({ code: 'ticket.survey-answered' });
    await this.journal.record(scope, {
      action: 'survey',
      notes: comment ? `${satisfaction}: ${comment}` : satisfaction,
      event: {
        definition: ProcedureEvents.SurveyAnswered,
        data: {
          ticketId: ticket.ticketId,
          number: ticket.number,
          satisfaction,
          score,
          comment,
          at: now.toISOString(),
        },
      },
    });
  }
}
