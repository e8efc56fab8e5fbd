import { Role, type PriorityMatrixV1 } from '@cau/contracts';
import { startService, type RunningService } from '@cau/messaging';
import { routingService } from '../../routing/src/routing.service.js';
import { startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

interface AuditPage {
  items: Array<{ action: string; actor: { accountId: string }; before: unknown; after: unknown }>;
}

describe('gateway: the priority matrix as configuration', () => {
  let f: GatewayFixture;
  let routing: RunningService;
  let operatorToken: string;

  const send = <T = Record<string, unknown>>(method: string, body?: unknown, token = f.adminToken) =>
    f.http.send<T>(method, '/api/v1/routing/priority-matrix', { token, ...(body !== undefined ? { json: body } : {}) });
  const auditRows = async (): Promise<AuditPage['items']> =>
    (await f.http.send<AuditPage>('GET', '/api/v1/audit?targetType=priority-matrix', { token: f.adminToken })).body
      .items;

  beforeAll(async () => {
    f = await startGateway('gwmatrix');
    routing = await startService(routingService, { ...(f.env as Record<string, string>), ROUTING_PORT: '0' });
    operatorToken = await f.http.account(f.adminToken, { email: 'operador@matriz.test', role: Role.Operator });
  });

  afterAll(async () => {
    await routing?.stop();
    await f?.stop();
  });

  it('shows the matrix to staff, refuses requesters and anonymous callers', async () => {
    const read = await send<PriorityMatrixV1>('GET', undefined, operatorToken);
    expect(read.status).toBe(200);
    expect(read.body.cells).toHaveLength(9);
    expect(read.body.cells[0]).toEqual({ impact: 'alto', urgency: 'alta', priority: 'ALTA' });
    const requester = await f.http.account(f.adminToken, { email: 'persona@matriz.test', role: Role.Requester });
    expect((await send('GET', undefined, requester)).status).toBe(403);
    expect((await f.http.send('GET', '/api/v1/routing/priority-matrix')).status).toBe(401);
  });

  it('lets an administrator replace it, audited with before and after', async () => {
    const before = (await send<PriorityMatrixV1>('GET')).body;
    const cells = before.cells.map((cell) =>
      cell.impact === 'bajo' && cell.urgency === 'alta' ? { ...cell, priority: 'ALTA' } : cell,
    );
    expect((await send('PUT', { cells }, operatorToken)).status).toBe(403);
    const saved = await send<PriorityMatrixV1>('PUT', { cells });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ cells });
    expect((await send<PriorityMatrixV1>('GET')).body).toEqual({ cells });
    const [entry, ...older] = await auditRows();
    expect(older).toEqual([]);
    expect(entry).toMatchObject({ action: 'priority-matrix.replace', before, after: { cells } });
  });

  it('answers bad input with a 400 naming the field, and stores nothing', async () => {
    const stored = (await send<PriorityMatrixV1>('GET')).body;
    const rowsBefore = (await auditRows()).length;
    const cases: Array<[unknown, string]> = [
      [{}, 'cells'],
      [{ cells: stored.cells.slice(1) }, 'cells'],
      [{ cells: stored.cells.map((c, i) => (i === 2 ? { ...c, priority: 'URGENTE' } : c)) }, 'cells.2.priority'],
      [{ cells: stored.cells.map((c, i) => (i === 3 ? { ...c, impact: 'enorme' } : c)) }, 'cells.3.impact'],
      [{ cells: stored.cells.map((c, i) => (i === 8 ? stored.cells[0] : c)) }, 'cells.8'],
    ];
    for (const [body, field] of cases) {
      const refused = await send<ErrorBody>('PUT', body);
      expect(refused.status).toBe(400);
      expect(refused.body.fields?.map((p) => p.field)).toContain(field);
      expect(refused.body.fields?.every((p) => p.message.length > 0)).toBe(true);
    }
    expect((await send<PriorityMatrixV1>('GET')).body).toEqual(stored);
    expect(await auditRows()).toHaveLength(rowsBefore);
  });
});
