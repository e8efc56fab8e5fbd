import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/** Paths the portal never owns: the API, its docs, and the runtime's health and metrics. */
const NOT_PORTAL = /^\/(api|health|metrics)(\/|\?|$)/;

/**
 * Where the portal's build is: `PORTAL_DIR`, or `portal/dist` under the working directory (the
 * repository root for `npm start`, `/app` in the container image).
 */
export function portalDirFromEnv(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.PORTAL_DIR ?? path.join(process.cwd(), 'portal', 'dist'));
}

/**
 * Serves the portal (a single-page app) at `/`: its hashed assets with a year's cache (and the .br/.gz
 * copies the build wrote), and `index.html` for every other GET that is not the API, so links such as
 * `/tickets/42/encuesta` in our mails open the page that shows them. Without a build, `/` explains how to
 * make one instead of answering 404.
 */
export async function servePortal(app: NestFastifyApplication, portalDir: string, logger: Logger): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const built = existsSync(path.join(portalDir, 'index.html'));
  if (!built) {
    logger.warn({ portalDir }, 'the portal is not built: "npm run build -w @cau/portal" (npm start does it)');
  } else {
    await app.register(fastifyStatic, {
      // Only the hashed bundle lives under /assets; every other path routes to index.html below.
      root: path.join(portalDir, 'assets'),
      prefix: '/assets/',
      index: false,
      preCompressed: true,
      immutable: true,
      maxAge: '365d',
    });
  }

  const page = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (NOT_PORTAL.test(request.url)) {
      reply.callNotFound();
      return;
    }
    if (!built) {
      await reply
        .status(503)
        .type('text/html; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .send(
          '<!doctype html><html lang="es"><meta charset="utf-8"><title>CAU</title>' +
            '<p>El portal del CAU no está compilado en este servidor. Ejecute <code>npm start</code> ' +
            '(o <code>npm run build -w @cau/portal</code>). La API sigue disponible en <a href="/api/docs">/api/docs</a>.</p></html>',
        );
      return;
    }
    // index.html names the current bundle: never cached, so a new release is picked up at once.
    await reply.header('Cache-Control', 'no-cache').sendFile('index.html', portalDir, { maxAge: 0, immutable: false });
  };
  for (const file of ['favicon.svg']) {
    if (built && existsSync(path.join(portalDir, file))) {
      fastify.get(`/${file}`, (_request, reply) => reply.sendFile(file, portalDir));
    }
  }
  fastify.get('/', page);
  fastify.get('/*', page);
}
