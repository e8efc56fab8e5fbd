import { expect, test } from '@playwright/test';
import { Api, checkPage, createAccount, signIn, unique, waitForMail, allMails } from './support';

const HOUR = 3_600_000;

/**
 * A requester turns announcement mails off on "Mi cuenta" (issue 18): the next announcement mailed to her
 * jurisdiction reaches a neighbour but not her, and still shows on her home.
 */
test('a requester turns announcement mails off on her account page; she still sees them in the portal', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const admin = await Api.admin();
  const tag = unique();
  // A jurisdiction of the settings, not one an administrator lists: listing one closes the catalogue to
  // every unlisted code, and the other tests of this run register tickets under those.
  const jurisdiction = 'SALUD';
  const lucia = `lucia.${tag}@pruebas.gob.ar`;
  const vecino = `vecino.${tag}@pruebas.gob.ar`;
  for (const [email, name] of [
    [lucia, 'Lucía Paz'],
    [vecino, 'Vecino Pruebas'],
  ] as const) {
    await admin.send(
      'POST',
      '/tickets',
      {
        channel: 'telefono',
        requester: { email, name },
        jurisdiction,
        title: `Consulta ${tag}`,
        description: 'No anda el correo.',
        type: 'solicitud',
        category: 'correo-electronico',
        impact: 'bajo',
        urgency: 'baja',
      },
      { 'Idempotency-Key': `account-mails-${email}` },
    );
    // Notifications knows them (and their jurisdiction) once it mailed their registration.
    await waitForMail(email, (raw) => raw.includes(`Consulta ${tag}`));
  }
  await createAccount(admin, { email: lucia, name: 'Lucía Paz', role: 'requester' });

  await signIn(page, lucia);
  await page.getByRole('link', { name: 'Mi cuenta' }).first().click();
  await expect(page.getByRole('heading', { name: 'Mi cuenta', level: 1 })).toBeVisible();
  const mails = page.getByRole('checkbox', { name: 'Recibir los comunicados por correo' });
  await expect(mails).toBeChecked();
  await expect(mails).toBeEnabled();
  await mails.focus();
  await page.keyboard.press('Space');
  await expect(page.getByText('Listo: ya no recibirá los comunicados por correo.')).toBeVisible();
  await expect(mails).not.toBeChecked();
  await checkPage(page, 'account-mails');
  await page.reload();
  await expect(mails).not.toBeChecked();

  const title = `Corte de la red ${tag}`;
  await admin.send('POST', '/announcements', {
    kind: 'planned-outage',
    title,
    body: 'El sábado no habrá red.',
    language: 'es',
    audience: 'jurisdictions',
    jurisdictions: [jurisdiction],
    validFrom: new Date(Date.now() - HOUR).toISOString(),
    validUntil: new Date(Date.now() + 24 * HOUR).toISOString(),
    sendMail: true,
  });
  // The neighbour's mail is recorded in the same transaction as hers would have been: once his arrived,
  // hers would have too.
  await waitForMail(vecino, (raw) => raw.includes(title));
  expect(allMails().filter((raw) => raw.includes(title) && raw.toLowerCase().includes(lucia))).toEqual([]);
  await page.goto(page.url().replace(/\/cuenta$/, '/'));
  await expect(page.getByRole('heading', { level: 1, name: 'Mis solicitudes' })).toBeVisible();
  await expect(page.getByText(title)).toBeVisible();
});
