import { expect, test } from '@playwright/test';
import { Api, checkPage, createAccount, linksIn, signIn, unique, waitForMail } from './support';

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
