import { Injectable } from '@nestjs/common';
import { ProcedureEvents, type SurveyCommandV1 } from '@cau/contracts';
import { SurveyRepository } from '../../tickets/survey.repository.js';
import type { LifecycleStateV1 } from '../lifecycle-state.js';
import { mayAct } from '../permissions.js';
import { authorize, conflict, nextStatus } from '../refusals.js';
import { TicketCommandRunner } from '../ticket-command-runner.js';
import { TicketJournal } from '../ticket-journal.js';

/** The requester rates the closed ticket's attention, once (seed 001, seed 003 §8). */
@Injectable()
export class AnswerSurveyUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
    private readonly surveys: SurveyRepository,
  ) {}

  execute(area: string, command: SurveyCommandV1): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      const { ticket, tx, now, by } = scope;
      authorize(mayAct(command.actor, 'survey', ticket));
      nextStatus(ticket.status, 'answer-survey');
      const { satisfaction, score, comment } = command.body;
      const answered = await this.surveys.saveOnce(tx, {
        ticketId: ticket.ticketId,
        satisfaction,
        score: score ?? null,
        comment: comment ?? null,
        answeredBy: by.accountId,
        answeredAt: now,
      });
      if (!answered) throw conflict('la encuesta de este ticket ya fue respondida');
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
    });
  }
}
