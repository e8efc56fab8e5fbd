import { pdfText } from '@cau/testing';
import { expect, test } from '@playwright/test';
import { approve, openWorkspace, recordSolution, staff, submitForReview, take } from './procedures';
import { Api, baseUrl, checkPage, createAccount, signIn, unique } from './support';

/*
 * The field procedure (docs/domain.md § Field service), activities 01→10 on one ticket: the user reports naming the
 * equipment they hold; the desk (L1) attends it; a contracted company's technician visits with the
 * company's report number; the machine leaves for repair (F03) and comes back; the user, the head of the
 * department and the repair staff sign the conformity; the supervisor closes; the F01 and the machine's
 * bitácora (F02) show the whole attention.
 */
test('the field procedure (docs/domain.md § Field service): a field attention from the report to the close, with a contracted visit, a repair and the sign-off', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const admin = await Api.admin();
  const tag = unique();
  const operator = await staff(browser, admin, {
    email: `operadora.pf.${tag}@cau.gob.ar`,
    name: 'Olga Operadora',
    role: 'operator',
    area: 'L1',
  });
  const supervisor = await staff(browser, admin, {
    email: `supervisor.pf.${tag}@cau.gob.ar`,
    name: 'Sergio Supervisor',
    role: 'supervisor',
    area: 'L1',
  });
  const user = { email: `ana.pf.${tag}@salud.gob.ar`, name: 'Ana Pérez', role: 'requester' };
  await createAccount(admin, user);

  // Ana holds a notebook (she is in the requester directory from an earlier call).
  await operator.api.send(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: user.email, name: user.name },
      jurisdiction: 'SALUD',
      title: `Pedido de equipo ${tag}`,
      description: 'Necesita un equipo para su puesto.',
      type: 'solicitud',
      category: 'correo-electronico',
      impact: 'bajo',
      urgency: 'media',
    },
    { 'Idempotency-Key': `pf-${tag}` },
  );
  const people = await operator.api.send<{ items: Array<{ id: string; email: string }> }>(
    'GET',
    `/requesters?search=${encodeURIComponent(`ana pf ${tag}`)}`,
  );
  const inventoryNumber = `NB-PF-${tag.toUpperCase()}`;
  const notebook = await operator.api.send<{ id: string }>('POST', '/inventory/equipment', {
    inventoryNumber,
    type: 'notebook',
    brand: 'Lenovo',
    model: 'ThinkPad T14',
    state: 'en_stock',
  });
  await operator.api.send('POST', `/inventory/equipment/${notebook.id}/custody`, {
    requesterId: people.items.find((person) => person.email === user.email)!.id,
  });

  // 01: Ana reports the problem from the portal, naming her notebook.
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await signIn(userPage, user.email);
  await userPage.getByRole('link', { name: 'Reportar un problema' }).first().click();
  const title = `La notebook no enciende ${tag}`;
  await userPage.getByLabel('¿Qué problema tiene?').fill(title);
  await userPage.getByLabel('Describa qué pasó').fill('No enciende desde esta mañana, ni con el cargador.');
  await userPage.getByLabel('Algo no funciona').check();
  await userPage.getByRole('combobox', { name: /¿Sobre qué es\?/ }).click();
  await userPage.getByRole('option', { name: 'Impresoras' }).click();
  await userPage.getByLabel('Solo a mí').check();
  await userPage.getByLabel('No puedo trabajar o hay un plazo hoy').check();
  await userPage.getByLabel('Jurisdicción u organismo').fill('SALUD');
  await userPage.getByRole('checkbox', { name: `${inventoryNumber} · Notebook` }).check();
  await userPage.getByRole('button', { name: 'Enviar el reporte' }).click();
  const done = userPage.getByText(/Su número de ticket es \d+/);
  await expect(done).toBeVisible();
  const number = Number(/(\d+)/.exec((await done.textContent()) ?? '')![1]);

  // 02: the desk attends it; the notebook Ana named is on the ticket.
  const page = operator.page;
  await openWorkspace(page, number, title);
  await take(operator);
  const equipment = page.getByRole('region', { name: 'Equipos' });
  await expect(equipment.getByRole('link', { name: inventoryNumber })).toBeVisible();

  // 03–04: a visit by the contracted company's technician, with the company's report number.
  const visits = page.getByRole('region', { name: 'Visitas' });
  await visits.getByRole('button', { name: 'Planificar una visita' }).click();
  const plan = visits.getByRole('form', { name: 'Planificar una visita' });
  await plan.getByLabel('Fecha y hora prevista').fill('2026-12-07T10:00');
  await plan.getByRole('textbox', { name: 'Empresa', exact: true }).fill('Soporte Técnico SA');
  await plan.getByRole('textbox', { name: 'Técnico', exact: true }).fill('Luis Gómez');
  await plan.getByRole('textbox', { name: /N\.º de reporte de la empresa/ }).fill('ST-4521');
  await plan.getByRole('button', { name: 'Planificar', exact: true }).click();
  const visitList = visits.getByRole('list', { name: 'Visitas del ticket' });
  await expect(visitList.getByText('Luis Gómez (Soporte Técnico SA) · reporte ST-4521')).toBeVisible();
  await visitList.getByRole('button', { name: 'Registrar la visita' }).click();
  const record = visitList.getByRole('form', { name: 'Registrar la visita' });
  await record.getByLabel('Llegada').fill('2026-12-07T10:15');
  await record.getByLabel('Salida').fill('2026-12-07T11:00');
  await record.getByRole('textbox', { name: 'Lo que se hizo' }).fill('Diagnóstico: falla de la placa madre.');
  await record.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(visitList.getByText('Registrada')).toBeVisible();

  // 05: the notebook leaves for repair; the F03 is downloaded and read.
  const repairs = page.getByRole('region', { name: 'Salidas a reparación' });
  await repairs.getByRole('button', { name: 'Registrar la salida de un equipo' }).click();
  const out = repairs.getByRole('form', { name: 'Salida de equipo de cómputo (F03)' });
  await out.getByRole('combobox', { name: 'Equipo' }).click();
  await page.getByRole('option', { name: inventoryNumber }).click();
  await out.getByRole('textbox', { name: 'Quién lo retira' }).fill('Luis Gómez (Soporte Técnico SA)');
  await out.getByRole('textbox', { name: 'Destino' }).fill('Taller de Soporte Técnico SA');
  await out.getByLabel('Retorno previsto').fill('2099-01-15');
  await out.getByRole('textbox', { name: 'N.º de reporte de la empresa' }).fill('ST-4521');
  await out.getByRole('textbox', { name: 'Motivo' }).fill('Cambio de la placa madre en el taller.');
  await out.getByRole('button', { name: 'Registrar la salida' }).click();
  const repairList = repairs.getByRole('list', { name: 'Salidas a reparación del ticket' });
  await expect(repairList.getByText('En reparación')).toBeVisible();
  const f03 = repairList.getByRole('link', { name: `Descargar el F03 de ${inventoryNumber} (PDF)` });
  const pdf = await page.request.get(`${baseUrl()}${await f03.getAttribute('href')}`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const text = await pdfText(new Uint8Array(await pdf.body()));
  expect(text).toContain('Salida de Equipo de Cómputo');
  expect(text).toContain(inventoryNumber);
  expect(text).toContain('ST-4521');
  expect(text).toContain('Cambio de la placa madre en el taller.');

  // 06: it comes back working.
  await repairList.getByRole('button', { name: 'Registrar el retorno' }).click();
  const back = repairList.getByRole('form', { name: 'Retorno del equipo' });
  await back.getByLabel('Fecha de retorno').fill('2099-01-16');
  await back.getByRole('radio', { name: 'Funciona', exact: true }).check();
  await back.getByRole('button', { name: 'Registrar el retorno' }).click();
  await expect(repairList.getByText(/Volvió el 16 ene\.? 2099: Funciona/)).toBeVisible();

  // 07–08: the solution, and the three conformity signatures (the user's drawn as well).
  await recordSolution(operator, 'Se cambió la placa madre de la notebook en el taller de Soporte Técnico SA.');
  const signOff = page.getByRole('region', { name: 'Conformidad' });
  await signOff.getByRole('button', { name: 'Registrar la conformidad' }).click();
  const form = signOff.getByRole('form', { name: 'Conformidad de la atención' });
  await form.getByRole('textbox', { name: 'Usuario' }).fill('Ana Pérez');
  await form.getByRole('textbox', { name: 'Jefe del Departamento de Centros de Información' }).fill('Marta Jefa');
  await form.getByRole('textbox', { name: 'Personal encargado de la reparación' }).fill('Luis Gómez');
  const pad = form.getByRole('img', { name: 'Firma dibujada: Usuario' });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 30, { steps: 8 });
  await page.mouse.move(box.x + 220, box.y + 80, { steps: 8 });
  await page.mouse.up();
  await form.getByRole('button', { name: 'Guardar la conformidad' }).click();
  await expect(signOff.getByText('Conforme', { exact: true })).toBeVisible();
  await expect(signOff.getByRole('img', { name: 'Firma de Ana Pérez' })).toBeVisible();
  await checkPage(page, 'procedure-field-signed-off');

  // 09–10: to review, and the supervisor closes (the sign-off is there: nothing to waive).
  await submitForReview(operator, 'Atención en campo completa, con la conformidad firmada.');
  await openWorkspace(supervisor.page, number, title);
  await approve(supervisor);
  await checkPage(supervisor.page, 'procedure-field-closed');

  // 10: the F01 "Atención a Usuarios de la Unidad", complete, from the closed ticket…
  const f01Link = supervisor.page.getByRole('link', { name: /Descargar F01/ }).first();
  const f01 = await supervisor.page.request.get(`${baseUrl()}${await f01Link.getAttribute('href')}`);
  expect(f01.headers()['content-type']).toBe('application/pdf');
  const f01Text = await pdfText(new Uint8Array(await f01.body()));
  for (const expected of [
    'Atención a Usuarios de la Unidad',
    `N.º ${number}`,
    'Ana Pérez',
    inventoryNumber,
    'Soporte Técnico SA',
    'ST-4521',
    'Se cambió la placa madre de la notebook en el taller de Soporte Técnico SA.',
    'Marta Jefa',
    'Luis Gómez',
  ]) {
    expect(f01Text).toContain(expected);
  }
  // …and the attention in the notebook's bitácora (F02), on screen and printed.
  await page.goto(`${baseUrl()}/inventario/bitacora?inventoryNumber=${encodeURIComponent(inventoryNumber)}`);
  const log = page.getByRole('region', { name: 'Atenciones de la bitácora' });
  await expect(log.getByText(/Soporte Técnico SA/).first()).toBeVisible();
  await expect(log.getByRole('cell', { name: String(number) }).first()).toBeVisible();
  await checkPage(page, 'procedure-field-service-log');
  const f02Link = page.getByRole('link', { name: 'Descargar PDF (F02)' }).first();
  const f02 = await page.request.get(`${baseUrl()}${await f02Link.getAttribute('href')}`);
  expect(f02.headers()['content-type']).toBe('application/pdf');
  const f02Text = await pdfText(new Uint8Array(await f02.body()));
  expect(f02Text).toContain('Bitácora de Atención a Usuarios de la Unidad');
  expect(f02Text).toContain(inventoryNumber);
  expect(f02Text).toContain('ST-4521');

  // Ana sees the whole field attention on her ticket.
  await userPage.goto(`${baseUrl()}/tickets/${number}`);
  const field = userPage.getByRole('region', { name: 'Atención en campo' });
  await expect(field.getByRole('region', { name: 'Visitas' })).toContainText('Soporte Técnico SA');
  await expect(field.getByRole('region', { name: 'Salidas a reparación' })).toContainText('Devuelto');
  await expect(field.getByRole('region', { name: 'Conformidad' })).toContainText('Marta Jefa');

  await userContext.close();
  await operator.context.close();
  await supervisor.context.close();
});
