import { expect, test, type Page } from '@playwright/test';
import { Api, checkPage, signIn, unique } from './support';

interface Calendars {
  year: number;
  calendars: Array<{ code: string; zone: string; holidays: Array<{ date: string; name: string | null }> }>;
}

async function signInAsAdmin(page: Page): Promise<void> {
  const { email, password } = JSON.parse(process.env.CAU_E2E_ADMIN ?? '{}') as { email: string; password: string };
  await signIn(page, email, password);
}

/** Today's date in the zone, YYYY-MM-DD. */
function localDate(zone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}

/** The first Monday–Friday after today, in the deployment's zone, that is not already a holiday. */
async function nextBusinessDay(admin: Api): Promise<{ date: string; zone: string }> {
  const thisYear = await admin.send<Calendars>('GET', `/sla/calendars?year=${new Date().getUTCFullYear()}`);
  const zone = thisYear.calendars[0]!.zone;
  let day = new Date(`${localDate(zone, new Date())}T12:00:00Z`);
  for (;;) {
    day = new Date(day.getTime() + 86_400_000);
    const date = day.toISOString().slice(0, 10);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const year = await admin.send<Calendars>('GET', `/sla/calendars?year=${date.slice(0, 4)}`);
    if (!year.calendars[0]!.holidays.some((h) => h.date === date)) return { date, zone };
  }
}

const resolutionDue = async (page: Page): Promise<number> =>
  Date.parse((await page.locator('[data-preview="BAJA"]').getAttribute('data-resolution-due'))!);

