import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { CORRELATION_HEADER, runWithCorrelation, sanitizeCorrelationId } from '@cau/messaging';

/**
 * Gives every request a correlation id (the client's, when it is safe to log) and returns it as a
 * header. An onRequest hook, so 404s and body-parsing errors carry it too.
 */
export function registerCorrelation(fastify: FastifyInstance): void {
  fastify.decorateRequest('correlationId', '');
  fastify.decorateRequest('actor', null);
  fastify.addHook('onRequest', (request, reply, done) => {
    request.correlationId = sanitizeCorrelationId(request.headers[CORRELATION_HEADER]);
    void reply.header(CORRELATION_HEADER, request.correlationId);
    done();
  });
}

/**
 * Runs the handler in the request's correlation scope, so RpcClient forwards the id over NATS and
 * every log line carries it. A Fastify hook cannot do this: body parsing leaves the async context.
 */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { correlationId } = context.switchToHttp().getRequest<FastifyRequest>();
    return new Observable((subscriber) =>
      runWithCorrelation({ correlationId, causationId: null }, () => next.handle().subscribe(subscriber)),
    );
  }
}
