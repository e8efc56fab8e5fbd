import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  SurveyLinkAnswerCommandV1,
  SurveyLinkCommands,
  SurveyLinkQueryV1,
  type SurveyLinkStatusV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { SurveyLinkUseCase } from './commands/survey-link.use-case.js';

/** Answered by any instance, whatever areas it serves. */
@Controller()
export class SurveyLinkHandler {
  constructor(private readonly surveyLink: SurveyLinkUseCase) {}

  @MessagePattern(SurveyLinkCommands.Status)
  status(@Payload() data: unknown): Promise<SurveyLinkStatusV1> {
    return this.surveyLink.status(parseMessage(SurveyLinkQueryV1, data));
  }

  @MessagePattern(SurveyLinkCommands.Answer)
  answer(@Payload() data: unknown): Promise<SurveyLinkStatusV1> {
    return this.surveyLink.answer(parseMessage(SurveyLinkAnswerCommandV1, data));
  }
}
