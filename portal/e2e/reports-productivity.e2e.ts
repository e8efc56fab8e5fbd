import { expect, test, type Locator, type Page } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

interface Mean {
  business: number | null;
  calendar: number | null;
}
interface Productivity {
  scope: { dimension: string; value: string } | null;
  technicians: Array<{
    accountId: string;
    name: string;
    taken: number;
    solved: number;
    minutesLogged: number;
    resolution: Mean;
  }>;
  areas: Array<{ area: string; resolved: number; minutesLogged: number; resolution: Mean }>;
  types: Array<{ type: string; opened: number; closed: number; resolution: Mean }>;
}

const TYPE_LABELS: Record<string, string> = {
  solicitud: 'Solicitud o consulta',
  incidente: 'Incidente',
  incidente_seguridad: 'Incidente de seguridad',
  reclamo: 'Reclamo',
  asesoramiento_compras: 'Asesoramiento de compras',
};

/** Numbers as the page writes them in Spanish. */
const count = (value: number) => value.toLocaleString('es-AR');
const minutes = (value: number | null) =>
  value === null ? '—' : new Intl.NumberFormat('es-AR', { maximumFractionDigits: 1 }).format(value);

const localToday = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Argentina/Buenos_Aires' }).format(new Date());

/** Each row of a table as its cells' texts (the row header first). */
async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
    );
}

const technicianRows = (report: Productivity) =>
  report.technicians.map((t) => [
    t.name,
    count(t.taken),
    count(t.solved),
    count(t.minutesLogged),
    minutes(t.resolution.business),
  ]);
const areaRows = (report: Productivity) =>
  report.areas.map((a) => [a.area, count(a.resolved), count(a.minutesLogged), minutes(a.resolution.business)]);
const typeRows = (report: Productivity) =>
  report.types.map((t) => [TYPE_LABELS[t.type]!, count(t.opened), count(t.closed), minutes(t.resolution.business)]);

/** The three tables on the page, as the API's figures for the same period read. */
async function expectApiFigures(page: Page, api: Api, query: string): Promise<Productivity> {
  let report: Productivity | null = null;
  await expect
    .poll(
      async () => {
        report = await api.send<Productivity>('GET', `/reports/productivity?${query}`);
        const section = page.getByTestId('reports-productivity');
        return [
          await tableRows(section.getByTestId('reports-technicians')),
          await tableRows(section.getByRole('region', { name: 'Resueltos por área' }).locator('table')),
          await tableRows(section.getByRole('region', { name: 'Por tipo de ticket' }).locator('table')),
        ];
      },
      { timeout: 90_000 },
    )
    .toEqual(
      await api
        .send<Productivity>('GET', `/reports/productivity?${query}`)
        .then((r) => [technicianRows(r), areaRows(r), typeRows(r)]),
    );
  return report!;
}

