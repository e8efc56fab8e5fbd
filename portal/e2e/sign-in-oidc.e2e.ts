import { expect, test, type Page } from '@playwright/test';
import { startTestOidcProvider, type TestOidcProvider } from '@cau/testing';
import { baseUrl, checkPage, unique } from './support';

/**
 * Single sign-on through a real OpenID Connect provider (`oidc-provider`), started here on the port the
 * platform was configured with (global-setup), so this test decides its users and their groups.
 */
test.describe('signing in with a provider', () => {
  let op: TestOidcProvider;

  test.beforeAll(async () => {
    op = await startTestOidcProvider({}, Number(process.env.CAU_E2E_OIDC_PORT));
    op.serve({
      redirectUris: [`${baseUrl()}/api/v1/auth/oidc/prueba/callback`],
      postLogoutRedirectUris: [`${baseUrl()}/ingresar`],
    });
  });

  test.afterAll(async () => {
    await op?.close();
  });

  /** From the login page through the provider's own sign-in form, back to the portal. */
  async function signInWithProvider(page: Page, subject: string): Promise<void> {
    await page.goto(`${baseUrl()}/ingresar`);
    await page.getByRole('link', { name: 'Cuenta provincial de prueba' }).click();
    // A fresh browser, or one whose provider session ended at logout: the provider's sign-in form.
    await page.locator('input[name="login"]').fill(subject);
    await page.locator('input[name="password"]').fill('cualquiera');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await expect(page).toHaveURL(new RegExp(`^${baseUrl()}/`));
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Ingresar al CAU');
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Salir' }).click();
    // The provider asks to confirm ending its own session, then sends the browser back to the login page.
    await page.getByRole('button', { name: /sign me out/i }).click();
    await expect(page.getByRole('heading', { name: 'Ingresar al CAU' })).toBeVisible();
  }

  test('the login page offers the provider and the password form; keyboard reaches the provider first', async ({
    page,
  }) => {
    await page.goto(`${baseUrl()}/ingresar`);
    const provider = page.getByRole('link', { name: 'Cuenta provincial de prueba' });
    await expect(provider).toBeVisible();
    await expect(page.getByLabel('Correo electrónico')).toBeVisible();
    await expect(page.getByText('o con su correo')).toBeVisible();
    await checkPage(page, 'login-providers');
    await provider.focus();
    await expect(provider).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Correo electrónico')).toBeFocused();

    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await expect(page.getByRole('link', { name: 'Provincial test account' })).toBeVisible();
  });

  test('a refused login is explained on the login page', async ({ page }) => {
    await page.goto(`${baseUrl()}/ingresar?sso=email-taken`);
    await expect(page.getByRole('alert')).toContainText('Ya existe una cuenta con ese correo');
    await checkPage(page, 'login-sso-refused');
  });

  test('first login creates a requester; the mapped group opens the console; a removed group closes it; logout ends both sessions', async ({
    page,
  }) => {
    const subject = `sofia-${unique()}`;
    op.users.set(subject, { email: `${subject}@salud.gob.ar`, email_verified: true, name: 'Sofía Gómez', groups: [] });

    await signInWithProvider(page, subject);
    await expect(page.getByRole('heading', { name: 'Mis solicitudes', level: 1 })).toBeVisible();
    const first = await page.request.get(`${baseUrl()}/api/v1/auth/session`);
    expect(await first.json()).toMatchObject({
      email: `${subject}@salud.gob.ar`,
      name: 'Sofía Gómez',
      role: 'requester',
    });
    await signOut(page);
    // Both sessions ended: CAU's, and the provider's (its sign-in form shows again).
    expect((await page.request.get(`${baseUrl()}/api/v1/auth/session`)).status()).toBe(401);

    op.users.set(subject, { ...op.users.get(subject), groups: ['cau-supervisores'] });
    await page.goto(`${baseUrl()}/ingresar`);
    await page.getByRole('link', { name: 'Cuenta provincial de prueba' }).click();
    await expect(page.locator('input[name="login"]')).toBeVisible();
    await page.locator('input[name="login"]').fill(subject);
    await page.locator('input[name="password"]').fill('cualquiera');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await expect(page).toHaveURL(/\/consola/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await checkPage(page, 'oidc-supervisor-console');
    await signOut(page);

    op.users.set(subject, { ...op.users.get(subject), groups: [] });
    await signInWithProvider(page, subject);
    await expect(page.getByRole('heading', { name: 'Mis solicitudes', level: 1 })).toBeVisible();
    await page.goto(`${baseUrl()}/consola`);
    await expect(page.getByRole('heading', { name: 'Página no encontrada' })).toBeVisible();
  });
});
