import { expect, test, type Page } from '@playwright/test';
import { pdfText } from '@cau/testing';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

/** The workspace's own header card (the page's shell has a header of its own). */
const ticketHeader = (page: Page) => page.locator('header', { has: page.getByRole('heading', { level: 1 }) });

test('staff find a machine by its serial in the workspace, link it, see it in the header, and on its page', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const admin = await Api.admin();
  const tag = unique().toUpperCase();
  const operator = { email: `operador.eq.${tag.toLowerCase()}@cau.gob.ar`, name: 'Oscar Operador', role: 'operator' };
  await createAccount(admin, operator);
  const api = await Api.login(operator.email, PASSWORD);
  const pc = await api.send<{ id: string }>('POST', '/inventory/equipment', {
    inventoryNumber: `PC-${tag}`,
    serial: `SN-${tag}`,
    type: 'pc',
    brand: 'Dell',
    model: 'Optiplex 7090',
    state: 'en_uso',
  });
  const title = `La computadora no enciende ${tag}`;
  const { number } = await api.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `ana.eq.${tag.toLowerCase()}@salud.gob.ar`, name: 'Ana Pérez' },
      jurisdiction: 'SALUD',
      title,
      description: 'La computadora de la oficina 204 no enciende desde esta mañana.',
      type: 'incidente',
      category: 'correo-electronico',
      impact: 'medio',
      urgency: 'media',
    },
    { 'Idempotency-Key': `eq-${tag}` },
  );

  await signIn(page, operator.email);
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const section = page.getByRole('region', { name: 'Equipos' });
  await expect(section.getByText('El ticket no nombra ningún equipo.')).toBeVisible();

  // Keyboard only: the search box, the serial, Enter; Tab to the match's button, Enter.
  await section.getByRole('textbox', { name: /Buscar un equipo/ }).focus();
  await page.keyboard.type('sn-' + tag.toLowerCase());
  await page.keyboard.press('Enter');
  const matches = section.getByRole('list', { name: 'Equipos encontrados' });
  const linkButton = matches.getByRole('button', { name: `Vincular el equipo PC-${tag} al ticket` });
  await expect(linkButton).toBeVisible();
  await linkButton.focus();
  await page.keyboard.press('Enter');

  const linked = section.getByRole('list', { name: 'Equipos del ticket' });
  await expect(linked.getByRole('link', { name: `PC-${tag}` })).toBeVisible();
  await expect(matches.getByText('Ya vinculado')).toBeVisible();
  const header = ticketHeader(page);
  await expect(header.getByText(`PC-${tag}`)).toBeVisible();
  await expect(header.getByText('PC · Dell Optiplex 7090')).toBeVisible();

  // A search that finds nothing says so.
  await section.getByRole('textbox', { name: /Buscar un equipo/ }).fill('NO-EXISTE-' + tag);
  await section.getByRole('button', { name: 'Buscar', exact: true }).click();
  await expect(section.getByText(`Ningún equipo coincide con «NO-EXISTE-${tag}».`)).toBeVisible();
  await checkPage(page, 'field-service-workspace-equipment');

  // The equipment page lists the ticket.
  await linked.getByRole('link', { name: `PC-${tag}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Equipo PC-${tag}` })).toBeVisible();
  const tickets = page.getByRole('table', { name: 'Tickets del equipo' });
  await expect(tickets.getByRole('link', { name: `N.º ${number}` })).toBeVisible();
  await expect(tickets.getByRole('cell', { name: 'Oscar Operador' })).toBeVisible();
  await checkPage(page, 'field-service-equipment-tickets');

  // Back on the ticket, the machine is removed again.
  await tickets.getByRole('link', { name: `N.º ${number}` }).click();
  await page
    .getByRole('region', { name: 'Equipos' })
    .getByRole('button', { name: `Quitar el equipo PC-${tag} del ticket` })
    .click();
  await expect(
    page.getByRole('region', { name: 'Equipos' }).getByText('El ticket no nombra ningún equipo.'),
  ).toBeVisible();
  expect(await api.send<unknown[]>('GET', `/inventory/equipment/${pc.id}/tickets`)).toEqual([]);
});

