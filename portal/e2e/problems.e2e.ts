import { expect, test } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

interface Problem {
  id: string;
  number: number;
  status: string;
  tickets: Array<{ number: number }>;
  actions: Array<{ text: string }>;
}

/**
 * Problem records (issue 18; docs/domain.md § Post-assistance evaluation) in the portal: an area's agent records a problem with the keyboard,
 * linking an incident; analyses it (root cause, workaround and its article picked from a search, actions); a
 * supervisor links another incident from the ticket's workspace, sees the problem in the reports and unlinks it;
 * the list filters by status and area with its counts.
 */
test('an area records a problem, analyses it and links incidents from the list, the problem page and the workspace', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const admin = await Api.admin();
  const tag = unique();
  const agent = { email: `agente.uit.${tag}@cau.gob.ar`, name: 'Ulises Infraestructura', role: 'agent', area: 'UIT' };
  const supervisor = { email: `supervisora.${tag}@cau.gob.ar`, name: 'Sara Supervisora', role: 'supervisor' };
  const operator = { email: `operador.${tag}@cau.gob.ar`, name: 'Oscar Operador', role: 'operator', area: 'L1' };
  for (const account of [agent, supervisor, operator]) await createAccount(admin, account);
  const operatorApi = await Api.login(operator.email, PASSWORD);
  const agentApi = await Api.login(agent.email, PASSWORD);
  const register = (title: string, key: string) =>
    operatorApi.send<{ number: number }>(
      'POST',
      '/tickets',
      {
        channel: 'telefono',
        requester: { email: `rosa.${tag}@salud.gob.ar`, name: 'Rosa Requirente' },
        jurisdiction: 'SALUD',
        title,
        description: 'No llega el correo desde las 8.',
        type: 'incidente',
        category: 'correo-electronico',
        impact: 'medio',
        urgency: 'media',
      },
      { 'Idempotency-Key': `problem-${tag}-${key}` },
    );
  // The workaround's article, published and internal: staff find it by its words.
  const articleTitle = `Correo caído por la mañana: reenviar la cola ${tag}`;
  const article = await admin.send<{ id: string }>('POST', '/kb/articles', {
    title: articleTitle,
    problem: 'Los correos no llegan entre las 8 y las 9.',
    solutionSteps: ['Reenviar la cola del servidor de correo.'],
    category: 'correo-electronico',
    tags: ['correo'],
    visibility: 'internal',
    force: true,
  });
  await admin.send('POST', `/kb/articles/${article.id}/publish`);
  const first = (await register(`Sin correo ${tag}`, 'a')).number;
  const second = (await register(`Correo caído ${tag}`, 'b')).number;
  // Resolution learns of both through events: taking them waits for that, as linking would.
  await operatorApi.eventually('POST', `/tickets/${first}/take`, {});
  await operatorApi.eventually('POST', `/tickets/${second}/take`, {});

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, agent.email);
  await page.goto(`${baseUrl()}/problemas`);
  await expect(page.getByRole('heading', { level: 1, name: 'Problemas' })).toBeVisible();

  // Recorded with the keyboard alone.
  await page.getByRole('button', { name: 'Registrar un problema' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Registrar un problema' });
  await expect(dialog.getByLabel('Título')).toBeFocused();
  await page.keyboard.type(`Caídas del correo por la mañana ${tag}`);
  await expect(dialog.getByLabel('Área responsable')).toHaveValue('UIT');
  await dialog.getByLabel('Incidentes a vincular (números)').fill('doce');
  await dialog.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(dialog.getByText('Escriba números de ticket separados por comas o espacios.')).toBeVisible();
  await dialog.getByLabel('Incidentes a vincular (números)').fill(String(first));
  await dialog.getByLabel('Incidentes a vincular (números)').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Caídas del correo por la mañana ${tag}` })).toBeVisible({
    timeout: 60_000,
  });
  const incidents = page.locator('section[aria-labelledby="problem-incidents"]');
  await expect(incidents.getByRole('link', { name: `Ticket #${first}` })).toBeVisible();

  // The analysis: resolved without a root cause is refused by name; then root cause, workaround, its article
  // found by typing and picked by its title, an action.
  await page.getByRole('button', { name: 'Editar' }).click();
  const edit = page.getByRole('dialog', { name: 'Editar el problema' });
  await edit.getByLabel('Estado').selectOption('resuelto');
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(edit.getByText(/falta la causa raíz/).first()).toBeVisible();
  await checkPage(page, 'problem-edit-refused');
  await edit.getByLabel('Causa raíz').fill('El certificado del servidor de correo vence cada noche.');
  await edit.getByLabel('Solución temporal').fill('Reenviar la cola del servidor.');
  await edit.getByLabel('Estado').selectOption('solucion_temporal');
  const picker = edit.getByRole('combobox', { name: 'Artículo de la base de conocimiento' });
  await picker.fill(`reenviar ${tag}`);
  const option = page.getByRole('option', { name: articleTitle });
  await expect(option).toBeVisible();
  await checkPage(page, 'problem-article-picker');
  await option.click();
  await expect(picker).toHaveValue(articleTitle);
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText('Solución temporal', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: `Artículo: ${articleTitle}` })).toBeVisible();
  await page.getByLabel('Acción realizada').fill(`Se renovó el certificado (${tag}).`);
  await page.getByRole('button', { name: 'Registrar la acción' }).click();
  await expect(page.getByText(`Se renovó el certificado (${tag}).`)).toBeVisible();
  await expect(page.getByText(/Ulises Infraestructura, /).first()).toBeVisible();
  await checkPage(page, 'problem-page');

  const [stored] = (await agentApi.send<{ problems: Problem[] }>('GET', `/problems?ticket=${first}`)).problems;
  expect(stored).toMatchObject({ status: 'solucion_temporal' });
  const detail = await agentApi.send<{ workaroundArticleId: string | null }>('GET', `/problems/${stored!.id}`);
  expect(detail.workaroundArticleId).toBe(article.id);

  // The list: filtered by status and area, with its counts.
  await page.getByRole('link', { name: 'Volver a los problemas' }).click();
  await page.getByLabel('Estado').selectOption('solucion_temporal');
  await page.getByLabel('Área responsable').selectOption('UIT');
  const row = page.getByRole('row').filter({ hasText: tag });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(3)).toHaveText('1');
  await checkPage(page, 'problems-list');

  // A supervisor links the second incident from its workspace, sees the problem there, and unlinks it.
  const supervisorContext = await browser.newContext();
  const desk = await supervisorContext.newPage();
  await signIn(desk, supervisor.email);
  await desk.goto(`${baseUrl()}/tickets/${second}`);
  const section = desk.locator('section[aria-labelledby="ticket-problem-title"]');
  await expect(section.getByText('Este ticket no está vinculado a un problema.')).toBeVisible();
  await section
    .getByLabel('Problema abierto')
    .selectOption({ label: `PRB-${stored!.number} — Caídas del correo por la mañana ${tag}` });
  await section.getByRole('button', { name: 'Vincular' }).click();
  await expect(section.getByRole('link', { name: new RegExp(`PRB-${stored!.number}`) })).toBeVisible();
  await checkPage(desk, 'workspace-problem');
  const linked = await agentApi.send<Problem>('GET', `/problems/${stored!.id}`);
  expect(linked.tickets.map((ticket) => ticket.number)).toEqual([first, second]);
  // The reports show the open problem with its two incidents (reporting learns of the links through events).
  // The dashboard keeps its answers a minute: opened once reporting has counted the second link.
  const supervisorApi = await Api.login(supervisor.email, PASSWORD);
  const month = new Date().toISOString().slice(0, 7);
  await expect
    .poll(
      async () => {
        const report = await supervisorApi.send<{ problems: Array<{ id: string; incidents: number }> }>(
          'GET',
          `/reports/problems?from=${month}-01&to=${nextMonth(month)}-01`,
        );
        return report.problems.find((problem) => problem.id === stored!.id)?.incidents;
      },
      { timeout: 60_000 },
    )
    .toBe(2);
  await desk.goto(`${baseUrl()}/informes`);
  const reported = desk.getByTestId('reports-problems').getByRole('row').filter({ hasText: tag });
  await expect(reported.getByRole('cell').nth(2)).toHaveText('2', { timeout: 60_000 });
  await expect(reported.getByRole('link', { name: `PRB-${stored!.number}` })).toBeVisible();
  await reported.scrollIntoViewIfNeeded();
  await checkPage(desk, 'reports-problems');
  await desk.goBack();
  await section.getByRole('button', { name: 'Desvincular del problema' }).click();
  await expect(section.getByText('Este ticket no está vinculado a un problema.')).toBeVisible();
  await expect(section.getByRole('link', { name: 'Crear un problema desde este ticket' })).toBeVisible();

  await supervisorContext.close();
  await context.close();
});

function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}
