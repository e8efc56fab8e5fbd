import { expect, test } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

test('a requester searches the knowledge base and reads a public article, never an internal one', async ({ page }) => {
  const admin = await Api.admin();
  const tag = unique();
  const requester = `kb.${tag}@salud.gob.ar`;
  await createAccount(admin, { email: requester, name: 'Lola Lectora', role: 'requester', jurisdiction: 'SALUD' });
  await createAccount(admin, { email: `autor.${tag}@cau.gob.ar`, name: 'Autor', role: 'operator', area: 'L1' });
  const author = await Api.login(`autor.${tag}@cau.gob.ar`, PASSWORD);
  const article = (visibility: 'public' | 'internal', title: string) =>
    author.send<{ id: string }>('POST', '/kb/articles', {
      title,
      problem: 'La conexión VPN se corta cada pocos minutos al trabajar desde casa.',
      solutionSteps: ['Actualizar el cliente VPN.', 'Reiniciar el equipo.'],
      category: 'red-e-internet',
      tags: ['vpn'],
      visibility,
      force: true,
    });
  const open = await article('public', `VPN inestable ${tag}`);
  const hidden = await article('internal', `VPN procedimiento interno ${tag}`);
  await author.send('POST', `/kb/articles/${open.id}/publish`);
  await author.send('POST', `/kb/articles/${hidden.id}/publish`);

  await signIn(page, requester);
  await page.getByRole('link', { name: 'Base de conocimiento' }).first().click();
  await page.getByLabel('Buscar en la base de conocimiento').fill(`vpn ${tag}`);
  // The search is kept in the address, so it survives a reload and can be shared.
  await expect(page).toHaveURL(/[?&]q=vpn/);
  const result = page.getByRole('link', { name: `VPN inestable ${tag}` });
  await expect(async () => {
    await page.reload();
    await expect(result).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'Artículos recientes' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: `VPN procedimiento interno ${tag}` })).toHaveCount(0);
  await checkPage(page, 'knowledge-search');
  await result.click();
  await expect(page.getByRole('heading', { name: `VPN inestable ${tag}`, level: 1 })).toBeVisible();
  await expect(page.getByText('Actualizar el cliente VPN.')).toBeVisible();
  await checkPage(page, 'knowledge-article');

  // The internal article by its address: a clear refusal, not its text.
  await page.goto(`${baseUrl()}/kb/${hidden.id}`);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByText('procedimiento interno')).toHaveCount(0);
});

test('a person changes their password; a wrong current one is named, in words', async ({ page }) => {
  const admin = await Api.admin();
  const email = `clave.${unique()}@salud.gob.ar`;
  await createAccount(admin, { email, name: 'Pablo Clave', role: 'requester', jurisdiction: 'SALUD' });
  await signIn(page, email);
  await page.getByRole('link', { name: 'Mi cuenta' }).first().click();
  await expect(page.getByRole('heading', { name: 'Mi cuenta', level: 1 })).toBeVisible();
  await checkPage(page, 'account');

  await page.getByLabel('Contraseña actual').fill('no-es-la-actual');
  await page.getByLabel(/^Contraseña nueva/).fill('una frase nueva y larga');
  await page.getByLabel('Repita la contraseña nueva').fill('una frase nueva y larga');
  await page.getByRole('button', { name: 'Guardar la contraseña' }).click();
  await expect(page.getByText('no coincide con la contraseña actual')).toBeVisible();

  await page.getByLabel('Contraseña actual').fill(PASSWORD);
  await page.getByRole('button', { name: 'Guardar la contraseña' }).click();
  await expect(page.getByText('su contraseña cambió')).toBeVisible();
  await expect(Api.login(email, 'una frase nueva y larga')).resolves.toBeInstanceOf(Api);
});
