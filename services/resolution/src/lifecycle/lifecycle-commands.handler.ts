import { Controller } from '@nestjs/common';
import {
  AcceptSolutionCommandV1,
  AssignTicketCommandV1,
  CommentCommandV1,
  EstimateCommandV1,
  MergeTicketCommandV1,
  ReasonCommandV1,
  RelatedTicketCommandV1,
  ReviewCommandV1,
  SolutionCommandV1,
  SubmitForReviewCommandV1,
  SurveyCommandV1,
  ResolutionRpc,
  TicketOnlyCommandV1,
  WorkLogCommandV1,
  type LifecycleStateV1,
} from '@cau/contracts';
import { AnswersInArea } from '@cau/messaging';
import { AcceptSolutionUseCase } from './commands/accept-solution.use-case.js';
import { AnswerSurveyUseCase } from './commands/answer-survey.use-case.js';
import { AssignTicketUseCase } from './commands/assign-ticket.use-case.js';
import { CommentOnTicketUseCase } from './commands/comment-on-ticket.use-case.js';
import { EstimateTicketUseCase } from './commands/estimate-ticket.use-case.js';
import { MergeTicketUseCase } from './commands/merge-ticket.use-case.js';
import { RelateTicketsUseCase } from './commands/relate-tickets.use-case.js';
import { LogWorkUseCase } from './commands/log-work.use-case.js';
import { RegisterSolutionUseCase } from './commands/register-solution.use-case.js';
import { ReopenTicketUseCase } from './commands/reopen-ticket.use-case.js';
import { ResumeWorkUseCase } from './commands/resume-work.use-case.js';
import { ReviewSolutionUseCase } from './commands/review-solution.use-case.js';
import { SubmitForReviewUseCase } from './commands/submit-for-review.use-case.js';
import { TakeTicketUseCase } from './commands/take-ticket.use-case.js';
import { WaitOnRequesterUseCase } from './commands/wait-on-requester.use-case.js';

/** Lifecycle commands, each subscribed once per area this instance serves. */
@Controller()
export class LifecycleCommandsHandler {
  constructor(
    private readonly takeTicket: TakeTicketUseCase,
    private readonly assignTicket: AssignTicketUseCase,
    private readonly estimateTicket: EstimateTicketUseCase,
    private readonly logWorkOnTicket: LogWorkUseCase,
    private readonly registerSolutionOfTicket: RegisterSolutionUseCase,
    private readonly submitForReview: SubmitForReviewUseCase,
    private readonly reviewSolution: ReviewSolutionUseCase,
    private readonly reopenTicket: ReopenTicketUseCase,
    private readonly waitOnRequester: WaitOnRequesterUseCase,
    private readonly resumeWork: ResumeWorkUseCase,
    private readonly answerSurvey: AnswerSurveyUseCase,
    private readonly commentOnTicket: CommentOnTicketUseCase,
    private readonly acceptSolution: AcceptSolutionUseCase,
    private readonly relateTickets: RelateTicketsUseCase,
    private readonly mergeTicket: MergeTicketUseCase,
  ) {}

  @AnswersInArea(ResolutionRpc.Take)
  take(area: string, command: TicketOnlyCommandV1): Promise<LifecycleStateV1> {
    return this.takeTicket.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.Assign)
  assign(area: string, command: AssignTicketCommandV1): Promise<LifecycleStateV1> {
    return this.assignTicket.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.Estimate)
  estimate(area: string, command: EstimateCommandV1): Promise<LifecycleStateV1> {
    return this.estimateTicket.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.LogWork)
  logWork(area: string, command: WorkLogCommandV1): Promise<LifecycleStateV1> {
    return this.logWorkOnTicket.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.RegisterSolution)
  registerSolution(area: string, command: SolutionCommandV1): Promise<LifecycleStateV1> {
    return this.registerSolutionOfTicket.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.Submit)
  submit(area: string, command: SubmitForReviewCommandV1): Promise<LifecycleStateV1> {
    return this.submitForReview.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.Review)
  review(area: string, command: ReviewCommandV1): Promise<LifecycleStateV1> {
    return this.reviewSolution.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.Reopen)
  reopen(area: string, command: ReasonCommandV1): Promise<LifecycleStateV1> {
    return this.reopenTicket.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.WaitRequester)
  waitRequester(area: string, command: ReasonCommandV1): Promise<LifecycleStateV1> {
    return this.waitOnRequester.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.Resume)
  resume(area: string, command: TicketOnlyCommandV1): Promise<LifecycleStateV1> {
    return this.resumeWork.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.Survey)
  survey(area: string, command: SurveyCommandV1): Promise<LifecycleStateV1> {
    return this.answerSurvey.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.Comment)
  comment(area: string, command: CommentCommandV1): Promise<LifecycleStateV1> {
    return this.commentOnTicket.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.Accept)
  accept(area: string, command: AcceptSolutionCommandV1): Promise<LifecycleStateV1> {
    return this.acceptSolution.execute(area, command);
  }

  @AnswersInArea(ResolutionRpc.Link)
  link(area: string, command: RelatedTicketCommandV1): Promise<LifecycleStateV1> {
    return this.relateTickets.link(area, command);
  }

  @AnswersInArea(ResolutionRpc.Unlink)
  unlink(area: string, command: RelatedTicketCommandV1): Promise<LifecycleStateV1> {
    return this.relateTickets.unlink(area, command);
  }

  @AnswersInArea(ResolutionRpc.Merge)
  merge(area: string, command: MergeTicketCommandV1): Promise<LifecycleStateV1> {
    return this.mergeTicket.execute(area, command);
  }
}
