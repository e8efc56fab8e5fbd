import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServiceRuntime } from '@cau/messaging';
import { setupOpenApi } from '../openapi/openapi.js';
import { CorrelationInterceptor, registerCorrelation } from './correlation.js';
import { ErrorResponseFilter } from './error-filter.js';
import { requireJsonBodies } from './json-only.js';

/** Everything around the handlers: correlation, JSON-only bodies, error answers, OpenAPI. */
export function configureHttp(app: NestFastifyApplication, runtime: ServiceRuntime, bodyLimitBytes: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  // Correlation first, so even a refused body is answered with the request's id.
  registerCorrelation(fastify);
  requireJsonBodies(fastify);
  app.useGlobalFilters(
    new ErrorResponseFilter(runtime.logger, { subjectPrefix: runtime.messaging.subjectPrefix, bodyLimitBytes }),
  );
  app.useGlobalInterceptors(new CorrelationInterceptor());
  setupOpenApi(app);
}
