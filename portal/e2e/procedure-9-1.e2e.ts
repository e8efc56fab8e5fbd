import { expect, test } from '@playwright/test';
import {
  approve,
  checkAgainstApi,
  openWorkspace,
  recordSolution,
  returnWithObservations,
  staff,
  submitForReview,
  type TicketView,
} from './procedures';
import { Api, baseUrl, checkPage, linksIn, unique, waitForMail } from './support';

/*
 * Procedure 9.1 (docs/domain.md § Procedure 9.1): a phone call the desk solves at first contact with the knowledge base; the
 * supervisor's review finds something missing and returns it with observations, the operator completes
 * it and resubmits, the supervisor approves and closes, and the requester is mailed the closure with the
 * survey link. The operator and the supervisor each work in their own browser.
 */
test('9.1: the desk registers a call, solves it with an article, and the supervisor returns it once before closing', async ({
  browser,
}) => {
  // Two people in two browsers, a registration and three reviews on a busy two-core machine.
  test.setTimeout(420_000);
  const admin = await Api.admin();
  const tag = unique();
  const operator = await staff(browser, admin, {
    email: `operadora.${tag}@cau.gob.ar`,
    name: 'Olga Operadora',
    role: 'operator',
    area: 'L1',
  });
  const supervisor = await staff(browser, admin, {
    email: `supervisor.${tag}@cau.gob.ar`,
    name: 'Sergio Supervisor',
    role: 'supervisor',
    area: 'L1',
  });

  // Juana called before: the directory knows her, with the jurisdiction of that ticket.
  const requesterEmail = `juana.${tag}@salud.gob.ar`;
  await operator.api.send(
    'POST',
    '/tickets',
    {
      channel: 'email',
      requester: { name: 'Juana Pérez', email: requesterEmail, phone: '2954 43-9876' },
      jurisdiction: 'SALUD',
      title: `Consulta anterior ${tag}`,
      description: 'Pidió el instructivo de la VPN.',
      type: 'solicitud',
      category: 'correo-electronico',
      impact: 'bajo',
      urgency: 'baja',
    },
    { 'Idempotency-Key': `previous-${tag}` },
  );
  await expect
    .poll(
      async () =>
        (
          await operator.api.send<{ items: unknown[] }>(
            'GET',
            `/requesters?search=${encodeURIComponent(`juana ${tag}`)}`,
          )
        ).items.length,
      { timeout: 60_000 },
    )
    .toBe(1);

  const articleTitle = `VPN sin conexión desde casa ${tag}`;
  const article = await admin.send<{ id: string }>('POST', '/kb/articles', {
    title: articleTitle,
    problem: 'El cliente de VPN no conecta desde fuera de la oficina.',
    cause: 'El certificado del cliente venció.',
    solutionSteps: ['Abrir el cliente de VPN.', 'Renovar el certificado.', 'Conectar de nuevo.'],
    category: 'red-e-internet',
    tags: ['vpn'],
    visibility: 'internal',
    force: true,
  });
  await admin.send('POST', `/kb/articles/${article.id}/publish`);

  // 9.1 steps 1–2: the call, and the caller found by what she says, with the keyboard alone.
  const page = operator.page;
  await page.goto(`${baseUrl()}/consola/registrar`);
  await expect(page.getByRole('heading', { name: 'Registrar un pedido', level: 1 })).toBeVisible();
  const finder = page.getByRole('combobox', { name: /Buscar solicitante/ });
  await finder.focus();
  await page.keyboard.type(`juana.${tag}`);
  await expect(page.getByRole('status').filter({ hasText: 'Se encontró una persona.' })).toBeAttached();
  const found = page.getByRole('option', { name: new RegExp(`Juana Pérez.*${requesterEmail}`) });
  await expect(found).toBeVisible();
  await expect(page.getByRole('option', { name: `Persona nueva: «juana.${tag}»` })).toBeVisible();
  await checkPage(page, 'procedure-9-1-finder');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox')).toBeHidden();
  const requesterBox = page.getByRole('group', { name: 'Solicitante' });
  await expect(requesterBox.getByRole('textbox', { name: /Nombre y apellido/ })).toHaveValue('Juana Pérez');
  await expect(requesterBox.getByRole('textbox', { name: /Correo electrónico/ })).toHaveValue(requesterEmail);
  await expect(requesterBox.getByRole('textbox', { name: /Teléfono/ })).toHaveValue('2954 43-9876');
  await expect(requesterBox.getByRole('textbox', { name: /Jurisdicción/ })).toHaveValue('SALUD');
  await expect(requesterBox.getByText('Datos de Juana Pérez completados; jurisdicción SALUD')).toBeVisible();

  // Step 3: the knowledge base first; the article the subject brings up solves the call.
  await page.getByRole('textbox', { name: /Asunto/ }).fill(articleTitle);
  await page
    .getByRole('textbox', { name: /Descripción/ })
    .fill('Llama desde su casa: la VPN no conecta desde ayer y necesita el sistema de expedientes.');
  const suggestion = page.getByRole('complementary').getByRole('button', { name: articleTitle });
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Renovar el certificado.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Resuelto en el primer contacto con este artículo' }).click();
  await expect(page.getByRole('textbox', { name: /Solución/ })).toHaveValue(/2\. Renovar el certificado\./);
  await page.getByRole('combobox', { name: /^Tipo/ }).click();
  await page.getByRole('option', { name: 'Incidente', exact: true }).click();
  await page.getByRole('combobox', { name: /^Categoría/ }).click();
  await page.getByRole('option', { name: 'Red e internet' }).click();
  await page.getByLabel('Bajo: una persona').check();
  await page.getByLabel('Media: trabaja con dificultad').check();
  await page.getByLabel('Verifiqué con el solicitante que el problema quedó resuelto').check();
  await page.getByRole('button', { name: 'Registrar y dar por resuelto' }).click();
  const done = page.getByRole('status', { name: /Ticket n\.º \d+ resuelto en el primer contacto/ });
  await expect(done).toBeVisible();
  const number = Number((await done.textContent())!.match(/\d+/)![0]);
  await expect(page.getByText('Pasarlo a revisión del supervisor — hecho')).toBeVisible();
  await checkPage(page, 'procedure-9-1-registered');

  const registered = await operator.api.eventually<TicketView & { channel: string; jurisdiction: string }>(
    'GET',
    `/tickets/${number}`,
  );
  expect(registered).toMatchObject({ channel: 'telefono', jurisdiction: 'SALUD' });

  // Steps 9–10: the supervisor returns it with observations, in the workspace.
  await openWorkspace(supervisor.page, number, articleTitle);
  const observations = 'Indique qué certificado se renovó y hasta cuándo vale.';
  await returnWithObservations(supervisor, observations);
  await checkPage(supervisor.page, 'procedure-9-1-returned');

  // Back to step 3: the operator reads the observations, completes the solution and resubmits.
  await openWorkspace(page, number, articleTitle);
  await expect(
    page
      .getByRole('region', { name: /^Seguimiento/ })
      .getByText(observations)
      .first(),
  ).toBeVisible();
  await recordSolution(
    operator,
    'Se renovó el certificado de la VPN de la solicitante (vale hasta diciembre de 2027) y conectó de nuevo.',
  );
  await submitForReview(operator, 'Completé el certificado renovado y su vencimiento.');

  await approve(supervisor);
  const closed = await checkAgainstApi(supervisor, number);
  expect(closed.status).toBe('cerrado');
  await expect(supervisor.page.getByRole('img', { name: 'Recorrido del ticket: L1' })).toBeVisible();
  await checkPage(supervisor.page, 'procedure-9-1-closed');

  // The requester, who has no account, is mailed the closure with a survey link that opens without a session.
  const mail = await waitForMail(requesterEmail, (raw) => raw.includes(`/tickets/${number}/encuesta`));
  const survey = linksIn(mail).find((link) => link.includes(`/tickets/${number}/encuesta`));
  expect(survey).toBeDefined();
  const anyone = await browser.newContext();
  const surveyPage = await anyone.newPage();
  await surveyPage.goto(survey!);
  await expect(surveyPage.getByRole('heading', { name: `Encuesta del ticket n.º ${number}` })).toBeVisible();
  await anyone.close();

  await operator.context.close();
  await supervisor.context.close();
});
