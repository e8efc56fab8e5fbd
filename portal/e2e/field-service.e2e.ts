import { expect, test, type Page } from '@playwright/test';
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
});
