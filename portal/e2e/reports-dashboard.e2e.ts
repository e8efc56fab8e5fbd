import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

interface Stats {
  average: number | null;
  p50: number | null;
  p90: number | null;
}
interface Timing {
  count: number;
  business: Stats;
  calendar: Stats;
}
interface Row {
  period: string;
  dimensionValue: string | null;
  opened: number;
  closed: number;
  openAtEnd: number;
  overdue: number;
  callsHandled: number;
  firstResponse: Timing;
  resolution: Timing;
  incidentsClosedAtL1Share: number | null;
  queriesAnsweredAtL1Share: number | null;
  satisfaction: {
    answered: number;
    satisfechoShare: number | null;
    regularShare: number | null;
    insatisfechoShare: number | null;
    responseRate: number | null;
  };
  sla: { response: { compliance: number | null }; resolution: { compliance: number | null } };
}
interface Report {
  rows: Row[];
}
interface Recurring {
  items: Array<{ rank: number; key: string; incidents: number; latestNumbers: number[] }>;
}

/** Every figure the dashboard shows, keyed as the page marks it, and what kind of number it is. */
const FIGURES: Array<[string, 'count' | 'share' | 'minutes', (row: Row) => number | null]> = [
  ['opened', 'count', (r) => r.opened],
  ['closed', 'count', (r) => r.closed],
  ['openAtEnd', 'count', (r) => r.openAtEnd],
  ['overdue', 'count', (r) => r.overdue],
  ['callsHandled', 'count', (r) => r.callsHandled],
  ...(['firstResponse', 'resolution'] as const).flatMap((timing) =>
    (['business', 'calendar'] as const).flatMap((basis) =>
      (['average', 'p50', 'p90'] as const).map(
        (stat) =>
          [`${timing}.${basis}.${stat}`, 'minutes', (r: Row) => r[timing][basis][stat]] as [
            string,
            'minutes',
            (row: Row) => number | null,
          ],
      ),
    ),
  ),
  ['sla.response', 'share', (r) => r.sla.response.compliance],
  ['sla.resolution', 'share', (r) => r.sla.resolution.compliance],
  ['incidentsClosedAtL1Share', 'share', (r) => r.incidentsClosedAtL1Share],
  ['queriesAnsweredAtL1Share', 'share', (r) => r.queriesAnsweredAtL1Share],
  ['satisfaction.answered', 'count', (r) => r.satisfaction.answered],
  ['satisfaction.satisfechoShare', 'share', (r) => r.satisfaction.satisfechoShare],
  ['satisfaction.regularShare', 'share', (r) => r.satisfaction.regularShare],
  ['satisfaction.insatisfechoShare', 'share', (r) => r.satisfaction.insatisfechoShare],
  ['satisfaction.responseRate', 'share', (r) => r.satisfaction.responseRate],
];

/** A number as the page writes it in Spanish (1.234 · 66,7 % · 353,3 min · —) read back; null for the dash. */
function readNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '—') return null;
  const number = Number(trimmed.replace(/[^\d,-]/g, '').replace(',', '.'));
  if (Number.isNaN(number)) throw new Error(`not a number: ${text}`);
  return trimmed.includes('%') ? Math.round(number * 10) / 1000 : number;
}

/** What the API's figure reads as on the page: shares to a tenth of a percent, minutes to one decimal. */
function shown(value: number | null, kind: 'count' | 'share' | 'minutes'): number | null {
  if (value === null) return null;
  if (kind === 'share') return Math.round(value * 1000) / 1000;
  return Math.round(value * 10) / 10;
}

const figure = (page: Page, key: string): Locator => page.locator(`[data-figure="${key}"] .reports-figure-value`);
const dashboardFigures = async (page: Page) => {
  const values: Record<string, number | null> = {};
  for (const [key] of FIGURES) values[key] = readNumber(await figure(page, key).innerText());
  return values;
};
const apiFigures = (row: Row) =>
  Object.fromEntries(FIGURES.map(([key, kind, value]) => [key, shown(value(row), kind)]));

/** Today as a local date in the browser's zone (the tests' Buenos Aires). */
const localToday = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Argentina/Buenos_Aires' }).format(new Date());
const addDays = (day: string, days: number): string => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