test('staff plan a field visit by a contracted technician and record it; a departure before the arrival is refused', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const admin = await Api.admin();
  const tag = unique().toUpperCase();
  const operator = { email: `operador.vis.${tag.toLowerCase()}@cau.gob.ar`, name: 'Olga Operadora', role: 'operator' };
  await createAccount(admin, operator);
  const api = await Api.login(operator.email, PASSWORD);
  const title = `La impresora no imprime ${tag}`;
  const { number } = await api.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `beto.vis.${tag.toLowerCase()}@salud.gob.ar`, name: 'Beto Gómez' },
      jurisdiction: 'SALUD',
      title,
      description: 'La impresora del segundo piso no imprime.',
      type: 'incidente',
      category: 'correo-electronico',
      impact: 'medio',
      urgency: 'media',
    },
    { 'Idempotency-Key': `vis-${tag}` },
  );

  await signIn(page, operator.email);
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const visits = page.getByRole('region', { name: 'Visitas' });
  await expect(visits.getByText('No hay visitas planificadas ni registradas.')).toBeVisible();
  await visits.getByRole('button', { name: 'Planificar una visita' }).click();
  const plan = visits.getByRole('form', { name: 'Planificar una visita' });
  // Nothing filled: the form names what is missing and sends nothing.
  await plan.getByRole('button', { name: 'Planificar', exact: true }).click();
  await expect(plan.getByText('Complete este campo.')).toHaveCount(3);
  await plan.getByLabel('Fecha y hora prevista').fill('2026-12-07T10:00');
  await plan.getByRole('textbox', { name: 'Empresa', exact: true }).fill('Soporte Técnico SA');
  await plan.getByRole('textbox', { name: 'Técnico', exact: true }).fill('Luis Gómez');
  await plan.getByRole('textbox', { name: /N\.º de reporte de la empresa/ }).fill('ST-889');
  await plan.getByRole('textbox', { name: /Nota/ }).fill('Llevar fuente de repuesto');
  await plan.getByRole('button', { name: 'Planificar', exact: true }).click();

  const list = visits.getByRole('list', { name: 'Visitas del ticket' });
  await expect(list.getByText('Luis Gómez (Soporte Técnico SA) · reporte ST-889')).toBeVisible();
  await expect(list.getByText('Planificada')).toBeVisible();
  await list.getByRole('button', { name: 'Registrar la visita' }).click();
  const record = list.getByRole('form', { name: 'Registrar la visita' });
  await expect(record.getByLabel('Llegada')).toHaveValue('2026-12-07T10:00');
  await record.getByLabel('Llegada').fill('2026-12-07T10:20');
  await record.getByLabel('Salida').fill('2026-12-07T09:00');
  await record.getByRole('textbox', { name: 'Lo que se hizo' }).fill('Cambio de la fuente de alimentación.');
  await expect(record.getByText('La salida no puede ser anterior a la llegada.')).toBeVisible();
  await checkPage(page, 'field-service-visit-record');
  await record.getByRole('button', { name: 'Registrar', exact: true }).click();
  await expect(record.getByText('La salida no puede ser anterior a la llegada.')).toBeVisible();
  await record.getByLabel('Salida').fill('2026-12-07T12:05');
  await record.getByRole('button', { name: 'Registrar', exact: true }).click();

  await expect(list.getByText('Registrada')).toBeVisible();
  await expect(list.getByText('Cambio de la fuente de alimentación.')).toBeVisible();
  await expect(list.getByText(/^Llegó .* · salió /)).toBeVisible();
  await checkPage(page, 'field-service-visits');
  const stored = await api.send<Array<{ status: string; visitor: { technician: string } }>>(
    'GET',
    `/tickets/${number}/visits`,
  );
  expect(stored).toMatchObject([{ status: 'recorded', visitor: { technician: 'Luis Gómez' } }]);

  // A field ticket closes with the user's signed conformity; without it the supervisor must say why.
  await api.eventually('POST', `/tickets/${number}/take`);
  await api.send('POST', `/tickets/${number}/solution`, { solution: 'Se cambió la fuente de alimentación.' });
  await api.send('POST', `/tickets/${number}/submit`, { verifiedWithRequester: true });
  const supervisor = {
    email: `supervisor.vis.${tag.toLowerCase()}@cau.gob.ar`,
    name: 'Susana Supervisora',
    role: 'supervisor',
  };
  await createAccount(admin, supervisor);
  const context = await page.context().browser()!.newContext();
  const boss = await context.newPage();
  try {
    await signIn(boss, supervisor.email);
    await expect(async () => {
      await boss.goto(`${baseUrl()}/tickets/${number}`);
      await expect(boss.getByRole('button', { name: 'Revisar' })).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 60_000 });
    await boss.getByRole('button', { name: 'Revisar' }).click();
    const review = boss.getByRole('dialog', { name: 'Revisar' });
    await expect(review.getByText('Atención en campo sin conformidad')).toBeVisible();
    await review.getByRole('button', { name: 'Aprobar y cerrar' }).click();
    await expect(review.getByText(/^Conflicto: la atención en campo no tiene la conformidad firmada/)).toBeVisible();
    await checkPage(boss, 'field-service-review-without-sign-off');
    await review
      .getByLabel('Motivo para cerrar sin la conformidad')
      .fill('El usuario viajó; su jefe confirmó por correo.');
    await review.getByRole('button', { name: 'Aprobar y cerrar' }).click();
    await expect(review).toBeHidden();
    await expect(ticketHeader(boss).getByText('Cerrado', { exact: true })).toBeVisible();
    await expect(boss.getByText('El usuario viajó; su jefe confirmó por correo.')).toBeVisible();
  } finally {
    await context.close();
  }
});

