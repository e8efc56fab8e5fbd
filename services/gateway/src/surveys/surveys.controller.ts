import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SurveyBodyV1 } from '@cau/contracts';
import { Public } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';
import { SurveyLinkQuery, SurveyLinkResponse, SurveyTokenParams } from './survey.dto.js';
import { SurveyLinkUseCase } from './survey-link.use-case.js';

const TOKEN = new ContractPipe(SurveyTokenParams);
const QUERY = new ContractPipe(SurveyLinkQuery, ['number']);

/**
 * The satisfaction survey by the link of the closure mail, without signing in (requesters registered by
 * phone may have no account). `token` is the `token` query parameter of the mail's link
 * `<portal>/tickets/<n>/encuesta?token=…`. A forged or malformed token, or one of another ticket, is
 * 400 SURVEY_LINK_INVALID; an expired one 410 SURVEY_LINK_EXPIRED; a second answer 409 CONFLICT.
 */
@ApiTags('surveys')
@ApiParam({ name: 'token', description: 'El token del enlace del correo de cierre' })
@ApiQuery({
  name: 'number',
  required: false,
  schema: { type: 'integer', minimum: 1 },
  description: 'El número del ticket que muestra la página; un enlace de otro ticket se rechaza (400)',
})
@Controller('api/v1/surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveyLinkUseCase) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'Qué ticket califica el enlace de la encuesta y si ya fue respondida (sin sesión)' })
  @ApiOkResponse({ schema: contractSchemaRef(SurveyLinkResponse) })
  @ApiErrors(400, 404, 409, 410, 503)
  status(
    @Param(TOKEN) { token }: SurveyTokenParams,
    @Query(QUERY) { number }: SurveyLinkQuery,
  ): Promise<SurveyLinkResponse> {
    return this.surveys.status(token, number);
  }

  @Post(':token')
  @Public()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Responde la encuesta de satisfacción con el enlace del correo de cierre (sin sesión)',
    description: 'Se registra una sola vez por ticket, a nombre del solicitante del ticket.',
  })
  @ApiBody({ schema: contractSchemaRef(SurveyBodyV1) })
  @ApiCreatedResponse({ schema: contractSchemaRef(SurveyLinkResponse) })
  @ApiErrors(413, 415)
  @ApiErrors(400, 404, 409, 410, 503)
  answer(
    @Param(TOKEN) { token }: SurveyTokenParams,
    @Query(QUERY) { number }: SurveyLinkQuery,
    @Body(new ContractPipe(SurveyBodyV1)) body: SurveyBodyV1,
  ): Promise<SurveyLinkResponse> {
    return this.surveys.answer(token, body, number);
  }
}
