import { expect, test, type Locator } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

interface StepRow {
  step: string;
  measured: boolean;
  targetMinutes: number | null;
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  overTarget: number | null;
  worst: Array<{ number: number; minutes: number }>;
}
interface StepTargets {
  targets: Array<{ step: string; minutes: number | null; defaultMinutes: number | null }>;
}

const ZONE = 'America/Argentina/Buenos_Aires';
const localDay = (date: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(date);
const minutes = (value: number | null) =>
  value === null ? '—' : new Intl.NumberFormat('es-AR', { maximumFractionDigits: 1 }).format(value);
const firstOfMonth = (day: string, add: number) => {
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 + add];
  return `${year + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
};

const STEP_LABELS: Record<string, string> = {
  '01': '01 Levantar el reporte',
  '02': '02 Atender y aislar la falla',
  '03': '03 Cerrar sin Soporte Técnico',
  '04': '04 Reportar a Soporte Técnico',
  '05': '05 La empresa acude',
  '06': '06 Indicar la ubicación y la falla',
  '07': '07 Reparación en el sitio',
  '08': '08 Salida de equipo (F03)',
  '08b': '08b Reparación fuera del sitio',
  '09': '09 Cierre con firmas de conformidad',
  '10': '10 Cierre del reporte',
};

/** A row of the table as the page should write the API's figures. */
const expectedRow = (row: StepRow): string[] => {
  const target = row.targetMinutes === null ? 'sin meta' : minutes(row.targetMinutes);
  if (!row.measured) return [STEP_LABELS[row.step]!, target, 'No se mide: CAU la registra como un instante.'];
  const worst =
    row.worst.length > 0
      ? row.worst.map((w) => `${w.number} (${minutes(w.minutes)})`).join('')
      : row.count === 0
        ? 'Ningún ticket terminó esta actividad en el período.'
        : '';
  return [
    STEP_LABELS[row.step]!,
    target,
    String(row.count),
    minutes(row.medianMinutes),
    minutes(row.p90Minutes),
    row.overTarget === null ? '—' : String(row.overTarget),
    worst,
  ];
};

async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
    );
}

test('times per step: the reports show each step against its target, and administrators change the targets', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const admin = await Api.admin();
  const adminLogin = JSON.parse(process.env.CAU_E2E_ADMIN ?? '{}') as { email: string; password: string };
  const tag = unique();
  const operator = { email: `olga.${tag}@cau.gob.ar`, name: `Olga Operadora ${tag}`, role: 'operator', area: 'L1' };
  await createAccount(admin, operator);
  const operatorApi = await Api.login(operator.email, PASSWORD);

  // A field attention: registered and a contracted company's visit asked for now; the technician arrives three
  // days later at 10:00 and leaves at 12:30 (local), so steps 02, 05 and 07 are measured.
  const { number } = await operatorApi.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `vecina.${tag}@salud.gob.ar`, name: 'Vecina' },
      jurisdiction: 'SALUD',
      title: `La impresora del tercer piso no imprime ${tag}`,
      description: 'Sale la hoja en blanco.',
      type: 'incidente',
      category: 'impresoras',
      impact: 'medio',
      urgency: 'media',
    },
    { 'Idempotency-Key': `step-times-${tag}` },
  );
  const visitDay = localDay(new Date(Date.now() + 3 * 86_400_000));
  const visitor = { kind: 'contractor', company: 'Soporte Técnico SA', technician: 'Luis Gómez' };
  const visit = await operatorApi.eventually<{ id: string }>('POST', `/tickets/${number}/visits`, {
    plannedFor: `${visitDay}T10:00:00-03:00`,
    visitor,
  });
  await operatorApi.send('POST', `/tickets/${number}/visits/${visit.id}/record`, {
    visitor,
    arrivedAt: `${visitDay}T10:00:00-03:00`,
    departedAt: `${visitDay}T12:30:00-03:00`,
    workDone: 'Cambio del rodillo.',
  });

  const today = localDay(new Date());
  const from = firstOfMonth(today, 0);
  const to = firstOfMonth(visitDay, 1);
  const query = `from=${from}&to=${to}`;
  await expect
    .poll(
      async () => {
        const report = await admin.send<{ steps: StepRow[] }>('GET', `/reports/step-times?${query}`);
        return report.steps.find((s) => s.step === '07')?.worst.map((w) => w.number) ?? [];
      },
      { timeout: 90_000 },
    )
    .toContain(number);

  await signIn(page, adminLogin.email, adminLogin.password);
  await page.goto(`${baseUrl()}/informes?period=custom&from=${from}&to=${to}`);
  const section = page.getByTestId('reports-step-times');
  await expect(section.getByRole('heading', { name: 'Tiempos por actividad' })).toBeVisible();
  const table = section.getByTestId('step-times-table');
  // The table says what the API answers for the same period, row by row.
  await expect
    .poll(
      async () => {
        const expected = (await admin.send<{ steps: StepRow[] }>('GET', `/reports/step-times?${query}`)).steps;
        const shown = await tableRows(table);
        return JSON.stringify(shown) === JSON.stringify(expected.map(expectedRow)) ? 'same' : JSON.stringify(shown);
      },
      { timeout: 60_000 },
    )
    .toBe('same');
  await section.scrollIntoViewIfNeeded();
  await checkPage(page, 'reports-step-times');

  // By keyboard: the chart's data as a table, then a slow ticket opened from the table.
  const showData = section.getByRole('button', { name: 'Ver datos' });
  await showData.focus();
  await page.keyboard.press('Enter');
  await expect(showData).toHaveAttribute('aria-pressed', 'true');
  const link = table.locator('tr[data-step="07"]').getByRole('link', { name: new RegExp(`^Ticket ${number}:`) });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/tickets/${number}$`));

  // The administrators' page: the procedure's times; 05 changed by keyboard and saved with Enter; audited.
  await page.goto(`${baseUrl()}/admin/metas-por-actividad`);
  await expect(page.getByRole('heading', { level: 1, name: 'Metas por actividad' })).toBeVisible();
  const field = page.getByRole('textbox', { name: 'Meta de «05 La empresa acude» en minutos' });
  await expect(field).toHaveValue('720');
  await checkPage(page, 'admin-step-targets');
  await field.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('abc');
  await expect(page.getByText('Entre 1 y 86400 minutos, o vacío.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Guardar las metas' })).toBeDisabled();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('300');
  await expect(page.getByRole('status').filter({ hasText: '1 cambio sin guardar' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Metas guardadas.')).toBeVisible();
  await expect(page.getByTestId('step-targets-last-change')).toContainText('Último cambio');
  const saved = await admin.send<StepTargets>('GET', '/reports/step-targets');
  expect(saved.targets.find((t) => t.step === '05')?.minutes).toBe(300);
  await checkPage(page, 'admin-step-targets-saved');
  const audit = await admin.send<{ items: Array<{ action: string }> }>('GET', '/audit?targetType=step-targets');
  expect(audit.items[0]?.action).toBe('step-targets.replace');

  // Back to the procedure's times, so other tests see the defaults.
  await page.getByRole('button', { name: 'Volver a los tiempos del procedimiento' }).click();
  await page.getByRole('button', { name: 'Guardar las metas' }).click();
  await expect
    .poll(
      async () =>
        (await admin.send<StepTargets>('GET', '/reports/step-targets')).targets.find((t) => t.step === '05')?.minutes,
    )
    .toBe(720);
});
