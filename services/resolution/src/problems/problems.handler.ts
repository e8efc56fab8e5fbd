import { Controller } from '@nestjs/common';
import {
  AddProblemActionCommandV1,
  ChangeProblemCommandV1,
  CreateProblemCommandV1,
  LinkProblemTicketsCommandV1,
  ProblemRefV1,
  ProblemsQueryV1,
  ResolutionRpc,
  UnlinkProblemTicketCommandV1,
  type ProblemsV1,
  type ProblemV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { ManageProblemsUseCase } from './manage-problems.use-case.js';

/** Answered by any instance, whatever areas it serves: a problem spans areas. */
@Controller()
export class ProblemsHandler {
  constructor(private readonly problems: ManageProblemsUseCase) {}

  @Answers(ResolutionRpc.ListProblems)
  list(request: ProblemsQueryV1): Promise<ProblemsV1> {
    return this.problems.list(request);
  }

  @Answers(ResolutionRpc.GetProblem)
  get(request: ProblemRefV1): Promise<ProblemV1> {
    return this.problems.get(request);
  }

  @Answers(ResolutionRpc.CreateProblem)
  create(request: CreateProblemCommandV1): Promise<ProblemV1> {
    return this.problems.create(request);
  }

  @Answers(ResolutionRpc.ChangeProblem)
  change(request: ChangeProblemCommandV1): Promise<ProblemV1> {
    return this.problems.change(request);
  }

  @Answers(ResolutionRpc.AddProblemAction)
  addAction(request: AddProblemActionCommandV1): Promise<ProblemV1> {
    return this.problems.addAction(request);
  }

  @Answers(ResolutionRpc.LinkProblemTickets)
  link(request: LinkProblemTicketsCommandV1): Promise<ProblemV1> {
    return this.problems.link(request);
  }

  @Answers(ResolutionRpc.UnlinkProblemTicket)
  unlink(request: UnlinkProblemTicketCommandV1): Promise<ProblemV1> {
    return this.problems.unlink(request);
  }
}
