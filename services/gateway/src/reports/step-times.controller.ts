import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  REPORT_ROLES,
  ReportingRpc,
  Role,
  StepTargetsInputV1,
  StepTargetsV1,
  StepTimesParamsV1,
  StepTimesReportV1,
  type ActorV1,
} from '@cau/contracts';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { ReportingClient } from '../http/service-clients.js';
import { ApiQueryFromContract, contractSchemaRef } from '../openapi/contract-schemas.js';
import { StepTargetsInputBody } from './step-times.dto.js';
import { StepTimesUseCase } from './step-times.use-case.js';

@ApiTags('reports')
@Controller('api/v1/reports')
@Roles(...REPORT_ROLES)
export class StepTimesController {
  constructor(
    private readonly reporting: ReportingClient,
    private readonly stepTimes: StepTimesUseCase,
  ) {}

  @Get('step-times')
  @ApiOperation({
    summary:
      'Tiempos por actividad del procedimiento de atención en sitio («Atención a Usuarios y Soporte Técnico») contra sus metas',
    description:
      'Por actividad, los tickets cuya actividad terminó en el período (fechas locales, `from` incluida, `to` excluida, ' +
      'hasta 5 años): cantidad, mediana y percentil 90 en minutos hábiles, la meta, cuántos la superan y los más ' +
      'lentos. `area` y `jurisdiction` filtran por el área actual y la jurisdicción del ticket; un agente ve su área ' +
      'y un referente su jurisdicción (`scope`). Qué evento empieza y termina cada actividad: docs/indicators.md.',
  })
  @ApiQueryFromContract(StepTimesParamsV1)
  @ApiOkResponse({
    schema: contractSchemaRef(StepTimesReportV1),
    description: 'Una fila por actividad, 01 a 10 (y 08b)',
  })
  @ApiErrors(400, 403, 503)
  report(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(StepTimesParamsV1)) params: StepTimesParamsV1,
  ): Promise<StepTimesReportV1> {
    return this.reporting.request(ReportingRpc.StepTimes, { actor, ...params });
  }

  @Get('step-targets')
  @ApiOperation({
    summary:
      'Las metas por actividad vigentes (por omisión, los tiempos del procedimiento «Atención a Usuarios y Soporte Técnico»)',
  })
  @ApiOkResponse({ schema: contractSchemaRef(StepTargetsV1) })
  @ApiErrors(403, 503)
  targets(@CurrentActor() actor: ActorV1): Promise<StepTargetsV1> {
    return this.reporting.request(ReportingRpc.StepTargets, { actor });
  }

  @Put('step-targets')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Cambia metas por actividad (administradores; queda en la auditoría)',
    description:
      'Las actividades enviadas, cada una una vez, con sus minutos (1 a 86400) o null para dejarla sin meta; las demás ' +
      'conservan la suya. Los reportes usan las metas nuevas de inmediato, también para períodos pasados.',
  })
  @ApiBody({ type: StepTargetsInputBody })
  @ApiOkResponse({ schema: contractSchemaRef(StepTargetsV1), description: 'Todas las metas, ya vigentes' })
  @ApiErrors(400, 403, 413, 415, 503)
  replaceTargets(
    @CurrentActor() actor: ActorV1,
    @Body(new ContractPipe(StepTargetsInputV1)) input: StepTargetsInputV1,
  ): Promise<StepTargetsV1> {
    return this.stepTimes.replaceTargets(actor, input);
  }
}
