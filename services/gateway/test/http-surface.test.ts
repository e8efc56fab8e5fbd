import { startGateway, type GatewayFixture } from './gateway-fixture.js';

interface Operation {
  operationId: string;
  description?: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
  security?: Array<Record<string, string[]>>;
  'x-roles'?: string[];
}
interface OpenApi {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { required?: string[]; properties?: Record<string, { maxLength?: number }> }>;
    securitySchemes: Record<string, unknown>;
  };
}

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

describe('gateway: HTTP surface', () => {
  let f: GatewayFixture;

  beforeAll(async () => {
    f = await startGateway('gwsurface');
  });

  afterAll(async () => {
    await f?.stop();
  });

  describe('OpenAPI', () => {
    let doc: OpenApi;
    const operations = (): Array<[string, string, Operation]> =>
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.entries(item).map(([method, operation]): [string, string, Operation] => [path, method, operation]),
      );

    beforeAll(async () => {
      const answer = await f.http.send<OpenApi>('GET', '/api/docs-json');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      doc = answer.body;
    });

    it('is a well-formed OpenAPI 3.1 document: every reference resolves, every path parameter is declared', () => {
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.info).toEqual(expect.objectContaining({ title: expect.any(String), version: '1' }));
      for (const ref of refsIn(doc)) {
        expect(ref).toMatch(/^#\/components\/schemas\//);
        expect(doc.components.schemas).toHaveProperty([ref.replace('#/components/schemas/', '')]);
      }
      const ids = operations().map(([, , operation]) => operation.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const [path, , operation] of operations()) {
        // Its success: an answer, or for the single sign-on steps the redirect to the provider or the portal.
        expect(Object.keys(operation.responses).some((status) => /^[23]/.test(status))).toBe(true);
        for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
          expect(operation.parameters).toContainEqual(expect.objectContaining({ name, in: 'path' }));
        }
        for (const requirement of operation.security ?? []) {
          for (const scheme of Object.keys(requirement))
            expect(doc.components.securitySchemes).toHaveProperty([scheme]);
        }
      }
    });

    it('lists the ticket, account and token endpoints, with the roles allowed in each description', () => {
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/tickets',
          '/api/v1/tickets/{number}',
          '/api/v1/auth/token',
          '/api/v1/accounts',
          '/api/v1/accounts/me',
        ]),
      );
      expect(Object.keys(doc.paths['/api/v1/tickets']!).sort()).toEqual(['get', 'post']);
      const createAccount = doc.paths['/api/v1/accounts']!.post!;
      expect(createAccount.description).toContain('Roles: admin.');
      // Either scheme: a bearer token or the portal's session cookie.
      expect(createAccount.security).toEqual([{ bearer: [] }, { session: [] }]);
      expect(doc.paths['/api/v1/tickets']!.post!.description).toContain(
        'Roles: requester, referente, operator, agent, supervisor, admin.',
      );
      const token = doc.paths['/api/v1/auth/token']!.post!;
      expect(token.security).toBeUndefined();
      expect(token.description).toContain('sin token');
    });

    it('describes the request bodies with the rules the contracts enforce', () => {
      const body = doc.paths['/api/v1/tickets']!.post!.requestBody!.content['application/json']!.schema;
      // The contract plus the gateway's own `attachmentIds` (staged uploads bound after registration).
      expect(body.$ref).toBe('#/components/schemas/TicketRegistrationRequest');
      const registration = doc.components.schemas.TicketRegistrationRequest!;
      expect(registration.required).toEqual(expect.arrayContaining(['channel', 'requester', 'title', 'urgency']));
      expect(registration.properties!.title!.maxLength).toBe(200);
      expect(registration.properties!.attachmentIds).toMatchObject({ type: 'array', maxItems: 20 });
      expect(doc.components.schemas).toHaveProperty('ContactV1');
      const list = doc.paths['/api/v1/tickets']!.get!;
      expect(list.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(
        expect.arrayContaining(['query:status', 'query:before', 'query:limit', 'query:text']),
      );
    });

    it('describes the uploads as multipart with binary files, and the attachment answers', () => {
      for (const path of ['/api/v1/attachments', '/api/v1/tickets/{number}/attachments']) {
        const content = doc.paths[path]!.post!.requestBody!.content;
        expect(Object.keys(content)).toEqual(['multipart/form-data']);
        expect(content['multipart/form-data']!.schema).toMatchObject({
          required: ['files'],
          properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } },
        });
      }
      expect(
        doc.paths['/api/v1/tickets/{number}/comments']!.post!.requestBody!.content['application/json']!.schema,
      ).toEqual({ $ref: '#/components/schemas/CommentRequest' });
      expect(doc.components.schemas).toHaveProperty('StagedAttachmentResponse');
      expect(doc.components.schemas).toHaveProperty('TicketAttachmentResponse');
      expect(doc.components.schemas).toHaveProperty('AttachmentLinkBody');
    });

    it('serves the UI page at /api/docs without a token', async () => {
      const response = await fetch(`${f.gateway.url}/api/docs`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('swagger-ui');
    });
  });

  describe('correlation ids', () => {
    it('keeps a safe id sent by the client, in the header and the error body', async () => {
      const answer = await f.http.send('GET', '/api/v1/accounts/me', {
        headers: { 'x-correlation-id': 'portal-42.a:b' },
      });
      expect(answer.headers.get('x-correlation-id')).toBe('portal-42.a:b');
      expect(answer.body.correlationId).toBe('portal-42.a:b');
    });

    it('replaces an unsafe one with a fresh id', async () => {
      const answer = await f.http.send('GET', '/api/v1/accounts/me', {
        headers: { 'x-correlation-id': 'línea falsa\tinyectada' },
      });
      const id = answer.headers.get('x-correlation-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.body.correlationId).toBe(id);
    });

    it('is returned on successful answers too', async () => {
      const answer = await f.http.send('GET', '/api/v1/accounts/me', { token: f.adminToken });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-correlation-id')).toEqual(expect.any(String));
    });
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND, as JSON in the caller language', async () => {
    const spanish = await f.http.send('DELETE', '/api/v1/nada?x=1');
    expect(spanish.status).toBe(404);
    expect(spanish.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: 'La ruta DELETE /api/v1/nada no existe.' });
    const english = await f.http.send('GET', '/api/v2/tickets', { headers: { 'accept-language': 'en' } });
    expect(english.body.message).toBe('Route GET /api/v2/tickets does not exist.');
    const withBody = await f.http.send('POST', '/api/v1/nada', {
      raw: 'hola',
      headers: { 'content-type': 'text/plain' },
    });
    expect(withBody.status).toBe(404);
  });

  it('keeps health and metrics public at the root', async () => {
    expect((await f.http.send('GET', '/health')).status).toBe(200);
    const metrics = await fetch(`${f.gateway.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('process_cpu_user_seconds_total');
  });
});
