import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';

/**
 * Request bodies must be JSON. Fastify and Nest also parse text/plain and url-encoded forms, which
 * would otherwise reach validation as a string or an object of strings.
 */
export function requireJsonBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (carriesBody(request) && !isJson(request.headers['content-type'])) {
      done(new ServiceError({ code: ErrorCode.UnsupportedMediaType }));
      return;
    }
    done();
  });
}

const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'TRACE']);

/** The test Fastify applies before it parses a body; unknown routes are left to answer 404. */
function carriesBody(request: FastifyRequest): boolean {
  if (BODYLESS_METHODS.has(request.method) || request.is404) return false;
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