test('an administrator adds a holiday on the next business day and the preview’s due date moves; removes it again', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const admin = await Api.admin();
  const { date } = await nextBusinessDay(admin);
  const name = `Asueto E2E ${unique()}`;
  try {
    await signInAsAdmin(page);
    await page
      .getByRole('navigation', { name: 'Administración' })
      .getByRole('link', { name: 'Calendarios y feriados' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Calendarios y feriados' })).toBeVisible();
    if (date.slice(0, 4) !== String(new Date().getFullYear())) {
      await page.getByLabel('Año').selectOption(date.slice(0, 4));
    }
    const preview = page.locator('[data-preview="BAJA"]');
    await expect(preview).toBeVisible();
    // BAJA is solved in days of business time: a ticket registered now is due after the next business day.
    const before = await resolutionDue(page);
    expect(before).toBeGreaterThan(Date.parse(`${date}T00:00:00Z`));

    // The browser's own date field (its segments, and the order Tab walks them, follow the browser's
    // language, so the value is filled); then the name is typed and the form sent with Enter.
    const form = page.getByRole('form', { name: 'Agregar un feriado' });
    await form.getByLabel('Fecha').fill(date);
    await form.getByLabel('Nombre').focus();
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');

    const row = page.locator(`[data-holiday="${date}"]`);
    await expect(row).toContainText(name);
    // The preview is read again: the holiday pushes the due date by a business day (a day or more of clock time).
    await expect.poll(() => resolutionDue(page)).toBeGreaterThan(before + 20 * 3_600_000);
    await checkPage(page, 'admin-calendars');

    // Removed by keyboard: the due date comes back (within the seconds the test took).
    await row.getByRole('button', { name: /^Quitar el feriado/ }).focus();
    await page.keyboard.press('Enter');
    await expect(row).toHaveCount(0);
    await expect.poll(() => resolutionDue(page)).toBeLessThan(before + 3_600_000);
  } finally {
    await admin.send('DELETE', `/sla/calendars/default/holidays/${date}`).catch(() => undefined);
  }
});

test('a CSV import with a bad line names the line and stores nothing', async ({ page }) => {
  const admin = await Api.admin();
  const tag = unique();
  await signInAsAdmin(page);
  await page.goto(`${process.env.CAU_E2E_BASE_URL}/admin/calendarios`);
  await expect(page.getByRole('heading', { level: 1, name: 'Calendarios y feriados' })).toBeVisible();
  const year = Number(await page.getByLabel('Año').inputValue());

  const form = page.getByRole('form', { name: `Importar los feriados de ${year}` });
  await form
    .getByLabel('Contenido del archivo')
    .fill(
      `fecha,nombre\n${year}-01-01,Año Nuevo ${tag}\n${year}-02-30,Carnaval ${tag}\n${year + 1}-01-06,Reyes ${tag}`,
    );
  await form.getByRole('button', { name: 'Importar' }).click();
  const errors = form.getByRole('alert');
  await expect(errors).toContainText('No se importó nada');
  await expect(errors).toContainText(`línea 3: la fecha «${year}-02-30» no es una fecha AAAA-MM-DD`);
  await expect(errors).toContainText(`línea 4: la fecha no es del año ${year}`);
  await checkPage(page, 'admin-calendars-import-error');

  const stored = await admin.send<Calendars>('GET', `/sla/calendars?year=${year}`);
  expect(stored.calendars.flatMap((c) => c.holidays).filter((h) => h.name?.includes(tag))).toEqual([]);
  await expect(page.getByText(`Año Nuevo ${tag}`, { exact: true })).toHaveCount(0);
});

test('an administrator creates a calendar for a jurisdiction with Saturday hours, then changes it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const admin = await Api.admin();
  const tag = unique();
  const code = `sabados-${tag}`;
  const jurisdiction = `HOSP_${tag.toUpperCase()}`;
  // The jurisdiction becomes known by a ticket registered for it, not by listing it in the catalogue: a
  // listed jurisdiction would make registration check every other one (see the catalogues' tests).
  await admin.send(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `guardia.${tag}@hospital.gob.ar`, name: 'Guardia' },
      jurisdiction,
      title: `Sin sistema de turnos los sábados ${tag}`,
      description: 'El sistema de turnos no anda los sábados por la mañana.',
      type: 'incidente',
      category: 'red-e-internet',
      impact: 'bajo',
      urgency: 'media',
    },
    { 'Idempotency-Key': `calendar-${tag}` },
  );
  await signInAsAdmin(page);
  await page.goto(`${process.env.CAU_E2E_BASE_URL}/admin/calendarios`);
  await expect(page.getByRole('heading', { level: 1, name: 'Calendarios y feriados' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Nuevo calendario de jurisdicciones' });
  await form.getByLabel('Código').fill(code);
  await form.getByLabel('Zona horaria').fill('Marte/Olympus');
  // Saturday morning besides the weekdays; a window that ends before it starts is said before sending.
  await form.getByRole('button', { name: 'Agregar una franja' }).click();
  await form.getByLabel('Hasta, franja 6 (Sábado)').fill('07:00');
  await form.getByRole('button', { name: 'Crear el calendario' }).click();
  await expect(form.getByRole('alert')).toHaveText('Cada franja debe terminar después de empezar.');
  await form.getByLabel('Hasta, franja 6 (Sábado)').fill('12:00');
  await form.getByLabel('Jurisdicciones que cuentan con este calendario').click();
  await page.getByRole('option', { name: jurisdiction, exact: true }).click();
  await page.keyboard.press('Escape');
  await form.getByRole('button', { name: 'Crear el calendario' }).click();
  // The service knows no such zone: the field says so and nothing is stored.
  await expect(form.getByText(/no es una zona horaria conocida/)).toBeVisible();
  const none = await admin.send<Calendars>('GET', `/sla/calendars?year=${new Date().getUTCFullYear()}`);
  expect(none.calendars.map((c) => c.code)).not.toContain(code);
  await form.getByLabel('Zona horaria').fill('America/Argentina/Buenos_Aires');
  await form.getByRole('button', { name: 'Crear el calendario' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Calendario «${code}» creado.`)).toBeVisible();
  // The page now shows the new calendar, with its own editor.
  await expect(page.getByLabel('Calendario', { exact: true })).toHaveValue(code);
  const editor = page.getByRole('form', { name: `Horario y jurisdicciones de «${code}»` });
  await expect(editor.getByLabel('Desde, franja 6 (Sábado)')).toHaveValue('08:00');
  const saved = await admin.send<Calendars & { calendars: Array<{ week: object; jurisdictions: string[] }> }>(
    'GET',
    `/sla/calendars?year=${new Date().getUTCFullYear()}`,
  );
  expect(saved.calendars.find((c) => c.code === code)).toMatchObject({
    zone: 'America/Argentina/Buenos_Aires',
    week: { '6': [{ start: '08:00', end: '12:00' }], '1': [{ start: '08:00', end: '16:00' }] },
    jurisdictions: [jurisdiction],
  });
  await checkPage(page, 'admin-calendar-editor');

  // Saturdays dropped: the calendar keeps weekdays only.
  await editor.getByRole('button', { name: 'Quitar la franja 6 (Sábado)' }).click();
  await editor.getByRole('button', { name: 'Guardar el calendario' }).click();
  await expect(page.getByText(`Calendario «${code}» guardado; los vencimientos se recalcularon.`)).toBeVisible();
  await expect
    .poll(async () => {
      const after = await admin.send<{ calendars: Array<{ code: string; week: Record<string, unknown> }> }>(
        'GET',
        `/sla/calendars?year=${new Date().getUTCFullYear()}`,
      );
      return Object.keys(after.calendars.find((c) => c.code === code)!.week);
    })
    .toEqual(['1', '2', '3', '4', '5']);
  const audit = await admin.send<{ items: Array<{ action: string; targetId: string }> }>(
    'GET',
    `/audit?targetType=calendar&targetId=${code}`,
  );
  expect(audit.items.map((e) => e.action)).toEqual(['calendar.update', 'calendar.create']);
});
