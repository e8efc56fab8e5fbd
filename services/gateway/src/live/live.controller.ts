import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLES, type ActorV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { ApiErrors, ErrorResponse } from '../http/error-response.js';
import { ContractPipe } from '../http/request-input.js';
import { ApiQueryFromContract } from '../openapi/contract-schemas.js';
import { LiveStreamParams, MAX_EVENT_ID } from './live.dto.js';
import { LiveStreamService } from './live-stream.service.js';

const LAST_EVENT_ID_HEADER = 'Last-Event-ID';

@ApiTags('events')
@Controller('api/v1/events')
export class LiveController {
  constructor(private readonly live: LiveStreamService) {}

  @Get('stream')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Cambios de los tickets y comunicados en vivo (Server-Sent Events)',
    description:
      'Flujo `text/event-stream` para `EventSource` (con la cookie de sesión; no requiere la cabecera CSRF) o ' +
      'para clientes con token. Cada mensaje es un evento de ticket: `id` = número de secuencia del flujo de ' +
      'eventos, `event: ticket`, `data` = JSON ' +
      '`{type, number, area?, status?, at, by?: {accountId, name}}` (`type`: `ticket.registered`, `ticket.taken`, …), sin el contenido del evento: el portal vuelve ' +
      'a leer lo que muestra. El personal recibe los eventos de todos los tickets; un solicitante, los pasos ' +
      'públicos de sus tickets; un referente, los de su jurisdicción (nunca notas internas ni registros de ' +
      'trabajo). Los comunicados publicados, cambiados o retirados llegan como `event: announcement`, `data` = ' +
      '`{type, id, at}` (`type`: `announcement.published`, `.updated`, `.withdrawn`), a quienes son su público ' +
      '(todos, o el personal y las personas de las jurisdicciones elegidas): hay que volver a leer ' +
      '`/announcements/current`. Al conectar llega `event: ready` con `data: {lastEventId}`. Al reconectar, `Last-Event-ID` ' +
      '(cabecera que el navegador envía solo, o `?lastEventId=`) retoma desde el evento siguiente, también tras ' +
      'reiniciarse el gateway; si quedó demasiado atrás (más de `LIVE_MAX_REPLAY_EVENTS` eventos, o eventos ya ' +
      'descartados, o un id desconocido) llega `event: reset` con `data: {reason, lastEventId}`: hay que volver a ' +
      'leer todo. Cada ~15 s un comentario `: heartbeat` (con `id:` cuando hubo eventos no enviados). Como ' +
      'máximo `LIVE_STREAMS_PER_ACCOUNT` (5) conexiones por cuenta en cada instancia (429 TOO_MANY_STREAMS). ' +
      'La conexión se cierra si la sesión o el token dejan de valer.',
  })
  @ApiHeader({
    name: LAST_EVENT_ID_HEADER,
    required: false,
    description: 'El `id` del último mensaje recibido; prevalece sobre `lastEventId`',
    schema: { type: 'string', pattern: '^[0-9]{1,16}$' },
  })
  @ApiQueryFromContract(LiveStreamParams)
  @ApiOkResponse({
    description: 'Flujo de eventos (no termina mientras el cliente siga conectado)',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiResponse({
    status: 429,
    description:
      'La cuenta ya tiene abiertas tantas conexiones en vivo como permite LIVE_STREAMS_PER_ACCOUNT (TOO_MANY_STREAMS)',
    type: ErrorResponse,
  })
  @ApiErrors(400, 503)
  async stream(
    @CurrentActor() actor: ActorV1,
    @Query(new ContractPipe(LiveStreamParams, ['lastEventId'])) params: LiveStreamParams,
    @Headers('last-event-id') header: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.live.start(request, reply, actor, lastEventIdOf(header, params.lastEventId));
  }
}

/** The header a browser sends when it reconnects wins over the query the page chose when it connected first. */
function lastEventIdOf(header: string | undefined, query: number | undefined): number | null {
  if (header === undefined || header === '') return query ?? null;
  const value = /^[0-9]{1,16}$/.test(header) ? Number(header) : NaN;
  if (!Number.isSafeInteger(value) || value > MAX_EVENT_ID) {
    throw ServiceError.validation([{ field: LAST_EVENT_ID_HEADER, constraint: 'header' }]);
  }
  return value;
}
