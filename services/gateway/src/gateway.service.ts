import type { ServiceDefinition } from '@cau/messaging';
import { BootstrapAdminUseCase } from './accounts/bootstrap-admin.use-case.js';
import { SURVEY_TOKEN_MAX_LENGTH } from './surveys/survey.dto.js';
import { GatewayModule } from './gateway.module.js';
import { configureHttp } from './http/configure-http.js';
import { portalDirFromEnv } from './http/portal.js';
import { GatewaySchema1763800007000 } from './migrations/1763800007000-gateway-schema.js';
import { BrowserSessions1764816000000 } from './migrations/1764816000000-browser-sessions.js';
import { Attachments1796000000000 } from './migrations/1796000000000-attachments.js';
import { AccountSearch1797100000000 } from './migrations/1797100000000-account-search.js';
import { SavedViews1797100000100 } from './migrations/1797100000100-saved-views.js';
import { CannedAnswers1797100000200 } from './migrations/1797100000200-canned-answers.js';
import { AuditLog1797500000000 } from './migrations/1797500000000-audit-log.js';
import { PasswordResets1797500000100 } from './migrations/1797500000100-password-resets.js';
import { Oidc1798500000000 } from './migrations/1798500000000-oidc.js';
import { ArticleFiles1798530000000 } from './migrations/1798530000000-article-files.js';
import { Registrations1798700000000 } from './migrations/1798700000000-registrations.js';

/**
 * Tickets carry descriptions of up to 10 000 characters and links: 256 KiB is ample for JSON. Files
 * come as multipart on the upload routes, streamed with limits of their own (ATTACHMENT_*).
 */
export const GATEWAY_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * The gateway's definition, reading its own settings (JWT_*, CAU_ADMIN_*) from `env` at boot. Pass the
 * same env given to startService; `startService` does not hand its env to the module.
 */
export function createGatewayService(env: NodeJS.ProcessEnv = process.env): ServiceDefinition {
  return {
    name: 'gateway',
    schema: 'gateway',
    module: GatewayModule.forRoot(env),
    migrations: [
      GatewaySchema1763800007000,
      BrowserSessions1764816000000,
      Attachments1796000000000,
      AccountSearch1797100000000,
      SavedViews1797100000100,
      CannedAnswers1797100000200,
      AuditLog1797500000000,
      PasswordResets1797500000100,
      Oidc1798500000000,
      ArticleFiles1798530000000,
      Registrations1798700000000,
    ],
    portVariable: 'GATEWAY_PORT',
    defaultPort: 3000,
    bodyLimitBytes: GATEWAY_BODY_LIMIT_BYTES,
    // Survey tokens (`/api/v1/surveys/{token}`) are signed JWTs of ~400 characters.
    maxParamLength: SURVEY_TOKEN_MAX_LENGTH,
    configureHttp: (app, runtime) => configureHttp(app, runtime, GATEWAY_BODY_LIMIT_BYTES, portalDirFromEnv(env)),
    afterStart: (app) => app.get(BootstrapAdminUseCase).run(),
  };
}

export const gatewayService: ServiceDefinition = createGatewayService();
