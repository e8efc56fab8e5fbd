import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
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
  TicketOnlyCommandV1,
  WorkLogCommandV1,
  resolutionCommand,
  type ResolutionAction,
} from '@cau/contracts';
import { areaOfSubject, parseMessage } from '@cau/messaging';
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
import type { LifecycleStateV1 } from './lifecycle-state.js';

/** The area the command was addressed to: the `{area}` token of the subject it arrived on. */
function addressedArea(action: ResolutionAction, ctx: NatsContext): string {
  return areaOfSubject(resolutionCommand(action), ctx.getSubject());
}

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

  @MessagePattern(resolutionCommand('take'))
  take(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.takeTicket.execute(addressedArea('take', ctx), parseMessage(TicketOnlyCommandV1, data));
  }

  @MessagePattern(resolutionCommand('assign'))
  assign(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.assignTicket.execute(addressedArea('assign', ctx), parseMessage(AssignTicketCommandV1, data));
  }

  @MessagePattern(resolutionCommand('estimate'))
  estimate(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.estimateTicket.execute(addressedArea('estimate', ctx), parseMessage(EstimateCommandV1, data));
  }

  @MessagePattern(resolutionCommand('log-work'))
  logWork(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.logWorkOnTicket.execute(addressedArea('log-work', ctx), parseMessage(WorkLogCommandV1, data));
  }

  @MessagePattern(resolutionCommand('register-solution'))
  registerSolution(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.registerSolutionOfTicket.execute(
      addressedArea('register-solution', ctx),
      parseMessage(SolutionCommandV1, data),
    );
  }

  @MessagePattern(resolutionCommand('submit'))
  submit(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.submitForReview.execute(addressedArea('submit', ctx), parseMessage(SubmitForReviewCommandV1, data));
  }

  @MessagePattern(resolutionCommand('review'))
  review(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.reviewSolution.execute(addressedArea('review', ctx), parseMessage(ReviewCommandV1, data));
  }

  @MessagePattern(resolutionCommand('reopen'))
  reopen(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.reopenTicket.execute(addressedArea('reopen', ctx), parseMessage(ReasonCommandV1, data));
  }

  @MessagePattern(resolutionCommand('wait-requester'))
  waitRequester(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.waitOnRequester.execute(addressedArea('wait-requester', ctx), parseMessage(ReasonCommandV1, data));
  }

  @MessagePattern(resolutionCommand('resume'))
  resume(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.resumeWork.execute(addressedArea('resume', ctx), parseMessage(TicketOnlyCommandV1, data));
  }

  @MessagePattern(resolutionCommand('survey'))
  survey(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.answerSurvey.execute(addressedArea('survey', ctx), parseMessage(SurveyCommandV1, data));
  }

  @MessagePattern(resolutionCommand('comment'))
  comment(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.commentOnTicket.execute(addressedArea('comment', ctx), parseMessage(CommentCommandV1, data));
  }

  @MessagePattern(resolutionCommand('accept'))
  accept(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.acceptSolution.execute(addressedArea('accept', ctx), parseMessage(AcceptSolutionCommandV1, data));
  }

  @MessagePattern(resolutionCommand('link'))
  link(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.relateTickets.link(addressedArea('link', ctx), parseMessage(RelatedTicketCommandV1, data));
  }

  @MessagePattern(resolutionCommand('unlink'))
  unlink(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.relateTickets.unlink(addressedArea('unlink', ctx), parseMessage(RelatedTicketCommandV1, data));
  }

  @MessagePattern(resolutionCommand('merge'))
  merge(@Payload() data: unknown, @Ctx() ctx: NatsContext): Promise<LifecycleStateV1> {
    return this.mergeTicket.execute(addressedArea('merge', ctx), parseMessage(MergeTicketCommandV1, data));
  }
}
