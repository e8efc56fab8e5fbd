import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ErrorCode,
  Role,
  requesterDigest,
  type ByV1,
  type SurveyLinkAnswerCommandV1,
  type SurveyLinkQueryV1,
  type SurveyLinkRefV1,
  type SurveyLinkStatusV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { Clock } from '../../clock.js';
import type { TicketRecord } from '../../domain/ticket-record.js';
import { SurveyRepository } from '../../tickets/survey.repository.js';
import { TicketRepository } from '../../tickets/ticket.repository.js';
import { AnswerSurveyUseCase } from './answer-survey.use-case.js';

/** Stands for the requester of tickets registered before resolution kept intake's requester id. */
const UNKNOWN_REQUESTER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The survey by the link of the closure mail, for requesters who may have no portal account (tickets
 * registered by phone). The gateway has verified the token's signature and expiry; here the link must
 * name this ticket (id and number) and the address it was registered for, or it is refused without
 * telling which part failed. The answer is attributed to the ticket's requester.
 */
@Injectable()
export class SurveyLinkUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly tickets: TicketRepository,
    private readonly surveys: SurveyRepository,
    private readonly answers: AnswerSurveyUseCase,
    private readonly clock: Clock,
  ) {}

  async status(query: SurveyLinkQueryV1): Promise<SurveyLinkStatusV1> {
    const ticket = boundTicket(await this.tickets.findByNumber(query.link.number), query.link);
    const tx = this.runtime.dataSource.manager;
    return statusOf(ticket, await this.surveys.isAnswered(tx, ticket.ticketId));
  }

  answer(command: SurveyLinkAnswerCommandV1): Promise<SurveyLinkStatusV1> {
    return this.runtime.transaction(async (tx: EntityManager) => {
      const ticket = boundTicket(await this.tickets.lockByNumber(tx, command.link.number), command.link);
      await this.answers.record(
        { ticket: { ...ticket, area: ticket.area ?? '' }, tx, now: this.clock.now(), by: requesterBy(ticket) },
        command.body,
      );
      return statusOf(ticket, true);
    });
  }
}

type BoundTicket = TicketRecord & { requesterEmail: string };

function boundTicket(ticket: TicketRecord | null, link: SurveyLinkRefV1): BoundTicket {
  if (
    !ticket ||
    ticket.ticketId !== link.ticketId ||
    ticket.requesterEmail === null ||
    requesterDigest(ticket.requesterEmail) !== link.requesterDigest
  ) {
    throw new ServiceError({ code: ErrorCode.SurveyLinkInvalid });
  }
  return ticket as BoundTicket;
}

function statusOf(ticket: BoundTicket, answered: boolean): SurveyLinkStatusV1 {
  return { ticketNumber: ticket.number, title: ticket.title ?? '', status: ticket.status, answered };
}

/** The requester as intake registered them: the person the survey is from. */
function requesterBy(ticket: BoundTicket): ByV1 {
  return {
    accountId: ticket.requester?.id ?? UNKNOWN_REQUESTER_ID,
    name: ticket.requester?.name ?? ticket.requesterEmail,
    role: Role.Requester,
    email: ticket.requesterEmail,
  };
}
