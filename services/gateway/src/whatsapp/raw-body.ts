import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/**
 * Keeps the exact bytes of the body of `POST` requests to `routes` (Fastify route patterns), before
 * the JSON parser sees them: a signature over the body (the WhatsApp webhook's X-Hub-Signature-256) is
 * computed over those bytes, which re-serialising the parsed JSON would not reproduce. Every other
 * route is left alone, so no other request is buffered twice.
 */
export function captureRawBodies(fastify: FastifyInstance, routes: ReadonlySet<string>, limitBytes: number): void {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (request.method !== 'POST' || !routes.has(request.routeOptions.url ?? '')) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buffer.length;
      if (size > limitBytes) throw new ServiceError({ code: ErrorCode.PayloadTooLarge, params: { limit: limitBytes } });
      chunks.push(buffer);
    }
    const raw = Buffer.concat(chunks);
    rawBodies.set(request, raw);
    const replay = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
    replay.receivedEncodedLength = raw.length;
    return replay;
  });
}

/** The bytes kept by captureRawBodies for this request; null on a route that does not keep them. */
export function rawBodyOf(request: FastifyRequest): Buffer | null {
  return rawBodies.get(request) ?? null;
}
