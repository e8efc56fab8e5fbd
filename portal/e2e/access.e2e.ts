import { expect, test } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, signIn, unique } from './support';

const registration = (requester: { email: string; name: string }, jurisdiction: string, title: string) => ({
  channel: 'telefono',
  requester,
  jurisdiction,
  title,
  description: 'Registrado por la mesa para la prueba del portal.',
  type: 'incidente',
  category: 'impresoras',
  impact: 'bajo',
  urgency: 'media',
});

test.describe('who sees what', () => {
  test("a referente sees a colleague's ticket of the same jurisdiction and not another's", async ({ page }) => {
    const admin = await Api.admin();
    const tag = unique();
    const referente = `referente.${tag}@salud.gob.ar`;
    await createAccount(admin, { email: referente, name: 'Rita Referente', role: 'referente', jurisdiction: 'SALUD' });
    await createAccount(admin, { email: `op.${tag}@cau.gob.ar`, name: 'Op', role: 'operator', area: 'L1' });
    const operator = await Api.login(`op.${tag}@cau.gob.ar`, 'clave-de-prueba-portal');
    const ours = await operator.send<{ number: number }>(
      'POST',
      '/tickets',
      registration({ email: `colega.${tag}@salud.gob.ar`, name: 'Carlos Colega' }, 'SALUD', `Sin red ${tag}`),
      { 'Idempotency-Key': `ours-${tag}` },
    );
    const theirs = await operator.send<{ number: number }>(
      'POST',
      '/tickets',
      registration({ email: `docente.${tag}@educacion.gob.ar`, name: 'Diana Docente' }, 'EDUCACION', `Otra ${tag}`),
      { 'Idempotency-Key': `theirs-${tag}` },
    );
    await operator.eventually('GET', `/tickets/${ours.number}`);
    await operator.eventually('GET', `/tickets/${theirs.number}`);

    await signIn(page, referente);
    await expect(page.getByRole('heading', { name: 'Solicitudes de mi jurisdicción' })).toBeVisible();
    await expect(page.getByRole('link', { name: `#${ours.number}` }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: `#${theirs.number}` })).toHaveCount(0);
    await checkPage(page, 'referente-tickets');

    await page
      .getByRole('link', { name: `#${ours.number}` })
      .first()
      .click();
    await expect(page.getByRole('heading', { name: `Sin red ${tag}` })).toBeVisible();

    // Someone else's ticket by URL: a clear refusal, in the page's language.
    await page.goto(`${baseUrl()}/tickets/${theirs.number}`);
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByRole('alert')).not.toBeEmpty();
    await checkPage(page, 'ticket-refused');
    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await expect(page.getByRole('link', { name: 'Back to my requests' })).toBeVisible();
  });

  test('an expired session sends the person to sign in again, and brings them back', async ({ page, context }) => {
    const admin = await Api.admin();
    const email = `eva.${unique()}@salud.gob.ar`;
    await createAccount(admin, { email, name: 'Eva Expirada', role: 'requester', jurisdiction: 'SALUD' });
    await signIn(page, email);
    await page.goto(`${baseUrl()}/kb`);
    await expect(page.getByRole('heading', { name: 'Base de conocimiento' })).toBeVisible();
    // The server forgets the session (as at its expiry); the page finds out on its next call.
    await context.clearCookies();
    await page.getByLabel('Buscar en la base de conocimiento').fill('impresora');
    await expect(page.getByText('Su sesión terminó.')).toBeVisible();
    await expect(page).toHaveURL(/\/ingresar\?redirect=/);
  });

  test('a file too large is refused before and by the server, with the reason', async ({ page }) => {
    const admin = await Api.admin();
    const email = `fede.${unique()}@salud.gob.ar`;
    await createAccount(admin, { email, name: 'Fede Grande', role: 'requester', jurisdiction: 'SALUD' });
    await signIn(page, email);
    await page.goto(`${baseUrl()}/tickets/nuevo`);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'enorme.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(11 * 1024 * 1024, 0x25) });
    await expect(page.getByRole('alert').filter({ hasText: 'Demasiado grande' })).toBeVisible();
    await page.getByLabel('¿Qué problema tiene?').fill('Prueba de archivo grande');
    await page.getByLabel('Describa qué pasó').fill('Adjunto un archivo de más de diez megabytes.');
    await page.getByLabel('Algo no funciona').check();
    await page.getByRole('combobox', { name: /¿Sobre qué es\?/ }).click();
    await page.getByRole('option', { name: 'Impresoras' }).click();
    await page.getByLabel('Solo a mí').check();
    await page.getByLabel('Puede esperar').check();
    await page.getByRole('button', { name: 'Enviar el reporte' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'No se pudo registrar el reporte' })).toBeVisible();
    await checkPage(page, 'report-refused');
  });
});
