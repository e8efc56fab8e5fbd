import { expect, test } from '@playwright/test';
import { Api, createAccount, checkPage, signIn, unique, waitForMail } from './support';

/**
 * Announcements (issue 18): an administrator publishes a security alert for one jurisdiction with the
 * keyboard, previewing it; a requester of that jurisdiction sees it on "Mis solicitudes" (and gets it by
 * mail), dismisses it; the administrator withdraws it.
 */
test('an administrator publishes, edits and withdraws an announcement; a requester of its jurisdiction sees and hides it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const requester = `ana.${tag}@salud.gob.ar`;
  const title = `Correos falsos ${tag}`;
  // A SALUD ticket makes Ana one of SALUD's requesters (and SALUD a code intake knows).
  await admin.send(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: requester, name: 'Ana Pérez' },
      jurisdiction: 'SALUD',
      title: `Consulta ${tag}`,
      description: 'No puedo abrir un adjunto.',
      type: 'solicitud',
      category: 'red-e-internet',
      impact: 'bajo',
      urgency: 'baja',
    },
    { 'Idempotency-Key': `announce-${tag}` },
  );
  await waitForMail(requester, (raw) => raw.includes(`Consulta ${tag}`) || raw.includes(tag));
  await createAccount(admin, { email: requester, name: 'Ana Pérez', role: 'requester' });

  const { email, password } = JSON.parse(process.env.CAU_E2E_ADMIN ?? '{}') as { email: string; password: string };
  await signIn(page, email, password);
  await page.getByRole('navigation', { name: 'Administración' }).getByRole('link', { name: 'Comunicados' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Comunicados' })).toBeVisible();

  // Publishing with the keyboard; the preview follows what is typed.
  await page.getByRole('button', { name: 'Nuevo comunicado' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Publicar un comunicado' });
  await expect(dialog).toBeVisible();
  await page.keyboard.type(title);
  await dialog.getByLabel('Tipo').selectOption('security-alert');
  await dialog.getByRole('textbox', { name: 'Texto', exact: true }).focus();
  await page.keyboard.type('No responda correos que pidan su **contraseña**.\n\n- Bórrelos\n- Avise a la mesa');
  await dialog.getByLabel('Público').selectOption('jurisdictions');
  // Nothing chosen yet: the form says so before asking the server.
  await dialog.getByRole('button', { name: 'Publicar' }).click();
  await expect(dialog.getByText('Elija al menos una jurisdicción.')).toBeVisible();
  await dialog.getByRole('checkbox', { name: /SALUD/ }).focus();
  await page.keyboard.press('Space');
  await dialog.getByLabel('Enviarlo por correo al publicarlo').focus();
  await page.keyboard.press('Space');
  const preview = dialog.getByRole('region', { name: 'Vista previa' });
  await expect(preview.getByRole('alert')).toContainText(title);
  await expect(preview.getByText('contraseña', { exact: true })).toHaveJSProperty('tagName', 'STRONG');
  await checkPage(page, 'announcements-admin-form');
  await dialog.getByRole('button', { name: 'Publicar' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Comunicado publicado.')).toBeVisible();
  await expect(dialog).toBeHidden();
  const card = page.getByRole('listitem').filter({ hasText: title });
  await expect(card).toContainText('Vigente');
  await expect(card).toContainText('Para: SALUD');

  // An edit (not mailed again).
  await page.getByRole('button', { name: `Editar «${title}»` }).click();
  const editing = page.getByRole('dialog', { name: 'Cambiar el comunicado' });
  await editing.getByRole('textbox', { name: 'Título' }).fill(`${title} (actualizado)`);
  await editing.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Comunicado guardado.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: `${title} (actualizado)` })).toContainText('versión 2');
  await checkPage(page, 'announcements-admin');

  const mail = await waitForMail(requester, (raw) => raw.includes(title));
  expect(mail).toContain('Alerta de seguridad');

  // The requester sees it on "Mis solicitudes", styled as an alert, and hides it for good.
  await page.context().clearCookies();
  await signIn(page, requester);
  await expect(page.getByRole('heading', { level: 1, name: 'Mis solicitudes' })).toBeVisible();
  const alert = page.getByRole('alert').filter({ hasText: `${title} (actualizado)` });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Alerta de seguridad');
  await checkPage(page, 'announcements-home');
  await alert.getByRole('button', { name: `Ocultar el comunicado «${title} (actualizado)»` }).focus();
  await page.keyboard.press('Enter');
  await expect(alert).toBeHidden();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Mis solicitudes' })).toBeVisible();
  await expect(page.getByText(`${title} (actualizado)`)).toBeHidden();

  // Withdrawn: gone from the administrators' list too.
  await page.context().clearCookies();
  await signIn(page, email, password);
  await page.goto(page.url().replace(/\/consola.*$/, '/admin/comunicados'));
  await page.getByRole('button', { name: `Retirar «${title} (actualizado)»` }).click();
  const confirm = page.getByRole('dialog', { name: 'Retirar el comunicado' });
  await confirm.getByRole('button', { name: 'Retirar' }).click();
  await expect(page.getByText('Comunicado retirado.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: title })).toHaveCount(0);
  const current = await admin.send<{ items: Array<{ title: string }> }>('GET', '/announcements/current');
  expect(current.items.map((a) => a.title)).not.toContain(`${title} (actualizado)`);
});
