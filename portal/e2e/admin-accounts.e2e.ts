import { expect, test, type Page } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, linksIn, PASSWORD, signIn, unique, waitForMail } from './support';

const admin = (): { email: string; password: string } =>
  JSON.parse(process.env.CAU_E2E_ADMIN ?? '{}') as { email: string; password: string };

/** The link of the latest reset mail to `address` that is not one of `seen`. */
async function resetLink(address: string, seen: readonly string[] = []): Promise<string> {
  let link: string | undefined;
  await waitForMail(address, (raw) => {
    link = linksIn(raw).find((candidate) => candidate.includes('/restablecer?token=') && !seen.includes(candidate));
    return link !== undefined;
  });
  expect(link!.startsWith(`${baseUrl()}/restablecer?token=`)).toBe(true);
  return link!;
}

async function openAccountPanel(page: Page, name: string) {
  await page.getByRole('button', { name: `Abrir la cuenta de ${name}` }).click();
  const panel = page.getByRole('dialog', { name });
  await expect(panel).toBeVisible();
  return panel;
}

test('the administrator creates an agent, finds them, changes their area, disables them (their open session stops working) and enables them again; the audit log shows each change', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const tag = unique();
  const agent = { name: `Ágata Agente ${tag}`, email: `agata.${tag}@cau.gob.ar` };
  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await signIn(page, admin().email, admin().password);

  // The administrators' section of the navigation.
  const navigation = page.getByRole('navigation', { name: 'Navegación principal' });
  const administration = navigation.getByRole('navigation', { name: 'Administración' });
  await expect(administration).toBeVisible();
  await administration.getByRole('link', { name: 'Cuentas' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cuentas' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /cuenta/ })).toBeVisible();
  await checkPage(page, 'admin-accounts');

  // Created with the keyboard: open the form, fill it, submit with Enter. An agent needs an area.
  await page.getByRole('button', { name: 'Nueva cuenta' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Nueva cuenta' });
  await expect(dialog.getByLabel('Nombre')).toBeFocused();
  await page.keyboard.type(agent.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(agent.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await expect(dialog.getByLabel('Rol')).toHaveValue('agent');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Un agente trabaja en un área: elíjala.')).toBeVisible();
  await checkPage(page, 'admin-accounts-create');
  await dialog.getByLabel('Área').selectOption('UIT');
  await dialog.getByRole('button', { name: 'Crear la cuenta' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Cuenta de ${agent.name} creada.`)).toBeVisible();
  await page
    .getByRole('dialog', { name: agent.name })
    .getByRole('button', { name: 'Cerrar el panel de la cuenta' })
    .click();

  // The same e-mail again: the gateway's refusal lands on the e-mail field.
  await page.getByRole('button', { name: 'Nueva cuenta' }).click();
  await dialog.getByLabel('Nombre').fill('Otra persona');
  await dialog.getByLabel('Correo electrónico').fill(agent.email.toUpperCase());
  await dialog.getByLabel('Contraseña inicial').fill(PASSWORD);
  await dialog.getByLabel('Rol').selectOption('operator');
  await dialog.getByRole('button', { name: 'Crear la cuenta' }).click();
  await expect(dialog.getByText('Ya hay una cuenta con ese correo.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancelar' }).click();

  // The agent works in a browser of their own.
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await signIn(agentPage, agent.email);
  await agentPage.goto(`${baseUrl()}/consola`);
  await expect(agentPage.getByRole('heading', { level: 1 })).toBeVisible();
  expect((await agentPage.request.get(`${baseUrl()}/api/v1/auth/session`)).status()).toBe(200);

  // Found by the start of a word of the name, whatever the accents; the filters go in the URL.
  await page.getByLabel('Buscar').fill(`agata ${tag}`);
  await expect(page).toHaveURL(new RegExp(`q=agata`));
  const table = page.getByRole('region', { name: 'Cuentas encontradas' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText(agent.email);
  await page.getByRole('combobox', { name: 'Rol' }).selectOption('agent');
  await page.getByRole('combobox', { name: 'Estado' }).selectOption('active');
  await expect(page).toHaveURL(/role=agent/);
  await expect(table.getByRole('row')).toHaveCount(2);

  // The area changes from the panel; the account's history shows it at once.
  let panel = await openAccountPanel(page, agent.name);
  await panel.getByRole('combobox', { name: 'Área' }).selectOption('L1');
  await panel.getByRole('button', { name: 'Guardar el rol y el área' }).click();
  await expect(page.getByText('Cambios guardados.')).toBeVisible();
  const history = panel.getByRole('list', { name: 'Historial de la cuenta' });
  const moved = history.getByRole('listitem').filter({ hasText: 'Cuenta modificada' });
  await expect(moved.getByRole('row', { name: /Área UIT L1/ })).toBeVisible();
  await expect(history.getByRole('listitem').filter({ hasText: 'Cuenta creada' })).toBeVisible();
  await checkPage(page, 'admin-accounts-panel');

  // Disabled after a confirmation: the agent's open session stops working.
  await panel.getByRole('button', { name: 'Deshabilitar' }).click();
  const confirm = page.getByRole('dialog', { name: 'Deshabilitar la cuenta' });
  await expect(confirm.getByRole('button', { name: 'Cancelar' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Deshabilitar' }).click();
  await expect(page.getByText('Cuenta deshabilitada; sus sesiones se cerraron.')).toBeVisible();
  await expect(panel.getByText('Deshabilitada', { exact: true })).toBeVisible();
  expect((await agentPage.request.get(`${baseUrl()}/api/v1/auth/session`)).status()).toBe(401);
  await agentPage.goto(`${baseUrl()}/consola`);
  await expect(agentPage).toHaveURL(/\/ingresar/);
  await expect(agentPage.getByRole('heading', { level: 1, name: 'Ingresar al CAU' })).toBeVisible();

  // Filtered by status, the list follows the change.
  await panel.getByRole('button', { name: 'Cerrar el panel de la cuenta' }).click();
  await expect(table.getByRole('row')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Estado' }).selectOption('inactive');
  await expect(table.getByRole('row')).toHaveCount(2);

  // Enabled again; the agent signs in as before.
  panel = await openAccountPanel(page, agent.name);
  await panel.getByRole('button', { name: 'Habilitar' }).click();
  await page.getByRole('dialog', { name: 'Habilitar la cuenta' }).getByRole('button', { name: 'Habilitar' }).click();
  await expect(page.getByText('Cuenta habilitada.')).toBeVisible();
  await signIn(agentPage, agent.email);

  // The administrator sends a reset link; it is in the history, and in the agent's mailbox.
  await panel.getByRole('button', { name: 'Restablecer contraseña' }).click();
  await page
    .getByRole('dialog', { name: 'Restablecer contraseña' })
    .getByRole('button', { name: 'Enviar el enlace' })
    .click();
  await expect(page.getByText(`Enlace enviado a ${agent.email}.`)).toBeVisible();
  await expect(history.getByRole('listitem').filter({ hasText: 'Enlace de contraseña enviado' })).toBeVisible();
  await resetLink(agent.email);
  await panel.getByRole('button', { name: 'Cerrar el panel de la cuenta' }).click();

  // The audit page lists every change, newest first, with before and after.
  await navigation.getByRole('link', { name: 'Auditoría' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Auditoría' })).toBeVisible();
  await page.getByLabel('Qué cambió').selectOption('account');
  const log = page.getByRole('list', { name: 'Auditoría' });
  // Sign-ins are audited on the account too (see below); the changes are the other entries.
  const ofAgent = log
    .getByRole('listitem')
    .filter({ hasText: agent.name })
    .filter({ hasNotText: /Ingreso/ });
  await expect(ofAgent).toHaveCount(5);
  await expect(
    log.getByRole('listitem').filter({ hasText: agent.name }).filter({ hasText: 'Ingreso' }),
  ).not.toHaveCount(0);
  await expect(ofAgent.nth(0)).toContainText('Enlace de contraseña enviado');
  await expect(ofAgent.nth(1).getByRole('row', { name: 'Habilitada No Sí' })).toBeVisible();
  await expect(ofAgent.nth(2).getByRole('row', { name: 'Habilitada Sí No' })).toBeVisible();
  await expect(ofAgent.nth(3).getByRole('row', { name: 'Área UIT L1' })).toBeVisible();
  await expect(ofAgent.nth(4)).toContainText('Cuenta creada');
  await expect(ofAgent.nth(4).getByRole('row', { name: `Correo electrónico — ${agent.email}` })).toBeVisible();
  // A change's target narrows the log to that account.
  await ofAgent.nth(3).getByRole('button', { name: agent.name }).click();
  await expect(page).toHaveURL(/targetId=/);
  await expect(log.getByRole('listitem').filter({ hasNotText: /Ingreso/ })).toHaveCount(5);
  await checkPage(page, 'admin-audit');

  // Nobody else has these pages.
  await agentPage.goto(`${baseUrl()}/admin/cuentas`);
  await expect(agentPage.getByRole('heading', { level: 1, name: 'Página no encontrada' })).toBeVisible();
  await expect(agentPage.getByRole('link', { name: 'Cuentas' })).toHaveCount(0);
  await agentContext.close();
  await adminContext.close();
});

test('a person who forgot their password asks for a link, follows it from the real mail and signs in with the new one', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const tag = unique();
  const person = { name: `Olga Olvido ${tag}`, email: `olga.${tag}@salud.gob.ar`, role: 'requester' };
  await createAccount(await Api.admin(), person);
  const newPassword = `clave-nueva-${tag}-2026`;

  await page.goto(`${baseUrl()}/ingresar`);
  await page.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recuperar la contraseña' })).toBeVisible();
  await checkPage(page, 'recover-password');
  await page.getByLabel('Correo electrónico').fill(person.email);
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: `Si hay una cuenta habilitada con ${person.email}` }),
  ).toBeVisible();

  const link = await resetLink(person.email);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Elegir una contraseña nueva' })).toBeVisible();
  await page.getByLabel(/^Contraseña nueva/).fill(newPassword);
  await page.getByLabel('Repita la contraseña nueva').fill(`${newPassword}x`);
  await page.getByRole('button', { name: 'Guardar la contraseña' }).click();
  await expect(page.getByText('Las dos contraseñas no coinciden.')).toBeVisible();
  await checkPage(page, 'reset-password');
  await page.getByLabel('Repita la contraseña nueva').fill(newPassword);
  await page.getByRole('button', { name: 'Guardar la contraseña' }).click();
  await expect(page.getByText('Contraseña cambiada. Ya puede ingresar con ella.')).toBeVisible();

  // The link works once.
  await page.goto(link);
  await page.getByLabel(/^Contraseña nueva/).fill('otra-clave-mas-1234');
  await page.getByLabel('Repita la contraseña nueva').fill('otra-clave-mas-1234');
  await page.getByRole('button', { name: 'Guardar la contraseña' }).click();
  await expect(page.getByRole('alert')).toContainText('Este enlace ya se usó, venció');
  await checkPage(page, 'reset-password-used');

  await page.getByRole('link', { name: 'Pedir otro enlace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recuperar la contraseña' })).toBeVisible();
  await signIn(page, person.email, newPassword);
  await expect(page.getByRole('heading', { level: 1, name: 'Mis solicitudes' })).toBeVisible();
});
