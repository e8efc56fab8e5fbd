import { expect, test, type Locator, type Page } from '@playwright/test';
import { baseUrl, checkPage, linksIn, signIn, unique, waitForMail } from './support';

const PASSWORD = 'una frase para mi cuenta';

/** Presses Tab until `target` has the focus: the form is filled without the mouse. */
async function tabTo(page: Page, target: Locator, limit = 30): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** The verification link of the latest registration mail to `address`. */
async function verificationLink(address: string): Promise<string> {
  let link: string | undefined;
  await waitForMail(address, (raw) => {
    link = linksIn(raw).find((candidate) => candidate.includes('/verificar-correo?token='));
    return link !== undefined;
  });
  expect(link!.startsWith(`${baseUrl()}/verificar-correo?token=`)).toBe(true);
  return link!;
}

test('a person creates their account from the login page with the keyboard, opens the mailed link, signs in and reports a problem', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const email = `rosa.${unique()}@salud.gob.bo`;
  await page.goto(`${baseUrl()}/ingresar`);
  await page.getByRole('link', { name: 'Crear una cuenta' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Crear una cuenta' })).toBeVisible();

  // Bad input is named field by field, before anything is sent.
  await page.getByRole('button', { name: 'Crear la cuenta' }).click();
  await expect(page.getByLabel('Nombre y apellido')).toHaveAccessibleDescription(/obligatorio/i);
  await page.getByLabel('Correo electrónico').fill('no-es-un-correo');
  await page.getByLabel(/^Contraseña/).fill('corta');
  await page.getByLabel('Repita la contraseña').fill('otra');
  await page.getByRole('button', { name: 'Crear la cuenta' }).click();
  await expect(page.getByText('La contraseña debe tener entre 10 y 200 caracteres.')).toBeVisible();
  await expect(page.getByText('Las dos contraseñas no coinciden.')).toBeVisible();
  await checkPage(page, 'register-errors');

  // One of the most common passwords: the server refuses it, on its field.
  await page.getByLabel('Nombre y apellido').fill('Rosa Mamani');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel(/^Contraseña/).fill('Password123');
  await page.getByLabel('Repita la contraseña').fill('Password123');
  await page.getByRole('button', { name: 'Crear la cuenta' }).click();
  await expect(page.getByText(/es una de las contraseñas más usadas/)).toBeVisible();

  // The rest from the keyboard alone.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Crear una cuenta' })).toBeVisible();
  await tabTo(page, page.getByLabel('Nombre y apellido'));
  await page.keyboard.type('Rosa Mamani');
  await page.keyboard.press('Tab');
  await page.keyboard.type(email);
  await tabTo(page, page.getByLabel(/^Contraseña/));
  await page.keyboard.type(PASSWORD);
  await tabTo(page, page.getByLabel('Repita la contraseña'));
  await page.keyboard.type(PASSWORD);
  await checkPage(page, 'register');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Revise su correo' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(email);
  await checkPage(page, 'register-sent');

  const link = await verificationLink(email);
  await page.goto(link);
  await expect(page.getByRole('status')).toContainText(`la cuenta de ${email} está creada`);
  await checkPage(page, 'verify-email-done');
  await page.getByRole('link', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ingresar al CAU' })).toBeVisible();
  await signIn(page, email, PASSWORD);

  await page.getByRole('link', { name: 'Reportar un problema' }).first().click();
  await expect(page.getByRole('heading', { name: 'Reportar un problema', level: 1 })).toBeVisible();
  await page.getByLabel('¿Qué problema tiene?').fill('No puedo entrar al sistema de turnos');
  await page.getByLabel('Describa qué pasó').fill('Desde hoy el sistema de turnos rechaza mi usuario.');
  await page.getByLabel('Algo no funciona').check();
  await page.getByRole('combobox', { name: /¿Sobre qué es\?/ }).click();
  await page.getByRole('option', { name: 'Impresoras' }).click();
  await page.getByLabel('Solo a mí').check();
  await page.getByLabel('Puede esperar').check();
  await page.getByLabel('Jurisdicción u organismo').fill('SALUD');
  await page.getByRole('button', { name: 'Enviar el reporte' }).click();
  await expect(page.getByText(/Su número de ticket es \d+/)).toBeVisible();
});

test('a used link says so and offers to register again; an address with an account is told so by mail', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const email = `dos.veces.${unique()}@salud.gob.bo`;
  const register = (name: string) =>
    fetch(`${baseUrl()}/api/v1/auth/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, email, password: PASSWORD }),
    });
  expect((await register('Dos Veces')).status).toBe(202);
  const link = await verificationLink(email);
  await page.goto(link);
  await expect(page.getByRole('status')).toContainText('está creada');

  await page.goto(link);
  await expect(page.getByRole('alert')).toContainText('Este enlace ya se usó');
  await checkPage(page, 'verify-email-refused');
  await page.getByRole('link', { name: 'Registrarse de nuevo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Crear una cuenta' })).toBeVisible();

  await page.goto(`${baseUrl()}/verificar-correo`);
  await expect(page.getByRole('alert')).toContainText('Este enlace no está completo');

  expect((await register('Otra Vez')).status).toBe(202);
  const notice = await waitForMail(
    email,
    (raw) => raw.includes('Usted ya tiene una cuenta') || raw.includes('ya tiene una'),
  );
  expect(linksIn(notice)).toContain(`${baseUrl()}/recuperar`);
});
