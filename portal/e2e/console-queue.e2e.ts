import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { Api, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

interface Row {
  number: number;
  title: string;
  requesterName: string;
  jurisdiction: string;
  priority: string | null;
  status: string;
  area: string | null;
  assigneeName: string | null;
}
interface Page_ {
  items: Row[];
  nextCursor: string | null;
}

const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'var', 'e2e', 'screenshots');
const queueRows = (page: Page) =>
  page.getByRole('region', { name: 'Tickets de la cola' }).locator('tbody tr[data-index]');
/** The height the queue lays every row out at (ROW_HEIGHT in QueueTable.tsx). */
const ROW_HEIGHT = 54;
const rowOf = (page: Page, number: number) =>
  queueRows(page).filter({ has: page.getByRole('link', { name: String(number), exact: true }) });

test('the console queue: views and filters in the URL, paging, live rows, bulk take, keyboard, saved views', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const admin = await Api.admin();
  const tag = unique();
  const operator = { email: `operador.${tag}@cau.gob.ar`, name: 'Oscar Operador', role: 'operator', area: 'L1' };
  const colleague = { email: `colega.${tag}@cau.gob.ar`, name: 'Carla Colega', role: 'operator', area: 'L1' };
  for (const account of [operator, colleague]) await createAccount(admin, account);
  const operatorApi = await Api.login(operator.email, PASSWORD);
  const colleagueApi = await Api.login(colleague.email, PASSWORD);

  const register = async (api: Api, index: number) =>
    (
      await api.send<{ number: number }>(
        'POST',
        '/tickets',
        {
          channel: 'telefono',
          requester: { email: `persona${index}.${tag}@salud.gob.ar`, name: `Persona ${index}` },
          jurisdiction: 'SALUD',
          // The first one's title takes more than the two lines a row shows.
          title:
            index === 1
              ? `Equipo sin red ${tag} número 1: la computadora del tercer piso no se conecta a la red del edificio desde el lunes a la mañana`
              : `Equipo sin red ${tag} número ${index}`,
          description: 'La computadora no se conecta a la red del edificio.',
          type: 'incidente',
          category: 'red-e-internet',
          impact: index % 3 === 0 ? 'alto' : 'bajo',
          urgency: 'media',
        },
        { 'Idempotency-Key': `queue-${tag}-${index}` },
      )
    ).number;
  const numbers: number[] = [];
  for (let index = 1; index <= 105; index++) numbers.push(await register(operatorApi, index));
  const listed = async (query: string) => {
    const all: Row[] = [];
    let cursor: string | null = null;
    do {
      const page: Page_ = await operatorApi.send<Page_>(
        'GET',
        `/tickets?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  };
  await expect.poll(async () => (await listed(`text=${tag}&area=L1`)).length, { timeout: 120_000 }).toBe(105);

  // The operator lands on their area's open tickets.
  const context = await browser.newContext();
  const page = await context.newPage();
  const asked = new Set<string>();
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    asked.add(pathname.startsWith('/assets/') ? pathname.replace(/-[\w-]+\.js$/, '.js') : pathname);
  });
  await signIn(page, operator.email);
  await expect(page).toHaveURL(/\/consola$/);
  await expect(page.getByRole('tab', { name: 'Abiertos de L1', selected: true })).toBeVisible();
  // With the rows on screen, the workspace's code and the desk's configuration load before any ticket is opened.
  await expect(queueRows(page).first()).toBeVisible();
  const warmedUp = [
    '/assets/WorkspacePage.js',
    '/api/v1/catalogue/options',
    '/api/v1/catalogue/categories',
    '/api/v1/canned-answers',
  ];
  await expect.poll(() => warmedUp.filter((path) => !asked.has(path)), { timeout: 10_000 }).toEqual([]);
  expect([...asked].some((path) => /^\/api\/v1\/tickets\/\d+$/.test(path))).toBe(false);

  // A text filter goes into the URL and survives a reload; the first page, then the rest.
  await page.getByLabel('Buscar en títulos y descripciones').fill(tag);
  await expect(page).toHaveURL(new RegExp(`text=${tag}`));
  await page.reload();
  await expect(page.getByLabel('Buscar en títulos y descripciones')).toHaveValue(tag);
  await expect(page.getByRole('status').filter({ hasText: '50 tickets cargados; hay más' })).toBeVisible();
  await page.getByRole('button', { name: 'Cargar más' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^105 tickets$/ })).toBeVisible();

  // By oldest: the first row is the first ticket, its cells as the API has them.
  await page.getByLabel('Orden').selectOption('oldest');
  await expect(page).toHaveURL(/sort=oldest/);
  const first = (await listed(`text=${tag}&area=L1&sort=oldest`))[0]!;
  expect(first.number).toBe(numbers[0]);
  const firstRow = queueRows(page).first();
  await expect(firstRow.getByRole('link', { name: String(first.number), exact: true })).toBeVisible();
  for (const text of [first.title, first.requesterName, first.jurisdiction, 'Sin asignar']) {
    await expect(firstRow.getByText(text, { exact: true }).first()).toBeVisible();
  }
  await expect(
    firstRow.getByText(first.priority === 'ALTA' ? 'Alta' : first.priority === 'MEDIA' ? 'Media' : 'Baja'),
  ).toBeVisible();
  await expect(firstRow.getByText('Abierto', { exact: true })).toBeVisible();
  await expect(firstRow.getByText(/Respuesta: Quedan|Resolución: Quedan|Vencido/)).toBeVisible();
  // Every row is as tall as the list lays them out (no cell shows more than two lines), the long title included.
  const heights = await queueRows(page).evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
  expect(new Set(heights)).toEqual(new Set([ROW_HEIGHT]));

  // Live: a ticket someone else registers shows within 2 s of the read side having it, without a reload.
  await page.getByLabel('Orden').selectOption('newest');
  const fresh = await register(colleagueApi, 106);
  await expect
    .poll(async () => (await listed(`text=${tag}&area=L1`)).some((row) => row.number === fresh), { timeout: 60_000 })
    .toBe(true);
  await expect(rowOf(page, fresh)).toBeVisible({ timeout: 2_000 });

  // Bulk take: a ticket derived to another area meanwhile is refused, the other taken; each reported.
  const [mine, theirs] = [numbers[104]!, numbers[103]!];
  await rowOf(page, mine).getByRole('checkbox').check();
  await rowOf(page, theirs).getByRole('checkbox').check();
  await colleagueApi.eventually('POST', `/tickets/${theirs}/derivations`, {
    to: 'UIT',
    reason: 'Falla de cableado: lo atiende Infraestructura.',
  });
  await expect
    .poll(async () => (await operatorApi.send<Row>('GET', `/tickets/${theirs}`)).area, { timeout: 60_000 })
    .toBe('UIT');
  await page
    .getByRole('group', { name: 'Acciones sobre los tickets seleccionados' })
    .getByRole('button', { name: 'Tomar' })
    .click();
  const report = page.getByRole('status').filter({ hasText: 'Hecho en 1; rechazado en 1' });
  await expect(report).toBeVisible();
  await expect(report.getByRole('listitem').filter({ hasText: `#${mine}` })).toContainText('tomado');
  await expect(report.getByRole('listitem').filter({ hasText: `#${theirs}` })).toContainText(/no se pudo: .*UIT/);
  await expect(rowOf(page, mine).getByText('Oscar Operador')).toBeVisible();
  await expect(rowOf(page, theirs)).toBeHidden();
  await page.getByRole('button', { name: 'Cerrar el resultado' }).click();
  await checkPage(page, 'console-queue');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'console-queue-1920.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'console-queue-phone-top.png') });
  await page.setViewportSize({ width: 1366, height: 768 });

  // The keyboard alone: down twice, open; "?" lists the keys.
  // The row last clicked is the keyboard's row; two down from it.
  await page.getByRole('heading', { level: 1, name: 'Consola' }).click();
  const from = Number(await page.locator('tbody tr[aria-current="true"]').getAttribute('data-index'));
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  const third = page.locator(`tbody tr[data-index="${from + 2}"]`);
  await expect(third).toHaveAttribute('aria-current', 'true');
  const thirdNumber = await third.getByRole('link').first().textContent();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Atajos de teclado' });
  await expect(dialog.getByRole('region', { name: 'Cola' })).toBeVisible();
  await checkPage(page, 'console-shortcuts');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/tickets/${thirdNumber}$`));
  await page.goBack();

  // A saved view brings its filters back from another tab.
  await page.getByRole('button', { name: 'Guardar esta vista' }).click();
  const save = page.getByRole('dialog', { name: 'Guardar la vista actual' });
  await save.getByLabel('Nombre de la vista').fill(`Sin red ${tag}`);
  await save.getByRole('button', { name: 'Guardar' }).click();
  await expect(save).toBeHidden();
  await page.getByRole('tab', { name: 'Todos' }).click();
  await expect(page).not.toHaveURL(new RegExp(`text=${tag}`));
  await page.getByRole('button', { name: /Vistas guardadas/ }).click();
  await page.getByRole('menuitem', { name: `Sin red ${tag}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`text=${tag}`));
  await expect(page.getByLabel('Buscar en títulos y descripciones')).toHaveValue(tag);
  // Its owner deletes it.
  await page.getByRole('button', { name: /Vistas guardadas/ }).click();
  await page.getByRole('menuitem', { name: `Borrar «Sin red ${tag}»` }).click();
  await expect(page.getByRole('button', { name: 'Vistas guardadas (0)' })).toBeVisible();
  await context.close();
});
