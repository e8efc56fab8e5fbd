import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type OperationObject } from '@nestjs/swagger';
import { ROLES_EXTENSION, SESSION_SECURITY } from '../auth/access.decorators.js';
import { allContractSchemas } from './contract-schemas.js';

const DESCRIPTION = `API del Centro de Atención a Usuarios (CAU).

Autenticación: \`POST /api/v1/auth/token\` devuelve un token que se envía como \`Authorization: Bearer <token>\`.
El portal usa en cambio una sesión: \`POST /api/v1/auth/session\` fija la cookie \`__Host-cau_session\` (por HTTPS;
\`cau_session\` por HTTP), \`GET\` la consulta y \`DELETE\` la cierra. Con la cookie, toda operación que no sea
GET/HEAD/OPTIONS requiere la cabecera \`X-CAU-Requested-With: portal\` y el origen del portal (403 CSRF_REFUSED).
Si llega \`Authorization\`, la cookie no se mira. Cada operación indica los roles que pueden usarla.

Errores: siempre JSON \`{ statusCode, code, message, fields?, correlationId }\`; \`message\` y \`fields[].message\`
en español, o en inglés si \`Accept-Language\` prefiere \`en\`. La cabecera \`x-correlation-id\` (enviada o generada)
identifica la solicitud en los registros de todos los servicios.`;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/**
 * Serves the OpenAPI document: UI at /api/docs, JSON at /api/docs-json. It is built on its first request, not at
 * start-up: scanning every route's metadata took about a third of the gateway's start (issue 10: restarts).
 */
export function setupOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildDocument(app), {
    raw: ['json'],
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'CAU — API',
  });
}

function buildDocument(app: NestFastifyApplication): OpenAPIObject {
  const base = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('CAU — API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addCookieAuth(
      '__Host-cau_session',
      {
        type: 'apiKey',
        description: 'Sesión del portal (`POST /api/v1/auth/session`); `cau_session` cuando se sirve por HTTP',
      },
      SESSION_SECURITY,
    )
    .build();
  const document = SwaggerModule.createDocument(app, base);
  addContractSchemas(document);
  describeAccess(document);
  return document;
}

/** Adds the schemas the document references, and those they reference in turn. */
function addContractSchemas(document: OpenAPIObject): void {
  const available = allContractSchemas();
  const schemas = (document.components ??= {}).schemas ?? {};
  const pending = referencedSchemas(document);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const schema = available[name];
    if (!schema || schemas[name] === schema) continue;
    // Nest may have left an empty placeholder for a body type; the contract's rules win.
    schemas[name] = schema;
    pending.push(...referencedSchemas(schema));
  }
  document.components.schemas = schemas;
}

function referencedSchemas(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) referencedSchemas(item, found);
  } else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value.replace('#/components/schemas/', ''));
      else referencedSchemas(value, found);
    }
  }
  return found;
}

/** States in each operation's description who may call it, from the same metadata AuthGuard reads. */
function describeAccess(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation: (OperationObject & { [ROLES_EXTENSION]?: string[] }) | undefined = item[method];
      if (!operation) continue;
      const roles = operation[ROLES_EXTENSION];
      const access = roles ? `Roles: ${roles.join(', ')}.` : 'Acceso público (sin token).';
      operation.description = operation.description ? `${operation.description}\n\n${access}` : access;
    }
  }
}