test('a machine of the ticket leaves for repair (F03) and comes back; the F03 downloads and reads back', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const admin = await Api.admin();
  const tag = unique().toUpperCase();
  const operator = { email: `operador.rep.${tag.toLowerCase()}@cau.gob.ar`, name: 'Rita Operadora', role: 'operator' };
  await createAccount(admin, operator);
  const api = await Api.login(operator.email, PASSWORD);
  const nb = await api.send<{ id: string }>('POST', '/inventory/equipment', {
    inventoryNumber: `NB-${tag}`,
    type: 'notebook',
    brand: 'Lenovo',
    model: 'ThinkPad T14',
    state: 'en_stock',
  });
  const title = `La notebook no carga ${tag}`;
  const { number } = await api.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `carla.rep.${tag.toLowerCase()}@salud.gob.ar`, name: 'Carla Díaz' },
      jurisdiction: 'SALUD',
      title,
      description: 'La notebook no carga la batería.',
      type: 'incidente',
      category: 'correo-electronico',
      impact: 'medio',
      urgency: 'media',
    },
    { 'Idempotency-Key': `rep-${tag}` },
  );
  await expect(async () => {
    await api.send('POST', `/tickets/${number}/equipment`, { equipmentId: nb.id });
  }).toPass({ timeout: 60_000 });

  await signIn(page, operator.email);
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const repairs = page.getByRole('region', { name: 'Salidas a reparación' });
  await repairs.getByRole('button', { name: 'Registrar la salida de un equipo' }).click();
  const form = repairs.getByRole('form', { name: 'Salida de equipo de cómputo (F03)' });
  await form.getByRole('combobox', { name: 'Equipo' }).click();
  await page.getByRole('option', { name: `NB-${tag}` }).click();
  await form.getByRole('textbox', { name: 'Quién lo retira' }).fill('Luis Gómez (Soporte Técnico SA)');
  await form.getByRole('textbox', { name: 'Destino' }).fill('Taller de Soporte Técnico SA');
  await form.getByLabel('Retorno previsto').fill('2099-01-15');
  await form.getByRole('textbox', { name: 'N.º de reporte de la empresa' }).fill('ST-889');
  await form.getByRole('textbox', { name: 'Motivo' }).fill('No carga: falla del conector de alimentación.');
  await form.getByRole('button', { name: 'Registrar la salida' }).click();

  const list = repairs.getByRole('list', { name: 'Salidas a reparación del ticket' });
  await expect(list.getByText('En reparación')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Equipos' }).getByText('En reparación')).toBeVisible();
  const download = list.getByRole('link', { name: `Descargar el F03 de NB-${tag} (PDF)` });
  const href = await download.getAttribute('href');
  const pdf = await page.request.get(`${baseUrl()}${href}`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const text = await pdfText(new Uint8Array(await pdf.body()));
  expect(text).toContain('Salida de Equipo de Cómputo');
  expect(text).toContain(`NB-${tag}`);
  expect(text).toContain('falla del conector de alimentación');
  await checkPage(page, 'field-service-repair-out');

  await list.getByRole('button', { name: 'Registrar el retorno' }).click();
  const back = list.getByRole('form', { name: 'Retorno del equipo' });
  await back.getByLabel('Fecha de retorno').fill('2099-01-10');
  await back.getByRole('radio', { name: 'Reemplazado' }).check();
  await back.getByRole('button', { name: 'Registrar el retorno' }).click();
  await expect(list.getByText(/Volvió el 10 ene\.? 2099: Reemplazado/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Equipos' }).getByText('En stock')).toBeVisible();

  await page.goto(`${baseUrl()}/inventario/${nb.id}`);
  const table = page.getByRole('table', { name: 'Salidas a reparación' });
  await expect(table.getByRole('cell', { name: 'Taller de Soporte Técnico SA' })).toBeVisible();
  await checkPage(page, 'field-service-equipment-repairs');
});

test('on a tablet, the user, the head of the department and the repair staff sign the field attention off', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const admin = await Api.admin();
  const tag = unique().toUpperCase();
  const operator = { email: `operador.conf.${tag.toLowerCase()}@cau.gob.ar`, name: 'Tomás Técnico', role: 'operator' };
  await createAccount(admin, operator);
  const api = await Api.login(operator.email, PASSWORD);
  const title = `El monitor no da imagen ${tag}`;
  const { number } = await api.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `ana.conf.${tag.toLowerCase()}@salud.gob.ar`, name: 'Ana Pérez' },
      jurisdiction: 'SALUD',
      title,
      description: 'El monitor de la oficina 12 no da imagen.',
      type: 'incidente',
      category: 'correo-electronico',
      impact: 'medio',
      urgency: 'media',
    },
    { 'Idempotency-Key': `conf-${tag}` },
  );

  await page.setViewportSize({ width: 800, height: 1280 });
  await signIn(page, operator.email);
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const section = page.getByRole('region', { name: 'Conformidad' });
  await expect(section.getByText(/Sin conformidad registrada/)).toBeVisible();

  const sign = async () => {
    await section.getByRole('button', { name: /Registrar (la|otra) conformidad/ }).click();
    const form = section.getByRole('form', { name: 'Conformidad de la atención' });
    // Keyboard: the names typed; the user also draws a signature on the pad.
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
    return form;
  };

  // No visit or repair yet: the sign-off is refused with the reason, and nothing is stored.
  const early = await sign();
  await early.getByRole('button', { name: 'Guardar la conformidad' }).click();
  await expect(early.getByRole('alert')).toContainText('no tiene una atención en campo registrada');
  await early.getByRole('button', { name: 'Cancelar' }).click();

  const visit = await api.send<{ id: string }>('POST', `/tickets/${number}/visits`, {
    plannedFor: '2026-12-07T10:00:00-03:00',
    visitor: { kind: 'contractor', company: 'Soporte Técnico SA', technician: 'Luis Gómez' },
  });
  await api.send('POST', `/tickets/${number}/visits/${visit.id}/record`, {
    visitor: { kind: 'contractor', company: 'Soporte Técnico SA', technician: 'Luis Gómez' },
    arrivedAt: '2026-12-07T10:10:00-03:00',
    departedAt: '2026-12-07T11:00:00-03:00',
    workDone: 'Cambio del cable de video.',
  });
  const form = await sign();
  await checkPage(page, 'field-service-sign-off-form');
  await page.setViewportSize({ width: 800, height: 1280 });
  await form.getByRole('button', { name: 'Guardar la conformidad' }).click();

  await expect(section.getByText('Conforme', { exact: true })).toBeVisible();
  await expect(section.getByText('Marta Jefa')).toBeVisible();
  await expect(section.getByRole('img', { name: 'Firma de Ana Pérez' })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '../var/e2e/screenshots/field-service-sign-off-tablet.png', fullPage: true });
  await checkPage(page, 'field-service-sign-off');
  const stored = await api.send<{ user: { drawing: string | null }; head: { drawing: string | null } }>(
    'GET',
    `/tickets/${number}/sign-off`,
  );
  expect(stored.user.drawing).toMatch(/^data:image\/png;base64,/);
  expect(stored.head.drawing).toBeNull();
});
