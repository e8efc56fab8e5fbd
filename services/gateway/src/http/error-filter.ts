import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ErrorCode, HTTP_STATUS_BY_CODE } from '@cau/contracts';
import { preferredLanguage } from './language.js';
import { toErrorPayload, toErrorResponse, type RequestFacts } from './error-mapping.js';

const MAX_URL_IN_MESSAGE = 200;

/**
 * The one place errors become HTTP answers: every refusal and failure, from a handler, a guard, a
 * pipe, Fastify's body parsing or the router, is answered as JSON in the caller's language.
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly options: { subjectPrefix: string; bodyLimitBytes: number },
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const facts: RequestFacts = {
      method: request.method,
      url: (request.url.split('?')[0] ?? '').slice(0, MAX_URL_IN_MESSAGE),
      language: preferredLanguage(request.headers['accept-language']),
      correlationId: request.correlationId,
      ...this.options,
    };
    const payload = toErrorPayload(exception, facts);
    const status = HTTP_STATUS_BY_CODE[payload.code];
    this.log(exception, payload.code, status, facts);
    if (reply.sent) return;
    if (payload.code === ErrorCode.Unauthorized) void reply.header('WWW-Authenticate', 'Bearer realm="cau"');
    if (payload.code === ErrorCode.ServiceUnavailable) void reply.header('Retry-After', '5');
    if (payload.code === ErrorCode.TooManyAttempts)
      void reply.header('Retry-After', String(payload.params?.retryAfter));
    void reply.status(status).type('application/json; charset=utf-8').send(toErrorResponse(payload, facts));
  }

  private log(exception: unknown, code: ErrorCode, status: number, facts: RequestFacts): void {
    const context = { code, status, method: facts.method, url: facts.url, correlationId: facts.correlationId };
    if (code === ErrorCode.ServiceUnavailable) this.logger.warn({ ...context, reason: String(exception) }, 'no answer');
    else if (status >= 500) this.logger.error({ ...context, err: exception }, 'request failed');
    else this.logger.debug(context, 'request refused');
  }
}
