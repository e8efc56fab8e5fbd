import { expect, test } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

test.describe('signing in', () => {
  test('a wrong password is refused in words, in Spanish and in English', async ({ page }) => {
    const admin = await Api.admin();
    const email = `ana.${unique()}@salud.gob.ar`;
    await createAccount(admin, { email, name: 'Ana Pérez', role: 'requester', jurisdiction: 'SALUD' });

    await page.goto(`${baseUrl()}/`);
    await expect(page).toHaveURL(/\/ingresar/);
    await expect(page.getByRole('heading', { name: 'Ingresar al CAU' })).toBeVisible();
    await checkPage(page, 'login');

    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill('no-es-la-clave');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page.getByRole('alert')).toContainText(/contraseña/i);

    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await expect(page.getByRole('heading', { name: 'Sign in to CAU' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText(/password/i);
  });

  test('a requester lands on "Mis solicitudes", which the keyboard alone can reach and leave', async ({ page }) => {
    const admin = await Api.admin();
    const email = `beto.${unique()}@salud.gob.ar`;
    await createAccount(admin, { email, name: 'Beto Ruiz', role: 'requester', jurisdiction: 'SALUD' });

    await page.goto(`${baseUrl()}/tickets?status=abierto`);
    await expect(page).toHaveURL(/\/ingresar\?redirect=/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.getByLabel('Correo electrónico').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Mis solicitudes', level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/tickets\?status=abierto/);
    await expect(page.getByText('Ninguna solicitud coincide con la búsqueda.')).toBeVisible();
    await checkPage(page, 'my-tickets-empty');

    await page
      .getByRole('link', { name: 'Salir' })
      .or(page.getByRole('button', { name: 'Salir' }))
      .click();
    await expect(page.getByRole('heading', { name: 'Ingresar al CAU' })).toBeVisible();
    // The session is dead on the server: going back does not get in.
    await page.goto(`${baseUrl()}/tickets`);
    await expect(page).toHaveURL(/\/ingresar/);
  });

  test('an unknown address shows a page that says so', async ({ page }) => {
    const admin = await Api.admin();
    const email = `caro.${unique()}@salud.gob.ar`;
    await createAccount(admin, { email, name: 'Caro Díaz', role: 'requester', jurisdiction: 'SALUD' });
    await signIn(page, email);
    await page.goto(`${baseUrl()}/no-existe`);
    await expect(page.getByRole('heading', { name: 'Página no encontrada' })).toBeVisible();
    await checkPage(page, 'not-found');
  });

  test('with a slow server the page comes, whole, once the session answers', async ({ page }) => {
    const admin = await Api.admin();
    const email = `dora.${unique()}@salud.gob.ar`;
    await createAccount(admin, { email, name: 'Dora Sosa', role: 'requester', jurisdiction: 'SALUD' });
    await signIn(page, email);

    // The app is drawn once its route is ready (main.tsx): a session read that takes 3 s must not leave the page
    // blank or half-drawn after it answers.
    let sessionAnswered = false;
    await page.route('**/api/v1/auth/session', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      sessionAnswered = true;
      await route.continue();
    });
    await page.goto(`${baseUrl()}/tickets`);
    await expect(page.getByRole('heading', { name: 'Mis solicitudes', level: 1 })).toBeVisible();
    expect(sessionAnswered).toBe(true);
    await expect(page.getByRole('banner')).toContainText('Centro de Atención a Usuarios');
    await expect(page).toHaveURL(/\/tickets$/);
  });
});
