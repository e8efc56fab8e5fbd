import { expect, test, type Page } from '@playwright/test';
import { pdfText } from '@cau/testing';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

/** Fetches what a download link points at, with the page's session, as the browser would save it. */
async function downloaded(page: Page, name: string | RegExp): Promise<{ type: string; body: Buffer }> {
  const href = await page.getByRole('link', { name }).first().getAttribute('href');
  const answer = await page.request.get(`${baseUrl()}${href}`);
  expect(answer.status()).toBe(200);
  return { type: answer.headers()['content-type'] ?? '', body: await answer.body() };
}

test('staff read the service log per machine, per user and per period, and download it as CSV and F02; the F01 downloads from the ticket', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique().toUpperCase();
  const operator = {
    email: `operador.log.${tag.toLowerCase()}@cau.gob.ar`,
    name: 'Olivia Operadora',
    role: 'operator',
  };
  const requester = {
    email: `ana.log.${tag.toLowerCase()}@salud.gob.ar`,
    name: `Ana Bitácora ${tag}`,
    role: 'requester',
    jurisdiction: 'SALUD',
  };
  await createAccount(admin, operator);
  await createAccount(admin, requester);
  const api = await Api.login(operator.email, PASSWORD);
  const title = `La PC no arranca ${tag}`;
  const { number } = await api.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: requester.email, name: requester.name },
      jurisdiction: 'SALUD',
      title,
      description: 'La PC de la oficina 12 no arranca desde el lunes.',
      type: 'incidente',
      category: 'correo-electronico',
      impact: 'medio',
      urgency: 'media',
    },
    { 'Idempotency-Key': `log-${tag}` },
  );
  const pc = await api.send<{ id: string }>('POST', '/inventory/equipment', {
    inventoryNumber: `PC-LOG-${tag}`,
    type: 'pc',
    brand: 'HP',
    model: 'ProDesk 400',
    state: 'en_stock',
  });
  const found = await api.send<{ items: Array<{ id: string }> }>(
    'GET',
    `/requesters?search=${encodeURIComponent(requester.email)}`,
  );
  await api.send('POST', `/inventory/equipment/${pc.id}/custody`, { requesterId: found.items[0]!.id });
  await expect(async () => {
    await api.send('POST', `/tickets/${number}/equipment`, { equipmentId: pc.id });
  }).toPass({ timeout: 60_000 });
  const visitor = {
    kind: 'contractor',
    company: 'Soporte Técnico SA',
    technician: 'Luis Gómez',
    reportNumber: 'UTIC-5521',
  };
  // After the custody began (the holder is the one of the attention's moment) and before the sign-off.
  const arrival = new Date();
  const visit = await api.send<{ id: string }>('POST', `/tickets/${number}/visits`, {
    plannedFor: arrival.toISOString(),
    visitor,
  });
  await api.send('POST', `/tickets/${number}/visits/${visit.id}/record`, {
    visitor,
    arrivedAt: arrival.toISOString(),
    departedAt: new Date(arrival.getTime() + 3_600_000).toISOString(),
    workDone: `Cambio de la fuente ${tag}.`,
  });
  await api.send('POST', `/tickets/${number}/sign-off`, {
    conforme: true,
    user: { name: requester.name },
    head: { name: 'Marta Jefa' },
    repairStaff: { name: 'Luis Gómez' },
  });

  await signIn(page, operator.email);
  await page.goto(`${baseUrl()}/inventario`);
  await page.getByRole('link', { name: 'Bitácora' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bitácora de atención' })).toBeVisible();

  // Keyboard only: the equipment's number typed, Enter filters.
  const filters = page.getByRole('search', { name: 'Filtros de la bitácora' });
  await filters.getByRole('textbox', { name: 'Equipo (n.º de inventario)' }).focus();
  await page.keyboard.type(`pc-log-${tag.toLowerCase()}`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/inventoryNumber=pc-log-/);
  const table = page.getByRole('region', { name: 'Atenciones de la bitácora' });
  // The filtered page first: until it answers, the table keeps showing every machine's entries.
  await expect(page.getByText('2 atenciones')).toBeVisible();
  await expect(table.getByText(`Cambio de la fuente ${tag}.`)).toBeVisible();
  await expect(table.getByRole('cell', { name: requester.name }).first()).toBeVisible();
  await expect(table.getByText('Soporte Técnico SA — Luis Gómez')).toBeVisible();
  await expect(table.getByText('reporte UTIC-5521')).toBeVisible();
  await checkPage(page, 'service-log');

  const csv = await downloaded(page, 'Descargar CSV');
  expect(csv.type).toBe('text/csv; charset=utf-8');
  const lines = csv.body.toString('utf8').trim().split('\r\n');
  expect(lines[0]).toBe(
    'fecha,ticket,numero_inventario,tipo,usuario,atencion,detalle,realizo,numero_reporte,resultado,conformidad',
  );
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(`${number},PC-LOG-${tag},PC,${requester.name},Visita,Cambio de la fuente ${tag}.`);
  expect(lines[1]).toContain('UTIC-5521');
  const f02 = await downloaded(page, 'Descargar PDF (F02)');
  expect(f02.type).toBe('application/pdf');
  const f02Text = await pdfText(new Uint8Array(f02.body));
  expect(f02Text).toContain('Bitácora de Atención a Usuarios de la Unidad');
  expect(f02Text).toContain(`PC-LOG-${tag}`);

  // Per user: the person found by name as one types; Enter picks the first match.
  await filters.getByRole('button', { name: 'Limpiar' }).click();
  await expect(page).not.toHaveURL(/inventoryNumber/);
  await filters.getByRole('combobox', { name: 'Usuario (resguardo)' }).focus();
  await page.keyboard.type(requester.name);
  await expect(page.getByRole('option', { name: new RegExp(requester.name) })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(filters.getByText(`Usuario: ${requester.name}`)).toBeVisible();
  await filters.getByRole('button', { name: 'Filtrar' }).click();
  await expect(page).toHaveURL(/holderId=/);
  await expect(table.getByText(`Cambio de la fuente ${tag}.`)).toBeVisible();
  await expect(page.getByText('2 atenciones')).toBeVisible();

  // A period that ends before it starts is refused, naming the field by its label, above and under it.
  await filters.getByLabel('Desde').fill('2026-12-10');
  await filters.getByLabel('Hasta').fill('2026-12-01');
  await filters.getByRole('button', { name: 'Filtrar' }).click();
  await expect(page.getByRole('alert')).toContainText('«Hasta»');
  await expect(page.getByRole('alert')).toContainText('«Desde»');
  await expect(page.getByRole('alert')).not.toContainText('«to»');
  await expect(filters.getByLabel('Hasta')).toHaveAttribute('aria-invalid', 'true');
  await expect(filters.getByLabel('Desde')).not.toHaveAttribute('aria-invalid', 'true');
  await checkPage(page, 'service-log-bad-period');

  // The equipment page has its own Bitácora section.
  await page.goto(`${baseUrl()}/inventario/${pc.id}`);
  const section = page.getByRole('region', { name: 'Bitácora' });
  await expect(section.getByText(`Cambio de la fuente ${tag}.`)).toBeVisible();
  await expect(section.getByRole('cell', { name: 'Conformidad', exact: true })).toBeVisible();
  await checkPage(page, 'service-log-equipment');

  // The workspace links the ticket's F01.
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const f01 = await pdfText(new Uint8Array((await downloaded(page, /Descargar F01/)).body));
  for (const expected of [
    'Atención a Usuarios de la Unidad',
    `N.º ${number}`,
    requester.name,
    title,
    `PC-LOG-${tag}`,
    `Cambio de la fuente ${tag}.`,
    'UTIC-5521',
    'Marta Jefa',
  ]) {
    expect(f01).toContain(expected);
  }

  // The requester downloads the F01 of their own ticket from their ticket page.
  const context = await page.context().browser()!.newContext({ locale: 'es-AR' });
  const own = await context.newPage();
  try {
    await signIn(own, requester.email);
    await expect(async () => {
      await own.goto(`${baseUrl()}/tickets/${number}`);
      await expect(own.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    const link = own.getByRole('link', { name: /Descargar F01/ });
    await link.focus();
    await expect(link).toBeFocused();
    const mine = await pdfText(new Uint8Array((await downloaded(own, /Descargar F01/)).body));
    expect(mine).toContain(title);
    await checkPage(own, 'service-log-f01-requester');
    // The log is the staff's: a requester who types its address is not shown it.
    await own.goto(`${baseUrl()}/inventario/bitacora`);
    await expect(own.getByRole('heading', { level: 1, name: 'Bitácora de atención' })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
