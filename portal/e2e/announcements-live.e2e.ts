import { expect, test } from '@playwright/test';
import { Api, createAccount, signIn, unique } from './support';

const HOUR = 3_600_000;

/**
 * Announcements reach open portals live (issue 18): a requester of SALUD keeps "Mis solicitudes" open while
 * an administrator publishes an alert for SALUD, one for another jurisdiction, and then withdraws the first;
 * her home shows and removes them as the live stream tells it, without a reload.
 */
test('a requester’s open home shows an announcement for her jurisdiction as it is published, and drops it when withdrawn', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const admin = await Api.admin();
  const tag = unique();
  const requester = `rosa.${tag}@salud.gob.ar`;
  const register = (email: string, name: string, jurisdiction: string) =>
    admin.send<{ number: number }>(
      'POST',
      '/tickets',
      {
        channel: 'telefono',
        requester: { email, name },
        jurisdiction,
        title: `Consulta ${tag}`,
        description: 'No puedo imprimir.',
        type: 'solicitud',
        category: 'red-e-internet',
        impact: 'bajo',
        urgency: 'baja',
      },
      { 'Idempotency-Key': `announce-live-${jurisdiction}-${tag}` },
    );
  // A SALUD ticket makes Rosa one of SALUD's requesters; one of EDUCACION makes that a code intake knows.
  await register(`otro.${tag}@educacion.gob.ar`, 'Otro Docente', 'EDUCACION');
  const ticket = await register(requester, 'Rosa Díaz', 'SALUD');
  await createAccount(admin, { email: requester, name: 'Rosa Díaz', role: 'requester' });
  await admin.eventually('GET', `/tickets/${ticket.number}`);

  await signIn(page, requester);
  await expect(page.getByRole('heading', { level: 1, name: 'Mis solicitudes' })).toBeVisible();
  await expect(page.getByRole('cell', { name: `Consulta ${tag}` })).toBeVisible();
  // Anything a reload would lose; it must still be there at the end.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const announcement = (title: string, jurisdictions: string[]) => ({
    kind: 'security-alert',
    title,
    body: 'No responda correos que pidan su contraseña.',
    language: 'es',
    audience: 'jurisdictions',
    jurisdictions,
    validFrom: new Date(Date.now() - HOUR).toISOString(),
    validUntil: new Date(Date.now() + 24 * HOUR).toISOString(),
    sendMail: false,
  });
  const elsewhere = await admin.send<{ id: string }>(
    'POST',
    '/announcements',
    announcement(`Solo Educación ${tag}`, ['EDUCACION']),
  );
  const ours = await admin.send<{ id: string }>(
    'POST',
    '/announcements',
    announcement(`Correos falsos ${tag}`, ['SALUD']),
  );
  // The current list is read again only on the stream's word (a minute's staleness, five minutes' polling).
  const alert = page.getByRole('alert').filter({ hasText: `Correos falsos ${tag}` });
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(`Solo Educación ${tag}`)).toBeHidden();

  await admin.send('POST', `/announcements/${ours.id}/withdrawal`);
  await expect(alert).toBeHidden({ timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await admin.send('POST', `/announcements/${elsewhere.id}/withdrawal`);
});
