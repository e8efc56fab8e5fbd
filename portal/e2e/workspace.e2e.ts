import { expect, test, type Page } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

interface TicketView {
  area: string | null;
  status: string;
  timeline: Array<{ type: string; summary: { es: string; en: string } }>;
}

/** The workspace's own header card (the page's shell has a header of its own). */
const ticketHeader = (page: Page) => page.locator('header', { has: page.getByRole('heading', { level: 1 }) });
const timeline = (page: Page) => page.getByRole('region', { name: /^Seguimiento/ });
const actions = (page: Page) => page.getByRole('region', { name: 'Acciones' });

async function openWorkspace(page: Page, number: number, title: string): Promise<void> {
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('the desk and an area work a ticket in the workspace, from registration to closure', async ({ browser }) => {
  test.setTimeout(600_000);
  const admin = await Api.admin();
  const tag = unique();
  const people = {
    operator: { email: `operador.${tag}@cau.gob.ar`, name: 'Oscar Operador', role: 'operator', area: 'L1' },
    agent: { email: `agente.uit.${tag}@cau.gob.ar`, name: 'Ulises Infraestructura', role: 'agent', area: 'UIT' },
    supervisor: { email: `supervisora.${tag}@cau.gob.ar`, name: 'Sara Supervisora', role: 'supervisor', area: 'L1' },
  };
  for (const account of Object.values(people)) await createAccount(admin, account);
  const operatorApi = await Api.login(people.operator.email, PASSWORD);
  const supervisorApi = await Api.login(people.supervisor.email, PASSWORD);

  // An article the area will find beside the solution.
  const article = await operatorApi.send<{ id: string }>('POST', '/kb/articles', {
    title: `Carpeta compartida sin acceso ${tag}`,
    problem: `La carpeta compartida del servidor de archivos no abre (${tag}).`,
    solutionSteps: [`Reiniciar el servicio de archivos ${tag}.`, 'Comprobar los permisos de la carpeta.'],
    category: 'red-e-internet',
    tags: [tag],
    visibility: 'internal',
    force: true,
  });
  await operatorApi.send('POST', `/kb/articles/${article.id}/publish`);

  // A phone call registered by the desk through the API.
  const title = `No abre la carpeta compartida ${tag}`;
  const { number } = await operatorApi.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `rosa.${tag}@salud.gob.ar`, name: 'Rosa Requirente', phone: '+54 2954 555-0101' },
      jurisdiction: 'SALUD',
      title,
      description: 'La carpeta compartida del área de compras no abre desde ninguna computadora.',
      type: 'incidente',
      category: 'red-e-internet',
      impact: 'medio',
      urgency: 'media',
    },
    { 'Idempotency-Key': `workspace-${tag}` },
  );
  await expect
    .poll(async () => (await operatorApi.send<TicketView>('GET', `/tickets/${number}`).catch(() => null))?.area, {
      timeout: 60_000,
    })
    .toBe('L1');

  // The operator opens it: everything at a glance.
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signIn(operator, people.operator.email);
  await openWorkspace(operator, number, title);
  const header = ticketHeader(operator);
  await expect(header.getByText('Rosa Requirente')).toBeVisible();
  await expect(header.getByRole('link', { name: `rosa.${tag}@salud.gob.ar` })).toBeVisible();
  await expect(header.getByRole('link', { name: '+54 2954 555-0101' })).toBeVisible();
  await expect(header.getByText('Sin asignar', { exact: true })).toBeVisible();
  await expect(header.getByText(/Quedan|Vencido hace/).first()).toBeVisible();
  await expect(operator.getByRole('img', { name: 'Recorrido del ticket: L1' })).toBeVisible();
  await checkPage(operator, 'workspace-open');

  // Take, by its key.
  await expect(actions(operator).getByRole('button', { name: 'Tomar' })).toBeVisible();
  await operator.keyboard.press('t');
  await expect(header.getByText('Oscar Operador', { exact: true })).toBeVisible();
  await expect(timeline(operator).getByText('Tomado por Oscar Operador')).toBeVisible();

  await actions(operator).getByRole('button', { name: 'Estimar' }).click();
  const estimate = operator.getByRole('dialog', { name: 'Estimar' });
  await estimate.getByLabel('Tiempo estimado de solución (minutos)').fill('90');
  await expect(estimate.getByText('1 h 30 min')).toBeVisible();
  await estimate.getByLabel('Nota (opcional)').fill('Revisar primero el servidor de archivos.');
  await estimate.getByRole('button', { name: 'Registrar la estimación' }).click();
  await expect(estimate).toBeHidden();
  await expect(timeline(operator).getByText(/Estimación: 90 min/)).toBeVisible();

  await actions(operator).getByRole('button', { name: 'Registrar trabajo' }).click();
  const work = operator.getByRole('dialog', { name: 'Registrar trabajo' });
  await work.getByLabel('Tiempo insumido (minutos)').fill('20');
  await work.getByRole('button', { name: 'Registrar el trabajo' }).click();
  // Without what was done, the form says so and nothing is sent.
  await expect(work.getByText('Este dato es obligatorio.')).toBeVisible();
  await work.getByLabel('Qué se hizo').fill('Se verificó la red del área: funciona.');
  await work.getByRole('button', { name: 'Registrar el trabajo' }).click();
  await expect(work).toBeHidden();
  await expect(timeline(operator).getByText(/Trabajo registrado: 20 min/)).toBeVisible();

  // A reply being written survives a reload, and is gone once sent.
  await expect(operator.getByRole('textbox', { name: /^Respuesta/ })).toBeVisible();
  await operator.keyboard.press('r');
  await expect(operator.getByRole('textbox', { name: /^Respuesta/ })).toBeFocused();
  await operator.keyboard.type('Estamos revisando el servidor de archivos.');
  await operator.reload();
  await expect(operator.getByRole('textbox', { name: /^Respuesta/ })).toHaveValue(
    'Estamos revisando el servidor de archivos.',
  );
  await operator.getByRole('button', { name: 'Enviar la respuesta' }).click();
  await expect(
    timeline(operator)
      .getByText(/Estamos revisando el servidor de archivos/)
      .first(),
  ).toBeVisible();
  await operator.reload();
  await expect(operator.getByRole('textbox', { name: /^Respuesta/ })).toHaveValue('');

  // Derive, by its key: only the targets the graph allows from L1.
  await expect(actions(operator).getByRole('button', { name: 'Derivar' })).toBeVisible();
  await operator.keyboard.press('d');
  const derive = operator.getByRole('dialog', { name: 'Derivar' });
  // As many choices as the graph has derivations out of L1 (other tests may have added areas to it).
  const graph = await operatorApi.send<{ edges: Array<{ from: string }> }>('GET', '/routing/graph');
  await expect(derive.getByRole('radio')).toHaveCount(graph.edges.filter((edge) => edge.from === 'L1').length);
  await derive.getByRole('radio', { name: /Escalar a UIT/ }).check();
  await derive.getByRole('button', { name: 'Derivar' }).click();
  await expect(derive.getByText('Este dato es obligatorio.')).toBeVisible();
  await derive.getByLabel('Motivo').fill('Falla del servidor de archivos: lo atiende Infraestructura.');
  await checkPage(operator, 'workspace-derive');
  await derive.getByRole('button', { name: 'Derivar' }).click();
  await expect(derive).toBeHidden();
  await expect(header.getByText('UIT · Unidad de Infraestructura Tecnológica')).toBeVisible();
  await expect(operator.getByRole('img', { name: 'Recorrido del ticket: L1 → UIT' })).toBeVisible();
  // At UIT, the operator may only write, and (as the service desk) correct the classification.
  await expect(actions(operator).getByRole('button')).toHaveText(['Reclasificar']);

  // The UIT agent takes it and works on it.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signIn(agent, people.agent.email);
  await openWorkspace(agent, number, title);
  await actions(agent).getByRole('button', { name: 'Tomar' }).click();
  await expect(ticketHeader(agent).getByText('Ulises Infraestructura', { exact: true })).toBeVisible();

  // While the agent writes a work log, a supervisor escalates it to UPAT: the page follows (live), the form
  // keeps what was written, and the service refuses it.
  await actions(agent).getByRole('button', { name: 'Registrar trabajo' }).click();
  const refusedWork = agent.getByRole('dialog', { name: 'Registrar trabajo' });
  await refusedWork.getByLabel('Qué se hizo').fill('Se reinició el servidor.');
  await refusedWork.getByLabel('Tiempo insumido (minutos)').fill('15');
  await supervisorApi.send('POST', `/tickets/${number}/derivations`, {
    to: 'UPAT',
    reason: 'Lo atiende Producción: hay que actualizar el software del servidor.',
  });
  await expect(refusedWork.getByRole('alert').filter({ hasText: 'El ticket cambió mientras escribías' })).toBeVisible();
  await refusedWork.getByRole('button', { name: 'Registrar el trabajo' }).click();
  await expect(refusedWork.getByRole('alert').filter({ hasText: 'solo los miembros del área UPAT' })).toBeVisible();
  await checkPage(agent, 'workspace-refused');
  await refusedWork.getByRole('button', { name: 'Cancelar' }).click();
  // The page read the ticket again: it is at UPAT, nothing of the refused work was recorded.
  await expect(ticketHeader(agent).getByText(/^UPAT · /)).toBeVisible();
  const afterRefusal = await operatorApi.send<TicketView>('GET', `/tickets/${number}`);
  expect(afterRefusal.timeline.some((entry) => entry.summary.es.includes('Se reinició el servidor'))).toBe(false);

  // UPAT coordinates the response back to UIT, which applies it.
  await supervisorApi.send('POST', `/tickets/${number}/derivations`, {
    to: 'UIT',
    kind: 'coordinate',
    reason: 'Actualización publicada: UIT la aplica en el servidor.',
  });
  await expect(async () => {
    await agent.reload();
    await expect(actions(agent).getByRole('button', { name: 'Tomar' })).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  await agent.keyboard.press('t');
  await expect(ticketHeader(agent).getByText('Ulises Infraestructura', { exact: true })).toBeVisible();

  // The solution, with the knowledge base beside it; its draft survives a reload.
  await expect
    .poll(async () => (await operatorApi.send<{ items: unknown[] }>('GET', `/kb/search?q=${tag}`)).items.length, {
      timeout: 60_000,
    })
    .toBeGreaterThan(0);
  await expect(actions(agent).getByRole('button', { name: 'Registrar solución' })).toBeVisible();
  await agent.keyboard.press('s');
  let solution = agent.getByRole('dialog', { name: 'Registrar solución' });
  await solution.getByRole('textbox', { name: /^Solución/ }).fill('Se aplicó la actualización de UPAT.');
  await solution.getByRole('button', { name: 'Cerrar', exact: true }).click();
  await agent.reload();
  await actions(agent).getByRole('button', { name: 'Registrar solución' }).click();
  solution = agent.getByRole('dialog', { name: 'Registrar solución' });
  const solutionText = solution.getByRole('textbox', { name: /^Solución/ });
  await expect(solutionText).toHaveValue('Se aplicó la actualización de UPAT.');
  await solution.getByLabel('Buscar artículos').fill(tag);
  await solution
    .getByRole('article')
    .filter({ hasText: `Carpeta compartida sin acceso ${tag}` })
    .getByRole('button', {
      name: 'Usar en la solución',
    })
    .click();
  await expect(solutionText).toHaveValue(new RegExp(`1\\. Reiniciar el servicio de archivos ${tag}\\.`));
  await expect(solution.getByText(`Artículo vinculado: Carpeta compartida sin acceso ${tag}`)).toBeVisible();
  await checkPage(agent, 'workspace-solution');
  await solution.getByRole('button', { name: 'Registrar la solución' }).click();
  await expect(solution).toBeHidden();
  await expect(timeline(agent).getByText('Solución registrada', { exact: true })).toBeVisible();

  // UIT returns the solution to the desk.
  await expect(actions(agent).getByRole('button', { name: 'Derivar' })).toBeVisible();
  await agent.keyboard.press('d');
  const giveBack = agent.getByRole('dialog', { name: 'Derivar' });
  await giveBack.getByRole('radio', { name: /Devolver la solución a L1/ }).check();
  await giveBack.getByLabel('Motivo').fill('Servidor actualizado y carpeta accesible de nuevo.');
  await giveBack.getByRole('button', { name: 'Derivar' }).click();
  await expect(ticketHeader(agent).getByText(/^L1 · /)).toBeVisible();
  await expect(agent.getByRole('img', { name: 'Recorrido del ticket: L1 → UIT → UPAT → UIT → L1' })).toBeVisible();

  // The desk verifies with the requester and submits it for review.
  await operator.reload();
  await expect(actions(operator).getByRole('button', { name: 'Enviar a revisión' })).toBeVisible();
  await operator.keyboard.press('v');
  const submit = operator.getByRole('dialog', { name: 'Enviar a revisión' });
  await expect(submit.getByText('Se aplicó la actualización de UPAT.')).toBeVisible();
  await submit.getByRole('button', { name: 'Enviar a revisión' }).click();
  await expect(submit.getByText('Antes de enviarla, verifique la solución con el solicitante.')).toBeVisible();
  await submit.getByLabel('Verifiqué la solución con el solicitante').check();
  // The article the area used, found by the one who submits (it was chosen in another browser).
  await submit.getByLabel('Artículo de la base de conocimiento (opcional)').fill(tag);
  await operator.getByRole('option', { name: `Carpeta compartida sin acceso ${tag}` }).click();
  await submit.getByRole('button', { name: 'Enviar a revisión' }).click();
  await expect(submit).toBeHidden();
  await expect(ticketHeader(operator).getByText('Resuelto', { exact: true })).toBeVisible();
  await expect(timeline(operator).getByRole('link', { name: 'ver en la base de conocimiento' })).toBeVisible();

  // The supervisor returns it once with observations, then approves.
  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signIn(supervisor, people.supervisor.email);
  await openWorkspace(supervisor, number, title);
  await actions(supervisor).getByRole('button', { name: 'Revisar' }).click();
  let review = supervisor.getByRole('dialog', { name: 'Revisar' });
  await review.getByLabel('Devolver a la Mesa de Servicios con observaciones').check();
  await review.getByLabel('Observaciones: qué hay que corregir').fill('Falta indicar qué versión se instaló.');
  await review.getByRole('button', { name: 'Devolver con observaciones' }).click();
  await expect(review).toBeHidden();
  await expect(timeline(supervisor).getByText('Falta indicar qué versión se instaló.').first()).toBeVisible();
  await expect(ticketHeader(supervisor).getByText('En curso', { exact: true })).toBeVisible();

  await operator.reload();
  await actions(operator).getByRole('button', { name: 'Enviar a revisión' }).click();
  const again = operator.getByRole('dialog', { name: 'Enviar a revisión' });
  await again.getByLabel('Verifiqué la solución con el solicitante').check();
  await again.getByLabel('Nota para el supervisor (opcional)').fill('Versión 2.4.1 instalada.');
  await again.getByRole('button', { name: 'Enviar a revisión' }).click();
  await expect(ticketHeader(operator).getByText('Resuelto', { exact: true })).toBeVisible();

  await expect(async () => {
    await supervisor.reload();
    await expect(actions(supervisor).getByRole('button', { name: 'Revisar' })).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  await supervisor.keyboard.press('a');
  review = supervisor.getByRole('dialog', { name: 'Revisar' });
  await review.getByRole('button', { name: 'Aprobar y cerrar' }).click();
  await expect(review).toBeHidden();
  await expect(ticketHeader(supervisor).getByText('Cerrado', { exact: true })).toBeVisible();

  // An article from the ticket, with similar ones shown first.
  await actions(supervisor).getByRole('button', { name: 'Crear artículo desde este ticket' }).click();
  const draft = supervisor.getByRole('dialog', { name: 'Crear artículo desde este ticket' });
  await expect(draft.getByRole('button', { name: /Crear el borrador/ })).toBeVisible();
  await draft.getByRole('button', { name: /Crear el borrador/ }).click();
  await expect(draft.getByText('Borrador creado')).toBeVisible();
  await draft.getByRole('button', { name: 'Cerrar', exact: true }).click();

  // Every step the API records is in the page, with the derivations' reasons and the observations.
  const view = await supervisorApi.send<TicketView>('GET', `/tickets/${number}`);
  expect(view.status).toBe('cerrado');
  for (const entry of view.timeline) {
    await expect(timeline(supervisor).getByText(entry.summary.es, { exact: true }).first()).toBeVisible();
  }
  await expect(
    timeline(supervisor).getByText('Falla del servidor de archivos: lo atiende Infraestructura.').first(),
  ).toBeVisible();
  await checkPage(supervisor, 'workspace-closed');

  await operatorContext.close();
  await agentContext.close();
  await supervisorContext.close();
});

test('a requester opening a ticket gets their own page, not the workspace', async ({ page }) => {
  const admin = await Api.admin();
  const tag = unique();
  const email = `rolo.${tag}@salud.gob.ar`;
  await createAccount(admin, { email, name: 'Rolo Requirente', role: 'requester', jurisdiction: 'SALUD' });
  await createAccount(admin, { email: `op.${tag}@cau.gob.ar`, name: 'Op', role: 'operator', area: 'L1' });
  const operatorApi = await Api.login(`op.${tag}@cau.gob.ar`, PASSWORD);
  const { number } = await operatorApi.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email, name: 'Rolo Requirente' },
      jurisdiction: 'SALUD',
      title: `Sin impresora ${tag}`,
      description: 'No imprime.',
      type: 'incidente',
      category: 'impresoras',
      impact: 'bajo',
      urgency: 'baja',
    },
    { 'Idempotency-Key': `requester-${tag}` },
  );
  await operatorApi.eventually('GET', `/tickets/${number}`);
  const workspaceChunks: string[] = [];
  page.on('request', (request) => {
    if (/WorkspacePage/.test(request.url())) workspaceChunks.push(request.url());
  });
  await signIn(page, email);
  await openWorkspace(page, number, `Sin impresora ${tag}`);
  await expect(page.getByRole('heading', { name: 'Responder' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Acciones' })).toHaveCount(0);
  expect(workspaceChunks).toEqual([]);
});