test('the reports dashboard: figures equal to the API, trends, charts, downloads, who may see it', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const admin = await Api.admin();
  const tag = unique();
  const supervisor = { email: `jefa.${tag}@cau.gob.ar`, name: 'Julia Jefa', role: 'supervisor', area: 'L1' };
  const operator = { email: `mesa.${tag}@cau.gob.ar`, name: 'Mario Mesa', role: 'operator', area: 'L1' };
  const requester = { email: `pide.${tag}@salud.gob.ar`, name: 'Paula Pide', role: 'requester', jurisdiction: 'SALUD' };
  const referente = {
    email: `referente.${tag}@salud.gob.ar`,
    name: 'Rita Referente',
    role: 'referente',
    jurisdiction: 'SALUD',
  };
  const agent = { email: `agente.${tag}@cau.gob.ar`, name: 'Ana Agente', role: 'agent', area: 'L1' };
  for (const account of [supervisor, operator, requester, referente, agent]) await createAccount(admin, account);
  const supervisorApi = await Api.login(supervisor.email, PASSWORD);
  const operatorApi = await Api.login(operator.email, PASSWORD);

  const today = localToday();
  const month = { from: `${today.slice(0, 7)}-01`, to: '' };
  const [year, monthNumber] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  month.to = monthNumber === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}-01`;
  const kpis = (query: string) => supervisorApi.send<Report>('GET', `/reports/kpis?${query}`);
  const monthQuery = `from=${month.from}&to=${month.to}&granularity=total`;
  const baseline = (await kpis(monthQuery)).rows[0]!;

  // Tickets of today: three incidents of one category (a recurrence) and a query, one solved and closed.
  const register = async (index: number, type: string) =>
    (
      await operatorApi.send<{ number: number }>(
        'POST',
        '/tickets',
        {
          channel: index % 2 === 0 ? 'telefono' : 'email',
          requester: { email: `persona${index}.${tag}@salud.gob.ar`, name: `Persona ${index}` },
          jurisdiction: 'SALUD',
          title: `Sin red en la oficina ${tag} ${index}`,
          description: 'La computadora no se conecta a la red.',
          type,
          category: 'red-e-internet',
          impact: 'bajo',
          urgency: 'media',
        },
        { 'Idempotency-Key': `reports-${tag}-${index}` },
      )
    ).number;
  const numbers = [
    await register(1, 'incidente'),
    await register(2, 'incidente'),
    await register(3, 'incidente'),
    await register(4, 'solicitud'),
  ];
  await operatorApi.eventually('POST', `/tickets/${numbers[0]}/take`);
  await operatorApi.send('POST', `/tickets/${numbers[0]}/solution`, { solution: 'Se cambió el cable de red.' });
  await operatorApi.send('POST', `/tickets/${numbers[0]}/submit`, { verifiedWithRequester: true });
  await supervisorApi.eventually('POST', `/tickets/${numbers[0]}/review`, { decision: 'approve' });
  await operatorApi.eventually('POST', `/tickets/${numbers[1]}/take`);
  // The report learns of them through events.
  await expect
    .poll(
      async () => {
        const row = (await kpis(monthQuery)).rows[0]!;
        return [row.opened - baseline.opened, row.closed - baseline.closed];
      },
      { timeout: 120_000 },
    )
    .toEqual([4, 1]);

  // A requester (and anyone outside the report roles) finds no such page, and no menu entry.
  const requesterContext = await browser.newContext();
  const requesterPage = await requesterContext.newPage();
  await signIn(requesterPage, requester.email);
  await expect(requesterPage.getByRole('link', { name: 'Informes' })).toHaveCount(0);
  await requesterPage.goto(`${baseUrl()}/informes`);
  await expect(requesterPage.getByRole('heading', { name: 'Página no encontrada' })).toBeVisible();
  await requesterPage.goto(`${baseUrl()}/informes/anual`);
  await expect(requesterPage.getByRole('heading', { name: 'Página no encontrada' })).toBeVisible();
  await requesterContext.close();

  // A referente reads their jurisdiction's figures and an agent their area's: the API's for them, said so,
  // without the breakdown (reporting keeps one dimension at a time).
  for (const [person, scope] of [
    [referente, 'Alcance: los tickets de la jurisdicción SALUD'],
    [agent, 'Alcance: los tickets del área L1'],
  ] as const) {
    const personApi = await Api.login(person.email, PASSWORD);
    const scopedContext = await browser.newContext();
    const scopedPage = await scopedContext.newPage();
    await signIn(scopedPage, person.email);
    await scopedPage.getByRole('link', { name: 'Informes' }).click();
    // The machine running these tests is shared and busy: the first figures may take a while.
    await expect(scopedPage.getByTestId('reports-scope')).toHaveText(scope, { timeout: 90_000 });
    const theirs = (await personApi.send<Report>('GET', `/reports/kpis?${monthQuery}`)).rows[0]!;
    await expect.poll(() => dashboardFigures(scopedPage)).toEqual(apiFigures(theirs));
    await expect(scopedPage.getByLabel('Desglosar por')).toHaveCount(0);
    if (person === referente) {
      // Referentes have no console: their recurring incidents link to the tickets alone.
      await expect(scopedPage.getByRole('link', { name: 'Ver los tickets en la consola' })).toHaveCount(0);
      await checkPage(scopedPage, 'reports-referente');
    }
    await scopedContext.close();
  }

  // The supervisor opens the reports from the menu: this month by default.
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, supervisor.email);
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Informes' }).click();
  await expect(page).toHaveURL(/\/informes$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Informes' })).toBeVisible();
  await expect(page.getByLabel('Período', { exact: true })).toHaveValue('month');

  // Every figure on screen is the API's for the same query, and each trend's "before" the previous period's.
  const current = (await kpis(monthQuery)).rows[0]!;
  await expect.poll(() => dashboardFigures(page), { timeout: 90_000 }).toEqual(apiFigures(current));
  const days = Math.round((Date.parse(month.to) - Date.parse(month.from)) / 86_400_000);
  const previous = (await kpis(`from=${addDays(month.from, -days)}&to=${month.from}&granularity=total`)).rows[0]!;
  await expect(page.locator('[data-figure="opened"] .reports-trend')).toHaveText(
    new RegExp(`\\(antes: ${previous.opened.toLocaleString('es-AR')}\\)$`),
  );

  // The charts' data tables hold the API's series (by day in a month).
  const series = await kpis(`from=${month.from}&to=${month.to}&granularity=day`);
  const volume = page.getByRole('region', { name: 'Tickets abiertos, cerrados y pendientes' });
  const volumeRows = volume.locator('table tbody tr');
  await expect(volumeRows).toHaveCount(series.rows.length);
  const todayRow = series.rows.findIndex((row) => row.period === today);
  await expect(volumeRows.nth(todayRow).locator('td')).toHaveText(
    [series.rows[todayRow]!.opened, series.rows[todayRow]!.closed, series.rows[todayRow]!.openAtEnd].map(String),
  );
  await checkPage(page, 'reports-dashboard');

  // By area: one bar and one table row per area, as the API counts them.
  await page.getByLabel('Desglosar por').selectOption('area');
  await expect(page).toHaveURL(/dimension=area/);
  const byArea = await kpis(`${monthQuery}&dimension=area`);
  const areaRegion = page.getByRole('region', { name: 'Por Área', exact: true });
  // Closures all happen at L1: the page says where each area's resolved tickets are instead.
  await expect(page.getByTestId('reports-area-hint')).toContainText('Resueltos por área');
  await expect(areaRegion.locator('table tbody tr')).toHaveCount(byArea.rows.length);
  for (const [index, row] of byArea.rows.entries()) {
    await expect(areaRegion.locator('table tbody tr').nth(index).locator('th')).toHaveText(
      row.dimensionValue ?? 'Sin dato',
    );
    await expect(areaRegion.locator('table tbody tr').nth(index).locator('td').first()).toHaveText(String(row.opened));
  }

  // By ticket type, each named as the desk says it, with the API's counts.
  await page.getByLabel('Desglosar por').selectOption('type');
  await expect(page).toHaveURL(/dimension=type/);
  const byType = await kpis(`${monthQuery}&dimension=type`);
  expect(byType.rows.map((row) => row.dimensionValue)).toContain('incidente');
  const typeRegion = page.getByRole('region', { name: 'Por Tipo', exact: true });
  await expect(typeRegion.locator('table tbody tr')).toHaveCount(byType.rows.length);
  const incidents = byType.rows.findIndex((row) => row.dimensionValue === 'incidente');
  await expect(typeRegion.locator('table tbody tr').nth(incidents).locator('th')).toHaveText('Incidente');
  await expect(typeRegion.locator('table tbody tr').nth(incidents).locator('td').first()).toHaveText(
    String(byType.rows[incidents]!.opened),
  );

  // Recurring incidents, ranked as the API ranks them, each with links to its tickets.
  const recurring = await supervisorApi.send<Recurring>(
    'GET',
    `/reports/recurring?from=${month.from}&to=${month.to}&by=category&limit=20`,
  );
  const recurringRows = page.getByRole('region', { name: 'Incidentes recurrentes' }).locator('tbody tr');
  await expect(recurringRows).toHaveCount(recurring.items.length);
  const redes = recurring.items.findIndex((item) => item.key === 'red-e-internet');
  expect(redes).toBeGreaterThanOrEqual(0);
  const redesRow = recurringRows.nth(redes);
  await expect(redesRow.locator('td').nth(1)).toHaveText(String(recurring.items[redes]!.incidents));
  for (const number of numbers.slice(0, 3)) {
    await expect(redesRow.getByRole('link', { name: String(number), exact: true })).toBeVisible();
  }
  const consoleLink = redesRow.getByRole('link', { name: 'Ver los tickets en la consola' });
  const consoleHref = await consoleLink.getAttribute('href');
  expect(consoleHref).toContain('category=red-e-internet');
  expect(consoleHref).toContain(`from=${month.from}`);
  // Staff may record a problem from a recurrence: the form opens with the row's latest tickets.
  const problemHref = await redesRow
    .getByRole('link', { name: /Crear problema con los incidentes de/ })
    .getAttribute('href');
  expect(problemHref).toContain('/problemas?crear=true');
  expect(problemHref).toContain(`tickets=${recurring.items[redes]!.latestNumbers[0]}`);

  // Downloads: the CSV of the same query, with the session; each chart as SVG (colours written in) and PNG.
  const csvHref = await page.getByRole('link', { name: /Día \(CSV\)/ }).getAttribute('href');
  expect(csvHref).toBe(`/api/v1/reports/kpis.csv?from=${month.from}&to=${month.to}&granularity=day`);
  const csv = await page.request.get(`${baseUrl()}${csvHref}`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('abiertos');
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    volume.getByRole('button', { name: /como SVG/ }).click(),
  ]);
  const svg = readFileSync(await svgDownload.path(), 'utf8');
  expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).not.toContain('var(--');
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    volume.getByRole('button', { name: /como PNG/ }).click(),
  ]);
  expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
  expect(
    readFileSync(await pngDownload.path())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');

  // By keyboard alone: show a chart's data and step to the previous month.
  const showData = volume.getByRole('button', { name: 'Ver datos' });
  await showData.focus();
  await page.keyboard.press('Space');
  await expect(showData).toHaveAttribute('aria-pressed', 'true');
  await expect(volume.locator('table')).toBeVisible();
  await page.getByRole('button', { name: 'Período anterior' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`date=${addDays(month.from, -1)}`));
  const lastMonthStart = `${addDays(month.from, -1).slice(0, 7)}-01`;
  const lastMonthReport = (await kpis(`from=${lastMonthStart}&to=${month.from}&granularity=total`)).rows[0]!;
  await expect(figure(page, 'opened')).toHaveText(lastMonthReport.opened.toLocaleString('es-AR'));

  // A week, by URL: the figures are the week's.
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(today, -weekday);
  await page.goto(`${baseUrl()}/informes?period=week&date=${today}`);
  const week = (await kpis(`from=${monday}&to=${addDays(monday, 7)}&granularity=total`)).rows[0]!;
  await expect.poll(() => dashboardFigures(page)).toEqual(apiFigures(week));

  // Nonsense in the URL falls back to the defaults: this month, no breakdown.
  await page.goto(
    `${baseUrl()}/informes?period=decade&date=2025-02-30&dimension=technician&by=color&from=2026-05-01&to=2020-01-01`,
  );
  await expect(page.getByLabel('Período', { exact: true })).toHaveValue('month');
  await expect(page.getByLabel('Desglosar por')).toHaveValue('');
  await expect(page.getByLabel('Agrupar por')).toHaveValue('category');
  await expect.poll(async () => readNumber(await figure(page, 'opened').innerText())).toBe(current.opened);
  await page.goto(`${baseUrl()}/informes?period=custom&from=2026-05-01&to=2020-01-01`);
  await expect(page.getByLabel('Período', { exact: true })).toHaveValue('month');

  // The yearly figures: the API's, printable.
  await page.goto(`${baseUrl()}/informes`);
  await page.getByRole('link', { name: 'Cifras anuales' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cifras anuales' })).toBeVisible();
  const yearly = await supervisorApi.send<{
    years: Array<{ year: number; tickets: number; services: number; jurisdictionsServed: number }>;
  }>('GET', `/reports/yearly?fromYear=${year - 4}&toYear=${year}`);
  for (const row of yearly.years) {
    await expect(page.locator(`tr[data-year="${row.year}"] td`)).toHaveText(
      [row.tickets, row.services, row.jurisdictionsServed].map((n) => n.toLocaleString('es-AR')),
    );
  }
  await expect(page.getByRole('button', { name: 'Imprimir' })).toBeVisible();
  await checkPage(page, 'reports-yearly');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Imprimir' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Navegación principal' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await context.close();
});
