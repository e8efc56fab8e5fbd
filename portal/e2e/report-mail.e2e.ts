import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { Api, checkPage, createAccount, linksIn, PASSWORD, signIn, unique, waitForMail } from './support';

test("a scheduled report's mail links to the dashboard on the same period, which opens for its reader", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const supervisor = { email: `jefa.${tag}@cau.gob.ar`, name: 'Julia Jefa', role: 'supervisor' };
  await createAccount(admin, supervisor);
  const schedule = await admin.send<{ id: string }>('POST', '/reports/schedules', {
    granularity: 'day',
    recipients: [supervisor.email],
    language: 'es',
  });
  try {
    // The platform looks for due reports every few seconds here (REPORT_SCHEDULE_INTERVAL_MS in global setup).
    const mail = await waitForMail(supervisor.email, (raw) => raw.includes('[CAU] Resumen diario'), 120_000);
    const link = linksIn(mail).find((candidate) => candidate.includes('/informes?'));
    expect(link).toBeDefined();
    const day = new URL(link!).searchParams.get('date')!;
    expect(new URL(link!).searchParams.get('period')).toBe('day');
    // The day's spreadsheet comes attached and opens as XLSX, its figures the API's for that day.
    const parsed = await simpleParser(mail);
    expect(parsed.attachments.map((a) => a.filename)).toEqual([`indicadores-diario-${day}.xlsx`]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(parsed.attachments[0]!.content as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Indicadores', 'Técnicos', 'Áreas', 'Tipos', 'Problemas']);
    const supervisorApi = await Api.login(supervisor.email, PASSWORD);
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const query = `from=${day}&to=${next.toISOString().slice(0, 10)}`;
    const kpi = await supervisorApi.send<{ rows: Array<{ opened: number; closed: number }> }>(
      'GET',
      `/reports/kpis?${query}&granularity=total`,
    );
    const indicators = workbook.getWorksheet('Indicadores')!.getRow(2);
    expect([indicators.getCell(4).value, indicators.getCell(5).value]).toEqual([
      kpi.rows[0]!.opened,
      kpi.rows[0]!.closed,
    ]);
    const productivity = await supervisorApi.send<{ technicians: unknown[]; types: unknown[] }>(
      'GET',
      `/reports/productivity?${query}`,
    );
    expect(workbook.getWorksheet('Técnicos')!.rowCount).toBe(productivity.technicians.length + 1);
    expect(workbook.getWorksheet('Tipos')!.rowCount).toBe(productivity.types.length + 1);

    await signIn(page, supervisor.email);
    await page.goto(link!);
    await expect(page.getByRole('heading', { level: 1, name: 'Informes' })).toBeVisible();
    const shownDay = new Intl.DateTimeFormat('es-AR', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    );
    await expect(page.getByTestId('reports-period')).toHaveText(shownDay);
    await checkPage(page, 'report-mail-dashboard');
  } finally {
    await admin.send('DELETE', `/reports/schedules/${schedule.id}`);
  }
});
