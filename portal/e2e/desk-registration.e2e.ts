import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, signIn, unique, waitForMail } from './support';

const SCREENSHOT_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'var',
  'e2e',
  'screenshots',
);

interface TicketView {
  status: string;
  channel: string;
  requester: { name: string; email: string; phone?: string };
  registeredBy: { name: string; role: string };
  timeline: Array<{ type: string }>;
}

test('the desk registers a call for a new requester, solves it at first contact with an article, and prints the closure report', async ({
  page,
}) => {
  // The whole of 9.1 in one browser, nine pages photographed at two sizes: longer than most tests.
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const operatorEmail = `operadora.${tag}@cau.gob.ar`;
  const supervisorEmail = `supervisor.${tag}@cau.gob.ar`;
  const requesterEmail = `juan.${tag}@salud.gob.ar`;
  await createAccount(admin, { email: operatorEmail, name: 'Olga Operadora', role: 'operator', area: 'L1' });
  await createAccount(admin, { email: supervisorEmail, name: 'Sergio Supervisor', role: 'supervisor', area: 'L1' });
  const operator = await Api.login(operatorEmail, 'clave-de-prueba-portal');
  const supervisor = await Api.login(supervisorEmail, 'clave-de-prueba-portal');

  // An internal article: the desk sees it among the suggestions, requesters never do.
  const articleTitle = `Impresora con la cola trabada ${tag}`;
  const article = await admin.send<{ id: string }>('POST', '/kb/articles', {
    title: articleTitle,
    problem: 'La impresora de red no imprime y los documentos quedan en cola.',
    cause: 'Un documento dañado traba la cola de impresión.',
    solutionSteps: ['Abrir la cola de impresión.', 'Cancelar todos los documentos.', 'Reiniciar el servicio de cola.'],
    category: 'impresoras',
    tags: ['impresora', 'cola'],
    visibility: 'internal',
    force: true,
  });
  await admin.send('POST', `/kb/articles/${article.id}/publish`);

  await signIn(page, operatorEmail);
  await page.goto(`${baseUrl()}/consola/registrar`);
  await expect(page.getByRole('heading', { name: 'Registrar un pedido', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Teléfono', { exact: true })).toBeChecked();
  await checkPage(page, 'desk-registration');

  // Bad input: every wrong field says so, and nothing is registered.
  const requesterBox = page.getByRole('group', { name: 'Solicitante' });
  await requesterBox.getByRole('textbox', { name: /Correo electrónico/ }).fill('no-es-un-correo');
  await requesterBox.getByRole('textbox', { name: /Teléfono/ }).fill('a la tarde');
  await requesterBox.getByRole('textbox', { name: /Jurisdicción/ }).fill('salud pública');
  await page.getByRole('textbox', { name: /Asunto/ }).fill(`Sin impresión ${tag}`);
  await page.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(page.getByText('Escriba una dirección de correo válida.')).toBeVisible();
  await expect(page.getByText(/^Escriba solo números/)).toBeVisible();
  await expect(page.getByText(/^Solo letras sin acentos/)).toBeVisible();
  // Name, description, type, category, impact and urgency are missing.
  await expect(page.getByText('Este dato es obligatorio.')).toHaveCount(6);
  // The form moved to the first wrong field; photograph it from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await checkPage(page, 'desk-registration-errors');
  const none = await operator.send<{ items: unknown[] }>('GET', `/tickets?text=${encodeURIComponent(tag)}`);
  expect(none.items).toEqual([]);

  // The call, typed right. Juan is not in the directory: the finder says so, and registers him as
  // someone new with the e-mail he dictated; the name is typed next.
  const finder = requesterBox.getByRole('combobox', { name: /Buscar solicitante/ });
  await finder.fill(requesterEmail);
  await expect(page.getByRole('status').filter({ hasText: 'No se encontró a nadie.' })).toBeAttached();
  await expect(page.getByRole('option', { name: `Persona nueva: «${requesterEmail}»` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option', { name: `Persona nueva: «${requesterEmail}»` })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(requesterBox.getByRole('textbox', { name: /Correo electrónico/ })).toHaveValue(requesterEmail);
  await expect(requesterBox.getByRole('textbox', { name: /Nombre y apellido/ })).toBeFocused();
  await page.keyboard.type('Juan Gómez');
  await requesterBox.getByRole('textbox', { name: /Teléfono/ }).fill('2954 45-1234');
  await requesterBox.getByRole('textbox', { name: /Jurisdicción/ }).fill('SALUD');
  await page.getByRole('textbox', { name: /Asunto/ }).fill(articleTitle);
  await page
    .getByRole('textbox', { name: /Descripción/ })
    .fill('Llama desde el segundo piso: la impresora no imprime nada desde la mañana.');
  const suggestion = page.getByRole('complementary').getByRole('button', { name: articleTitle });
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Cancelar todos los documentos.')).toBeVisible();
  await expect(dialog.getByText('Interno', { exact: true })).toBeVisible();
  await checkPage(page, 'desk-registration-article');
  await dialog.getByRole('button', { name: 'Resuelto en el primer contacto con este artículo' }).click();
  await expect(page.getByRole('heading', { name: 'Resuelto en el primer contacto' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /Solución/ })).toHaveValue(/2\. Cancelar todos los documentos\./);

  await page.getByRole('combobox', { name: /^Tipo/ }).click();
  await page.getByRole('option', { name: 'Incidente', exact: true }).click();
  await page.getByRole('combobox', { name: /^Categoría/ }).click();
  await page.getByRole('option', { name: 'Impresoras y escáneres' }).click();
  await page.getByLabel('Bajo: una persona').check();
  await page.getByLabel('Media: trabaja con dificultad').check();

  // Not verified with the requester yet: the console does not submit.
  await page.getByRole('button', { name: 'Registrar y dar por resuelto' }).click();
  await expect(page.getByText('Confirme que verificó la solución con el solicitante.')).toBeVisible();
  await page.getByLabel('Verifiqué con el solicitante que el problema quedó resuelto').check();
  await page.evaluate(() => window.scrollTo(0, 0));
  await checkPage(page, 'desk-registration-filled');
  await page.getByRole('button', { name: 'Registrar y dar por resuelto' }).click();

  const done = page.getByRole('status', { name: /Ticket n\.º \d+ resuelto en el primer contacto/ });
  await expect(done).toBeVisible();
  const number = Number((await done.textContent())!.match(/\d+/)![0]);
  await expect(page.getByText('Pasarlo a revisión del supervisor — hecho')).toBeVisible();
  await checkPage(page, 'desk-registration-solved');
  const solvedUrl = `${baseUrl()}/tickets/${number}/informe`;

  // The next visitor is not solved on the spot: registered, the console opens the new ticket and says its number.
  await page.getByRole('button', { name: 'Registrar otro pedido' }).click();
  await expect(page.getByRole('textbox', { name: /Asunto/ })).toHaveValue('');
  await page.getByLabel('En persona').check();
  // Now the directory knows Juan: found by his e-mail, picked with Enter, his jurisdiction comes along.
  await expect(async () => {
    await finder.fill('');
    await finder.fill(requesterEmail);
    await expect(page.getByRole('option', { name: new RegExp(`^Juan Gómez`) })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await expect(requesterBox.getByRole('textbox', { name: /Nombre y apellido/ })).toHaveValue('Juan Gómez');
  await expect(requesterBox.getByRole('textbox', { name: /Teléfono/ })).toHaveValue('2954 45-1234');
  await expect(requesterBox.getByRole('textbox', { name: /Jurisdicción/ })).toHaveValue('SALUD');
  await page.getByRole('textbox', { name: /Asunto/ }).fill(`Pide una cuenta de correo ${tag}`);
  await page.getByRole('textbox', { name: /Descripción/ }).fill('Vino a la mesa a pedir una cuenta para un pasante.');
  await page.getByRole('combobox', { name: /^Tipo/ }).click();
  await page.getByRole('option', { name: 'Solicitud o consulta' }).click();
  await page.getByRole('combobox', { name: /^Categoría/ }).click();
  await page.getByRole('option', { name: 'Correo electrónico' }).click();
  await page.getByLabel('Bajo: una persona').check();
  await page.getByLabel('Baja: puede esperar').check();
  await page.getByRole('button', { name: 'Registrar', exact: true }).click();
  // The first ticket's own notice may still be on screen (they close after a few seconds).
  const notice = page
    .getByText(/^Ticket n\.º \d+ registrado$/)
    .filter({ hasNotText: new RegExp(`n\\.º ${number} registrado$`) });
  await expect(notice).toBeVisible();
  const walkIn = Number((await notice.textContent())!.match(/\d+/)![0]);
  expect(walkIn).not.toBe(number);
  await expect(page).toHaveURL(new RegExp(`/tickets/${walkIn}$`));
  await expect(page.getByRole('heading', { name: `Pide una cuenta de correo ${tag}` })).toBeVisible();

  // What the platform recorded: a phone call for Juan, registered by the operator, resolved for review.
  await expect
    .poll(async () => (await operator.send<TicketView>('GET', `/tickets/${number}`)).status, { timeout: 60_000 })
    .toBe('resuelto');
  const view = await operator.send<TicketView>('GET', `/tickets/${number}`);
  expect(view.channel).toBe('telefono');
  expect(view.requester).toMatchObject({ name: 'Juan Gómez', email: requesterEmail, phone: '2954 45-1234' });
  expect(view.registeredBy).toMatchObject({ name: 'Olga Operadora', role: 'operator' });

  // The requester, who has no account, is mailed the number.
  await waitForMail(requesterEmail, (raw) => raw.includes(`/tickets/${number}`));

  // Before the supervisor closes it there is no closure report, and the page says why.
  await page.goto(solvedUrl);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByText(/El informe de cierre existe cuando el supervisor aprueba/)).toBeVisible();

  await supervisor.eventually('POST', `/tickets/${number}/review`, { decision: 'approve' });
  await page.reload();
  await expect(
    page.getByRole('heading', { name: `Informe de cierre del ticket n.º ${number}`, level: 1 }),
  ).toBeVisible();
  const solved = page.getByRole('region', { name: 'Cómo se resolvió' });
  await expect(solved.getByText(/siguiendo el artículo/)).toBeVisible();
  await expect(solved.getByRole('link', { name: articleTitle })).toBeVisible();
  const history = page.getByRole('region', { name: 'Historia' });
  await expect(history.getByRole('cell', { name: 'Aprobado y cerrado' })).toBeVisible();
  await expect(history.getByRole('cell', { name: 'Sergio Supervisor' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Imprimir' })).toBeVisible();
  await checkPage(page, 'closure-report');

  // Printed: the report alone, without the portal's header, menu or buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Navegación principal' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Imprimir' })).toBeHidden();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'closure-report-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
});

test('the closure report: its requester reads it, anyone else is refused, and the console is not theirs', async ({
  browser,
}) => {
  const admin = await Api.admin();
  const tag = unique();
  const operatorEmail = `operador.${tag}@cau.gob.ar`;
  const supervisorEmail = `supervisora.${tag}@cau.gob.ar`;
  const requesterEmail = `rosa.${tag}@salud.gob.ar`;
  const strangerEmail = `otra.${tag}@educacion.gob.ar`;
  await createAccount(admin, { email: operatorEmail, name: 'Omar Operador', role: 'operator', area: 'L1' });
  await createAccount(admin, { email: supervisorEmail, name: 'Sara Supervisora', role: 'supervisor', area: 'L1' });
  await createAccount(admin, { email: requesterEmail, name: 'Rosa Ríos', role: 'requester', jurisdiction: 'SALUD' });
  await createAccount(admin, {
    email: strangerEmail,
    name: 'Otra Persona',
    role: 'requester',
    jurisdiction: 'EDUCACION',
  });
  const operator = await Api.login(operatorEmail, 'clave-de-prueba-portal');
  const supervisor = await Api.login(supervisorEmail, 'clave-de-prueba-portal');

  // A walk-in, handled and closed through the API: with a work log and the downtime reported.
  const { number } = await operator.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'presencial',
      requester: { name: 'Rosa Ríos', email: requesterEmail },
      jurisdiction: 'SALUD',
      title: `No enciende el monitor ${tag}`,
      description: 'El monitor del puesto 4 no enciende desde el lunes.',
      type: 'incidente',
      category: 'equipos',
      impact: 'bajo',
      urgency: 'alta',
    },
    { 'Idempotency-Key': `informe-${tag}` },
  );
  await operator.eventually('POST', `/tickets/${number}/take`);
  await operator.send('POST', `/tickets/${number}/worklogs`, { description: 'Cambio del cable de power', minutes: 30 });
  await operator.send('POST', `/tickets/${number}/solution`, {
    solution: 'Se cambió el cable de alimentación del monitor.',
    elements: 'Monitor del puesto 4',
    downtimeMinutes: 95,
  });
  // Solved with an internal article: the report names it for staff only.
  const internal = await admin.send<{ id: string }>('POST', '/kb/articles', {
    title: `Monitor sin alimentación ${tag}`,
    problem: 'El monitor no enciende.',
    solutionSteps: ['Revisar el cable de alimentación.'],
    category: 'equipos',
    tags: ['monitor'],
    visibility: 'internal',
    force: true,
  });
  await operator.send('POST', `/tickets/${number}/submit`, { verifiedWithRequester: true, articleRef: internal.id });
  await supervisor.eventually('POST', `/tickets/${number}/review`, { decision: 'approve' });

  const requesterContext = await browser.newContext();
  const requesterPage = await requesterContext.newPage();
  await signIn(requesterPage, requesterEmail);
  await requesterPage.goto(`${baseUrl()}/tickets/${number}/informe`);
  await expect(
    requesterPage.getByRole('heading', { name: `Informe de cierre del ticket n.º ${number}` }),
  ).toBeVisible();
  await expect(
    requesterPage.getByRole('region', { name: 'Cómo se resolvió' }).getByText('Se cambió el cable de alimentación'),
  ).toBeVisible();
  const times = requesterPage.getByRole('region', { name: 'Tiempos' });
  await expect(times.getByText('1 h 35 min')).toBeVisible();
  await expect(times.getByText('(informado con la solución)')).toBeVisible();
  await expect(times.getByText('30 min', { exact: true })).toBeVisible();
  await expect(requesterPage.getByText('Monitor del puesto 4', { exact: true })).toBeVisible();
  await expect(requesterPage.getByText('Equipos (computadoras y periféricos)')).toBeVisible();
  await expect(requesterPage.getByText('Un artículo que usted no puede ver')).toBeVisible();
  await checkPage(requesterPage, 'closure-report-requester');
  await requesterContext.close();

  // Someone else's report is refused in words; the registration console does not exist for them.
  const strangerContext = await browser.newContext();
  const strangerPage = await strangerContext.newPage();
  await signIn(strangerPage, strangerEmail);
  await strangerPage.goto(`${baseUrl()}/tickets/${number}/informe`);
  await expect(strangerPage.getByRole('alert')).not.toBeEmpty();
  await expect(strangerPage.getByRole('button', { name: 'Imprimir' })).toHaveCount(0);
  await checkPage(strangerPage, 'closure-report-refused');
  await strangerPage.goto(`${baseUrl()}/consola/registrar`);
  await expect(strangerPage.getByRole('heading', { name: 'Página no encontrada' })).toBeVisible();
  await strangerContext.close();
});

test('the desk names the equipment the requester holds when registering a call for them', async ({ page }) => {
  test.setTimeout(180_000);
  const admin = await Api.admin();
  const tag = unique();
  const operatorEmail = `operadora.eq.${tag}@cau.gob.ar`;
  await createAccount(admin, { email: operatorEmail, name: 'Olga Operadora', role: 'operator', area: 'L1' });
  const operator = await Api.login(operatorEmail, 'clave-de-prueba-portal');
  const ana = { email: `ana.eq.${tag}@salud.gob.ar`, name: `Ana Equipo ${tag}` };

  // Ana is in the directory (an earlier call) and holds a notebook; a monitor in stock is nobody's.
  await operator.send(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: ana,
      jurisdiction: 'SALUD',
      title: `Pedido anterior ${tag}`,
      description: 'Una llamada anterior.',
      type: 'solicitud',
      category: 'correo-electronico',
      impact: 'bajo',
      urgency: 'media',
    },
    { 'Idempotency-Key': `desk-eq-${tag}` },
  );
  let requesterId = '';
  await expect(async () => {
    const people = await operator.send<{ items: Array<{ id: string; email: string }> }>(
      'GET',
      `/requesters?search=${encodeURIComponent(ana.email)}`,
    );
    requesterId = people.items.find((person) => person.email === ana.email)!.id;
  }).toPass({ timeout: 60_000 });
  const notebookNumber = `DSK-NB-${tag.toUpperCase()}`;
  const monitorNumber = `DSK-MON-${tag.toUpperCase()}`;
  const notebook = await operator.send<{ id: string }>('POST', '/inventory/equipment', {
    inventoryNumber: notebookNumber,
    type: 'notebook',
    brand: 'Lenovo',
    model: 'ThinkPad E14',
    state: 'en_stock',
  });
  await operator.send('POST', '/inventory/equipment', {
    inventoryNumber: monitorNumber,
    type: 'monitor',
    state: 'en_stock',
  });
  await operator.send('POST', `/inventory/equipment/${notebook.id}/custody`, { requesterId });

  // The operator finds Ana: her notebook is offered, the monitor she does not hold is not.
  await signIn(page, operatorEmail);
  await page.goto(`${baseUrl()}/consola/registrar`);
  const requesterBox = page.getByRole('group', { name: 'Solicitante' });
  const equipment = page.getByRole('group', { name: 'Equipo con el problema (opcional)' });
  await expect(equipment).toHaveCount(0);
  const finder = requesterBox.getByRole('combobox', { name: /Buscar solicitante/ });
  await finder.fill(ana.email);
  await expect(page.getByRole('option', { name: new RegExp(`^${ana.name}`) })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await expect(requesterBox.getByRole('textbox', { name: /Nombre y apellido/ })).toHaveValue(ana.name);
  const pick = equipment.getByRole('checkbox', { name: `${notebookNumber} · Notebook` });
  await expect(pick).toBeVisible();
  await expect(page.getByText(`Marque los equipos a cargo de ${ana.name} que tienen el problema.`)).toBeVisible();
  await expect(equipment).toContainText('Lenovo ThinkPad E14');
  await expect(equipment).not.toContainText(monitorNumber);
  await pick.focus();
  await page.keyboard.press('Space');
  await expect(pick).toBeChecked();

  await page.getByRole('textbox', { name: /Asunto/ }).fill(`La notebook no carga ${tag}`);
  await page.getByRole('textbox', { name: /Descripción/ }).fill('Llama porque la notebook no carga la batería.');
  await page.getByRole('combobox', { name: /^Tipo/ }).click();
  await page.getByRole('option', { name: 'Incidente', exact: true }).click();
  await page.getByRole('combobox', { name: /^Categoría/ }).click();
  await page.getByRole('option', { name: 'Impresoras y escáneres' }).click();
  await page.getByLabel('Bajo: una persona').check();
  await page.getByLabel('Media: trabaja con dificultad').check();
  // Photographed from the top (the sticky header otherwise lands mid-page in a full-page shot).
  await page.evaluate(() => window.scrollTo(0, 0));
  await checkPage(page, 'desk-registration-equipment');

  // Someone else's address: Ana's notebook is no longer offered, nor kept ticked.
  const email = requesterBox.getByRole('textbox', { name: /Correo electrónico/ });
  await email.fill(`otra.${tag}@salud.gob.ar`);
  await expect(equipment).toHaveCount(0);
  await email.fill(ana.email);
  await expect(pick).toBeVisible();
  await expect(pick).not.toBeChecked();
  await pick.check();

  await page.getByRole('button', { name: 'Registrar', exact: true }).click();
  const notice = page.getByText(/^Ticket n\.º \d+ registrado$/);
  await expect(notice).toBeVisible();
  const number = Number((await notice.textContent())!.match(/\d+/)![0]);
  await expect(async () => {
    const links = await operator.send<Array<{ equipment: { inventoryNumber: string } }>>(
      'GET',
      `/tickets/${number}/equipment`,
    );
    expect(links.map((link) => link.equipment.inventoryNumber)).toEqual([notebookNumber]);
  }).toPass({ timeout: 60_000 });
});
