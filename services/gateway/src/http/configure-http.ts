import fastifyMultipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import { CORRELATION_HEADER, type ServiceRuntime } from '@cau/messaging';
import { MULTIPART_ROUTES } from '../attachments/attachments.routes.js';
import { GatewayConfig } from '../config/gateway-config.js';
import { setupOpenApi } from '../openapi/openapi.js';
import { CorrelationInterceptor, registerCorrelation } from './correlation.js';
import { ErrorResponseFilter } from './error-filter.js';
import { requireJsonBodies } from './json-only.js';
import { servePortal } from './portal.js';
import { captureRawBodies } from '../whatsapp/raw-body.js';
import { WHATSAPP_WEBHOOK_MAX_BYTES, WHATSAPP_WEBHOOK_ROUTE } from '../whatsapp/whatsapp.routes.js';

/**
 * Everything around the handlers: correlation, security headers, CORS, JSON-only bodies (multipart on
 * upload routes), error answers, OpenAPI, and the portal's static files.
 */
export async function configureHttp(
  app: NestFastifyApplication,
  runtime: ServiceRuntime,
  bodyLimitBytes: number,
  portalDir: string,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // Correlation first, so even a refused body is answered with the request's id.
  registerCorrelation(fastify);
  // Helmet's defaults suit the docs page too: Swagger UI loads its scripts from files served here
  // (script-src 'self') and styles itself inline (style-src allows 'unsafe-inline'). Except
  // upgrade-insecure-requests: served over plain HTTP (development, or a LAN without a TLS proxy) it
  // would make the browser fetch the docs' scripts over HTTPS, where nothing answers.
  // Built once: @fastify/helmet builds Helmet's middleware again for every request (its CSP parsed each time),
  // some 15 µs of each request's CPU.
  const securityHeaders = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)),
  );
  const { corsOrigins } = app.get(GatewayConfig);
  if (corsOrigins.length > 0) {
    app.enableCors({ origin: [...corsOrigins], exposedHeaders: [CORRELATION_HEADER, 'Retry-After'] });
  }
  // Multipart bodies are streamed by the attachment handlers (request.parts()), never buffered here;
  // the hook below lets them in on the upload routes only.
  await app.register(fastifyMultipart, { throwFileSizeLimit: false });
  requireJsonBodies(fastify, MULTIPART_ROUTES);
  // The WhatsApp webhook's signature is over the exact bytes: kept for that route only.
  captureRawBodies(fastify, new Set([WHATSAPP_WEBHOOK_ROUTE]), Math.min(bodyLimitBytes, WHATSAPP_WEBHOOK_MAX_BYTES));
  app.useGlobalFilters(
    new ErrorResponseFilter(runtime.logger, { subjectPrefix: runtime.messaging.subjectPrefix, bodyLimitBytes }),
  );
  app.useGlobalInterceptors(new CorrelationInterceptor());
  setupOpenApi(app);
  await servePortal(app, portalDir, runtime.logger);
}
