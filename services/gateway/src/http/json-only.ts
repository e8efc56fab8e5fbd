import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';

/**
 * Request bodies must be JSON. Fastify and Nest also parse text/plain and url-encoded forms, which
 * would otherwise reach validation as a string or an object of strings. The routes in `multipartRoutes`
 * (`POST` and Fastify's route pattern, e.g. `/api/v1/attachments`) take `multipart/form-data` instead,
 * and only that.
 */
export function requireJsonBodies(fastify: FastifyInstance, multipartRoutes: ReadonlySet<string> = new Set()): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.method === 'POST' && multipartRoutes.has(request.routeOptions.url ?? '')) {
      if (!isMediaType(request.headers['content-type'], 'multipart/form-data')) {
        done(new ServiceError({ code: ErrorCode.UnsupportedMediaType, params: { expected: 'multipart/form-data' } }));
        return;
      }
      // Without its boundary the body cannot be split into parts (the parser threw, answered as a 500).
      if (!MULTIPART_BOUNDARY.test(request.headers['content-type'] ?? '')) {
        done(
          new ServiceError({
            code: ErrorCode.UnsupportedMediaType,
            params: { expected: 'multipart/form-data; boundary=…' },
          }),
        );
        return;
      }
      done();
      return;
    }
    if (carriesBody(request) && !isMediaType(request.headers['content-type'], 'application/json')) {
      done(new ServiceError({ code: ErrorCode.UnsupportedMediaType }));
      return;
    }
    done();
  });
}

const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'TRACE']);
const MULTIPART_BOUNDARY = /;\s*boundary=("[^"]+"|[^\s;]+)/i;

/** The test Fastify applies before it parses a body; unknown routes are left to answer 404. */
function carriesBody(request: FastifyRequest): boolean {
  if (BODYLESS_METHODS.has(request.method) || request.is404) return false;
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isMediaType(contentType: string | undefined, expected: string): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === expected;
}
