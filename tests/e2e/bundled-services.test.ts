import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import path from 'node:path';
import type { CustodyPeriodV1, EquipmentV1, RequesterPageV1, TicketViewV1 } from '@cau/contracts';
import { BACKGROUND_NICE } from '@cau/messaging';
import { ApiClient, pdfText, repoRoot, startTestPlatform, waitFor, type TestPlatform } from '@cau/testing';

/**
 * `npm start` and the container image run each service as one bundled file (scripts/bundle.mjs), which
 * the other tests do not: here every service starts from its bundle, and the paths that load packages kept
 * outside it are used — sign-in (native argon2), a PDF (pdfmake's font files), the API docs
 * (swagger-ui-dist), a spreadsheet (exceljs) — beside a ticket's registration, routing, read model and mail.
 */
describe('the bundled services (what npm start and the image run)', () => {
  let platform: TestPlatform;
  let api: ApiClient;
  let admin: string;
  const previousEntry = process.env.CAU_SERVICE_ENTRY;

  beforeAll(async () => {
    // Incremental: re-bundles only services whose build changed since their bundle.
    execFileSync(process.execPath, [path.join(repoRoot(), 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
    process.env.CAU_SERVICE_ENTRY = 'bundle';
    platform = await startTestPlatform('e2ebundle');
    api = new ApiClient(platform.gatewayUrl);
    admin = await api.token(platform.admin.email, platform.admin.password);
  }, 300_000);

  afterAll(async () => {
    if (previousEntry === undefined) delete process.env.CAU_SERVICE_ENTRY;
    else process.env.CAU_SERVICE_ENTRY = previousEntry;
    await platform?.stop();
  }, 60_000);

  it('runs every service from its bundle', () => {
    for (const service of platform.processes) {
      expect(service.child.spawnargs.at(-1)).toBe(
        path.join(repoRoot(), 'services', service.name, 'bundle', 'main.mjs'),
      );
    }
  });

  it('runs the services whose work is in the background (mail, suggestions, inventory) at a lower CPU priority', () => {
    const niceOf = (pid: number): number =>
      Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const started = getPriority();
    const nice = Object.fromEntries(platform.processes.map((service) => [service.name, niceOf(service.child.pid!)]));
    expect(nice).toEqual({
      gateway: started,
      intake: started,
      routing: started,
      resolution: started,
      knowledge: BACKGROUND_NICE,
      inventory: BACKGROUND_NICE,
      notifications: BACKGROUND_NICE,
      reporting: started,
    });
  });

  it('registers, routes and mails a ticket, and shows it in the read model', async () => {
    const operator = await api.createAccount(admin, {
      email: 'olga.bundle@agetic.gob.bo',
      name: 'Olga Operadora',
      role: 'operator',
      password: 'clave-operadora-12345',
    });
    const registered = await api.request<{ number: number }>('POST', '/api/v1/tickets', {
      token: operator,
      body: {
        channel: 'telefono',
        requester: { email: 'rosa.bundle@minedu.gob.bo', name: 'Rosa Mamani' },
        jurisdiction: 'MINEDU',
        title: 'La impresora no imprime',
        description: 'La impresora del segundo piso no imprime desde ayer.',
        type: 'incidente',
        category: 'sistemas-y-aplicaciones',
        impact: 'medio',
        urgency: 'media',
      },
    });
    expect({ status: registered.status, body: registered.body }).toMatchObject({ status: 201 });
    const number = registered.body.number;
    const view = await waitFor(
      async () => {
        const response = await api.request<TicketViewV1>('GET', `/api/v1/tickets/${number}`, { token: operator });
        return response.status === 200 && response.body.area ? response.body : undefined;
      },
      { what: `ticket #${number} routed in the read model`, timeoutMs: 30_000 },
    );
    expect(view.area).toBe('L1');
    await waitFor(
      () =>
        Promise.resolve(
          platform.smtp.mails.find(
            (mail) =>
              mail.envelopeTo.includes('rosa.bundle@minedu.gob.bo') &&
              mail.parsed.subject?.startsWith(`[CAU #${number}] `),
          ),
        ),
      { what: `the registration mail of #${number}`, timeoutMs: 30_000 },
    );
  });

  it('prints a custody document (pdfmake reads its fonts from node_modules)', async () => {
    const requesters = await waitFor(
      async () => {
        const page = await api.request<RequesterPageV1>('GET', '/api/v1/requesters?search=rosa.bundle', {
          token: admin,
        });
        return page.body.items?.length ? page.body.items : undefined;
      },
      { what: 'the requester in the directory', timeoutMs: 30_000 },
    );
    const equipment = await api.request<EquipmentV1>('POST', '/api/v1/inventory/equipment', {
      token: admin,
      body: { inventoryNumber: 'BUNDLE-0001', type: 'impresora', state: 'en_stock', brand: 'HP' },
    });
    expect(equipment.status).toBe(201);
    const assigned = await api.request<EquipmentV1>(
      'POST',
      `/api/v1/inventory/equipment/${equipment.body.id}/custody`,
      { token: admin, body: { requesterId: requesters[0]!.id } },
    );
    expect(assigned.status).toBe(200);
    const periods = await api.request<CustodyPeriodV1[]>(
      'GET',
      `/api/v1/inventory/equipment/${equipment.body.id}/custody`,
      { token: admin },
    );
    const periodId = periods.body[0]!.id;
    const response = await fetch(
      `${platform.gatewayUrl}/api/v1/inventory/equipment/${equipment.body.id}/custody/${periodId}/document`,
      { headers: { authorization: `Bearer ${admin}` } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/pdf');
    const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain('BUNDLE-0001');
    expect(text).toContain('Rosa Mamani');
  });

  it('serves the API docs page and a KPI spreadsheet', async () => {
    const docs = await fetch(`${platform.gatewayUrl}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    const openapi = await fetch(`${platform.gatewayUrl}/api/docs-json`);
    expect(openapi.status).toBe(200);
    const xlsx = await fetch(
      `${platform.gatewayUrl}/api/v1/reports/kpis.xlsx?from=2026-01-01&to=2027-01-01&granularity=month`,
      {
        headers: { authorization: `Bearer ${admin}` },
      },
    );
    expect(xlsx.status).toBe(200);
    // An xlsx file is a ZIP archive.
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });
});
