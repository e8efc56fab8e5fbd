import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AddProblemActionCommandV1,
  ChangeProblemCommandV1,
  CreateProblemCommandV1,
  LinkProblemTicketsCommandV1,
  ProblemRefV1,
  ProblemsQueryV1,
  ResolutionQueries,
  UnlinkProblemTicketCommandV1,
  type ProblemsV1,
  type ProblemV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ManageProblemsUseCase } from './manage-problems.use-case.js';

/** Answered by any instance, whatever areas it serves: a problem spans areas. */
@Controller()
export class ProblemsHandler {
  constructor(private readonly problems: ManageProblemsUseCase) {}

  @MessagePattern(ResolutionQueries.ListProblems)
  list(@Payload() data: unknown): Promise<ProblemsV1> {
    return this.problems.list(parseMessage(ProblemsQueryV1, data));
  }

  @MessagePattern(ResolutionQueries.GetProblem)
  get(@Payload() data: unknown): Promise<ProblemV1> {
    return this.problems.get(parseMessage(ProblemRefV1, data));
  }

  @MessagePattern(ResolutionQueries.CreateProblem)
  create(@Payload() data: unknown): Promise<ProblemV1> {
    return this.problems.create(parseMessage(CreateProblemCommandV1, data));
  }

  @MessagePattern(ResolutionQueries.ChangeProblem)
  change(@Payload() data: unknown): Promise<ProblemV1> {
    return this.problems.change(parseMessage(ChangeProblemCommandV1, data));
  }

  @MessagePattern(ResolutionQueries.AddProblemAction)
  addAction(@Payload() data: unknown): Promise<ProblemV1> {
    return this.problems.addAction(parseMessage(AddProblemActionCommandV1, data));
  }

  @MessagePattern(ResolutionQueries.LinkProblemTickets)
  link(@Payload() data: unknown): Promise<ProblemV1> {
    return this.problems.link(parseMessage(LinkProblemTicketsCommandV1, data));
  }

  @MessagePattern(ResolutionQueries.UnlinkProblemTicket)
  unlink(@Payload() data: unknown): Promise<ProblemV1> {
    return this.problems.unlink(parseMessage(UnlinkProblemTicketCommandV1, data));
  }
}