test('the dashboard shows each technician, what each area resolved and the split by type, as the API counts them', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const admin = await Api.admin();
  const tag = unique();
  const operator = { email: `olga.${tag}@cau.gob.ar`, name: `Olga Operadora ${tag}`, role: 'operator', area: 'L1' };
  const uit = { email: `ulises.${tag}@cau.gob.ar`, name: `Ulises Infra ${tag}`, role: 'agent', area: 'UIT' };
  const supervisor = { email: `sara.${tag}@cau.gob.ar`, name: `Sara Supervisora ${tag}`, role: 'supervisor' };
  for (const account of [operator, uit, supervisor]) await createAccount(admin, account);
  const operatorApi = await Api.login(operator.email, PASSWORD);
  const uitApi = await Api.login(uit.email, PASSWORD);
  const supervisorApi = await Api.login(supervisor.email, PASSWORD);

  const today = localToday();
  const from = `${today.slice(0, 7)}-01`;
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const to = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const query = `from=${from}&to=${to}`;

  // Procedure 9.2: the desk takes an incident and escalates it; UIT takes it, works 40 minutes, registers the
  // solution and returns it; the desk submits it and the supervisor approves. It closes at L1, resolved by UIT.
  const { number } = await operatorApi.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `vecina.${tag}@salud.gob.ar`, name: 'Vecina' },
      jurisdiction: 'SALUD',
      title: `El servidor de archivos no responde ${tag}`,
      description: 'Nadie puede abrir la carpeta compartida.',
      type: 'incidente',
      category: 'red-e-internet',
      impact: 'alto',
      urgency: 'alta',
    },
    { 'Idempotency-Key': `productivity-${tag}` },
  );
  await operatorApi.eventually('POST', `/tickets/${number}/take`);
  await operatorApi.send('POST', `/tickets/${number}/worklogs`, { description: 'Diagnóstico', minutes: 15 });
  await operatorApi.send('POST', `/tickets/${number}/derivations`, {
    to: 'UIT',
    kind: 'escalate',
    reason: 'El servidor es de Infraestructura.',
  });
  await uitApi.eventually('POST', `/tickets/${number}/take`);
  await uitApi.send('POST', `/tickets/${number}/worklogs`, { description: 'Reinicio del servicio', minutes: 40 });
  await uitApi.send('POST', `/tickets/${number}/solution`, { solution: 'Se reinició el servicio de archivos.' });
  await uitApi.send('POST', `/tickets/${number}/derivations`, {
    to: 'L1',
    kind: 'return',
    reason: 'Solución aplicada.',
  });
  await operatorApi.eventually('POST', `/tickets/${number}/submit`, { verifiedWithRequester: true });
  await supervisorApi.eventually('POST', `/tickets/${number}/review`, { decision: 'approve' });

  // The report learns of it through events: Ulises solved it, UIT resolved it.
  await expect
    .poll(
      async () => {
        const report = await supervisorApi.send<Productivity>('GET', `/reports/productivity?${query}`);
        const ulises = report.technicians.find((t) => t.name === uit.name);
        const olga = report.technicians.find((t) => t.name === operator.name);
        return [ulises?.taken, ulises?.solved, ulises?.minutesLogged, olga?.taken, olga?.solved, olga?.minutesLogged];
      },
      { timeout: 120_000 },
    )
    .toEqual([1, 1, 40, 1, 0, 15]);
  const before = await supervisorApi.send<Productivity>('GET', `/reports/productivity?${query}`);
  expect(before.areas.find((a) => a.area === 'UIT')?.resolved).toBeGreaterThanOrEqual(1);

  // The supervisor sees the whole desk's figures on the dashboard, equal to the API's.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, supervisor.email);
  await page.goto(`${baseUrl()}/informes`);
  await expect(page.getByRole('heading', { name: 'Productividad del período' })).toBeVisible();
  await expectApiFigures(page, supervisorApi, query);
  const uitRow = page
    .getByRole('region', { name: 'Resueltos por área' })
    .locator('table tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: 'UIT', exact: true }) });
  await expect(uitRow.locator('td').first()).not.toHaveText('0');
  await checkPage(page, 'reports-productivity');

  // Sorting by keyboard: "Tiempo registrado" descending puts the most minutes first, as the API's figures say.
  const table = page.getByTestId('reports-technicians');
  const header = table.locator('th[data-column="minutesLogged"]');
  await header.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const report = await supervisorApi.send<Productivity>('GET', `/reports/productivity?${query}`);
  const most = Math.max(...report.technicians.map((t) => t.minutesLogged));
  await expect(table.locator('tbody tr').first().locator('td[data-column="minutesLogged"]')).toHaveText(count(most));
  await page.keyboard.press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const least = Math.min(...report.technicians.map((t) => t.minutesLogged));
  await expect(table.locator('tbody tr').first().locator('td[data-column="minutesLogged"]')).toHaveText(count(least));

  // The XLSX of the same period, with the session.
  const href = await page.getByRole('link', { name: 'Productividad (XLSX)' }).getAttribute('href');
  expect(href).toBe(`/api/v1/reports/productivity.xlsx?${query}`);
  const xlsx = await page.request.get(`${baseUrl()}${href}`);
  expect(xlsx.status()).toBe(200);
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
  await context.close();

  // UIT's agent sees what was done in UIT only: Ulises's work, UIT's row.
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await signIn(agentPage, uit.email);
  await agentPage.goto(`${baseUrl()}/informes`);
  const theirs = await expectApiFigures(agentPage, uitApi, query);
  expect(theirs.scope).toEqual({ dimension: 'area', value: 'UIT' });
  expect(theirs.areas.map((a) => a.area)).toEqual(['UIT']);
  expect(theirs.technicians.map((t) => t.name)).not.toContain(operator.name);
  await checkPage(agentPage, 'reports-productivity-agent');
  await agentContext.close();
});
