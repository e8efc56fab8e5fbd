/** The routes that take `multipart/form-data` (Fastify route patterns, POST); every other body is JSON. */
export const MULTIPART_ROUTES: ReadonlySet<string> = new Set([
  '/api/v1/attachments',
  '/api/v1/tickets/:number/attachments',
  '/api/v1/kb/articles/:id/files',
  '/api/v1/inventory/equipment/import',
]);
