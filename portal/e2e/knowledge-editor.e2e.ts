import { expect, test } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

interface Article {
  id: string;
  revision: number;
  title: string;
  problem: string;
  solutionSteps: string[];
  tags: string[];
  status: string;
  visibility: string;
}

test('staff write an article in Markdown with a preview, see near-duplicates before saving, publish it and read what each version changed', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const operator = { email: `operador.kb.${tag}@cau.gob.ar`, name: 'Olga Operadora', role: 'operator', area: 'L1' };
  const requester = { email: `ana.kb.${tag}@salud.gob.ar`, name: 'Ana Solicitante', role: 'requester' };
  for (const account of [operator, requester]) await createAccount(admin, account);
  const operatorApi = await Api.login(operator.email, PASSWORD);
  const problem = `La impresora del segundo piso ${tag} deja los trabajos en cola y no imprime`;
  const existing = await operatorApi.send<Article>('POST', '/kb/articles', {
    title: `La impresora ${tag} no imprime`,
    problem,
    solutionSteps: ['Reiniciar la cola de impresión'],
    category: 'impresoras',
    tags: ['impresion'],
    visibility: 'public',
  });
  await operatorApi.send('POST', `/kb/articles/${existing.id}/publish`);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, operator.email);
  await page.goto(`${baseUrl()}/kb`);
  await page.getByRole('link', { name: 'Nuevo artículo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nuevo artículo' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Artículo' });
  const preview = page.getByRole('region', { name: 'Vista previa' });

  // Required fields are named before anything reaches the service.
  await form.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(form.getByText('Este dato es obligatorio.').first()).toBeVisible();

  await form.getByLabel('Título').fill(`Impresora ${tag} que no imprime`);
  await form.getByLabel(/^Problema/).fill(`${problem}.\n\nPasa con **todas** las PC. <b>sin html</b>`);
  // The near-duplicate is shown while writing, before saving.
  const similar = form.getByRole('status').filter({ hasText: 'Ya hay un artículo parecido' });
  await expect(similar.getByRole('link', { name: existing.title })).toBeVisible();

  await form.getByRole('textbox', { name: 'Paso 1', exact: true }).fill('Abrir **Dispositivos e impresoras**');
  await form.getByRole('button', { name: 'Agregar un paso' }).click();
  await form.getByRole('textbox', { name: 'Paso 2', exact: true }).fill('Cancelar todos los trabajos de la cola');
  // Reordered with the keyboard alone.
  await form.getByRole('button', { name: 'Bajar el paso 1' }).focus();
  await page.keyboard.press('Enter');
  await expect(form.getByRole('textbox', { name: 'Paso 1', exact: true })).toHaveValue(
    'Cancelar todos los trabajos de la cola',
  );
  await form.getByLabel('Categoría').fill('impresoras');
  await form.getByLabel('Etiquetas').fill('cola');
  await form.getByLabel('Etiquetas').press('Enter');
  await form.getByLabel('Etiquetas').fill(`piso-${tag}`);
  await form.getByLabel('Etiquetas').press('Enter');

  // The preview renders the Markdown, and shows raw HTML as text.
  await expect(preview.getByRole('heading', { name: `Impresora ${tag} que no imprime` })).toBeVisible();
  await expect(preview.locator('strong', { hasText: 'todas' })).toBeVisible();
  await expect(preview.getByText('<b>sin html</b>', { exact: false })).toBeVisible();
  await expect(preview.locator('b')).toHaveCount(0);
  await expect(preview.getByRole('listitem').first()).toHaveText('Cancelar todos los trabajos de la cola');
  await checkPage(page, 'kb-editor');

  // The service refuses the near-duplicate too; the author checks it and creates the article anyway.
  await form.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'No se creó: ya hay un artículo parecido' })).toBeVisible();
  await form.getByRole('button', { name: 'Crear de todos modos' }).click();
  const panel = page.getByRole('region', { name: 'Estado y uso del artículo' });
  await expect(panel.getByText('Borrador', { exact: true })).toBeVisible();
  const articleId = page.url().split('/kb/')[1]!;
  const stored = await operatorApi.send<Article>('GET', `/kb/articles/${articleId}`);
  expect(stored).toMatchObject({
    title: `Impresora ${tag} que no imprime`,
    solutionSteps: ['Cancelar todos los trabajos de la cola', 'Abrir **Dispositivos e impresoras**'],
    tags: ['cola', `piso-${tag}`],
    status: 'draft',
    visibility: 'public',
  });

  await panel.getByRole('button', { name: 'Publicar' }).click();
  await expect(panel.getByText('Publicado', { exact: true })).toBeVisible();
  await panel.getByRole('link', { name: 'Editar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Editar el artículo' })).toBeVisible();
  await form.getByLabel('Título').fill(`Impresora láser ${tag} que no imprime`);
  await form.getByRole('radio', { name: /^Interno/ }).check();
  await form.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Impresora láser ${tag} que no imprime` })).toBeVisible();
  await expect(panel.getByText('Interno', { exact: true })).toBeVisible();

  const versions = page.getByRole('region', { name: 'Versiones' });
  await expect(versions.getByRole('listitem')).toHaveCount(3);
  await versions.getByRole('button', { name: 'Ver cambios' }).first().click();
  await expect(versions.locator('ins', { hasText: 'láser' })).toBeVisible();
  await expect(versions.locator('del', { hasText: 'Público' })).toBeVisible();
  await expect(versions.locator('ins', { hasText: 'Interno' })).toBeVisible();
  await checkPage(page, 'kb-article-staff');
  const edited = await operatorApi.send<Article>('GET', `/kb/articles/${articleId}`);
  expect(edited).toMatchObject({ title: `Impresora láser ${tag} que no imprime`, visibility: 'internal' });

  // A requester has no editor, and reads only published public articles (this one is now internal).
  const requesterContext = await browser.newContext();
  const reader = await requesterContext.newPage();
  await signIn(reader, requester.email);
  await reader.goto(`${baseUrl()}/kb/nuevo`);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Página no encontrada');
  await reader.goto(`${baseUrl()}/kb/${existing.id}`);
  await expect(reader.getByRole('heading', { level: 1, name: existing.title })).toBeVisible();
  await expect(reader.getByRole('region', { name: 'Estado y uso del artículo' })).toHaveCount(0);
  await expect(reader.getByRole('link', { name: 'Nuevo artículo' })).toHaveCount(0);
  await reader.goto(`${baseUrl()}/kb/${articleId}/editar`);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Página no encontrada');
  await requesterContext.close();
  await context.close();
});
