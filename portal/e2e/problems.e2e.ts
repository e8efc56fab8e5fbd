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
 * linking an incident; analyses it (root cause, workaround, actions); a supervisor links another incident from
 * the ticket's workspace and unlinks it; the list filters by status and area with its counts.
 */
test('an area records a problem, analyses it and links incidents from the list, the problem page and the workspace', async ({
  browser,
}) => {
  test.setTimeout(300_000);
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

  // The analysis: a KB article that does not exist is refused by name; root cause, workaround, an action.
  await page.getByRole('button', { name: 'Editar' }).click();
  const edit = page.getByRole('dialog', { name: 'Editar el problema' });
  await edit.getByLabel('Causa raíz').fill('El certificado del servidor de correo vence cada noche.');
  await edit.getByLabel('Solución temporal').fill('Reenviar la cola del servidor.');
  await edit.getByLabel('Estado').selectOption('solucion_temporal');
  await edit
    .getByLabel('Artículo de la base de conocimiento (identificador)')
    .fill('7d4c1b7e-0000-4000-8000-000000000000');
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(edit.getByText(/nombra un artículo de la base de conocimiento que no existe/).first()).toBeVisible();
  await checkPage(page, 'problem-edit-refused');
  await edit.getByLabel('Artículo de la base de conocimiento (identificador)').fill('');
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText('Solución temporal', { exact: true }).first()).toBeVisible();
  await page.getByLabel('Acción realizada').fill(`Se renovó el certificado (${tag}).`);
  await page.getByRole('button', { name: 'Registrar la acción' }).click();
  await expect(page.getByText(`Se renovó el certificado (${tag}).`)).toBeVisible();
  await expect(page.getByText(/Ulises Infraestructura, /).first()).toBeVisible();
  await checkPage(page, 'problem-page');

  const [stored] = (await agentApi.send<{ problems: Problem[] }>('GET', `/problems?ticket=${first}`)).problems;
  expect(stored).toMatchObject({ status: 'solucion_temporal' });

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
  await section.getByRole('button', { name: 'Desvincular del problema' }).click();
  await expect(section.getByText('Este ticket no está vinculado a un problema.')).toBeVisible();
  await expect(section.getByRole('link', { name: 'Crear un problema desde este ticket' })).toBeVisible();

  await supervisorContext.close();
  await context.close();
});
