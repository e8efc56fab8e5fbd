import { Controller } from '@nestjs/common';
import { ResolutionRpc, SurveyLinkAnswerCommandV1, SurveyLinkQueryV1, type SurveyLinkStatusV1 } from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { SurveyLinkUseCase } from './commands/survey-link.use-case.js';

/** Answered by any instance, whatever areas it serves. */
@Controller()
export class SurveyLinkHandler {
  constructor(private readonly surveyLink: SurveyLinkUseCase) {}

  @Answers(ResolutionRpc.SurveyLinkStatus)
  status(request: SurveyLinkQueryV1): Promise<SurveyLinkStatusV1> {
    return this.surveyLink.status(request);
  }

  @Answers(ResolutionRpc.SurveyLinkAnswer)
  answer(request: SurveyLinkAnswerCommandV1): Promise<SurveyLinkStatusV1> {
    return this.surveyLink.answer(request);
  }
}
