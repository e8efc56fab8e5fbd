import { expect, test } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, signIn, unique } from './support';

test('a requester names the equipment they hold when reporting, and follows its field attention on their ticket', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const operator = { email: `operador.rqe.${tag}@cau.gob.ar`, name: 'Oscar Operador', role: 'operator' };
  const ana = { email: `ana.rqe.${tag}@salud.gob.ar`, name: 'Ana Pérez', role: 'requester' };
  for (const account of [operator, ana]) await createAccount(admin, account);
  const staff = await Api.login(operator.email, 'clave-de-prueba-portal');
  // The desk registers a first ticket for Ana: she is then in the requester directory, to receive equipment.
  await staff.send(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: ana.email, name: ana.name },
      jurisdiction: 'SALUD',
      title: 'Pedido de equipo',
      description: 'Necesita un equipo para su puesto.',
      type: 'solicitud',
      category: 'correo-electronico',
      impact: 'bajo',
      urgency: 'media',
    },
    { 'Idempotency-Key': `rqe-${tag}` },
  );
  const people = await staff.send<{ items: Array<{ id: string; email: string }> }>(
    'GET',
    `/requesters?search=${encodeURIComponent(`ana rqe ${tag}`)}`,
  );
  const requesterId = people.items.find((person) => person.email === ana.email)!.id;
  const inventoryNumber = `RQE-${tag.toUpperCase()}`;
  const notebook = await staff.send<{ id: string }>('POST', '/inventory/equipment', {
    inventoryNumber,
    type: 'notebook',
    brand: 'Lenovo',
    model: 'ThinkPad T14',
    state: 'en_stock',
  });
  await staff.send('POST', `/inventory/equipment/${notebook.id}/custody`, { requesterId });

  // Ana reports the problem and ticks her notebook with the keyboard.
  await signIn(page, ana.email);
  await page.getByRole('link', { name: 'Reportar un problema' }).first().click();
  await expect(page.getByRole('heading', { name: 'Reportar un problema', level: 1 })).toBeVisible();
  await page.getByLabel('¿Qué problema tiene?').fill(`La notebook no enciende ${tag}`);
  await page.getByLabel('Describa qué pasó').fill('Desde esta mañana la notebook no enciende, ni con el cargador.');
  await page.getByLabel('Algo no funciona').check();
  await page.getByRole('combobox', { name: /¿Sobre qué es\?/ }).click();
  await page.getByRole('option', { name: 'Impresoras' }).click();
  await page.getByLabel('Solo a mí').check();
  await page.getByLabel('No puedo trabajar o hay un plazo hoy').check();
  await page.getByLabel('Jurisdicción u organismo').fill('SALUD');
  const equipment = page.getByRole('group', { name: 'Equipo con el problema (opcional)' });
  const pick = equipment.getByRole('checkbox', { name: `${inventoryNumber} · Notebook` });
  await expect(equipment).toContainText('Lenovo ThinkPad T14');
  await pick.focus();
  await page.keyboard.press('Space');
  await expect(pick).toBeChecked();
  await checkPage(page, 'report-with-equipment');
  await page.getByRole('button', { name: 'Enviar el reporte' }).click();
  const done = page.getByText(/Su número de ticket es \d+/);
  await expect(done).toBeVisible();
  const number = Number(/(\d+)/.exec((await done.textContent()) ?? '')![1]);

  // Staff see the link like one of their own (the ticket's equipment), then do the field work.
  await expect(async () => {
    const links = await staff.send<Array<{ equipment: { inventoryNumber: string } }>>(
      'GET',
      `/tickets/${number}/equipment`,
    );
    expect(links.map((link) => link.equipment.inventoryNumber)).toEqual([inventoryNumber]);
  }).toPass({ timeout: 60_000 });

  // Ana keeps her ticket page open while staff work: what they record shows there without a reload.
  await page.getByRole('link', { name: 'Ver el ticket' }).click();
  const field = page.getByRole('region', { name: 'Atención en campo' });
  await expect(field.getByRole('region', { name: 'Equipos' })).toContainText(inventoryNumber);
  await expect(field.getByRole('region', { name: 'Visitas' })).toHaveCount(0);
  const reloads: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) reloads.push(frame.url());
  });
  const visit = await staff.send<{ id: string }>('POST', `/tickets/${number}/visits`, {
    plannedFor: '2026-12-07T10:00:00-03:00',
    visitor: { kind: 'contractor', company: 'Soporte Técnico SA', technician: 'Luis Gómez' },
    note: 'Nota interna: el técnico llega por la puerta lateral.',
  });
  await staff.send('POST', `/tickets/${number}/visits/${visit.id}/record`, {
    visitor: { kind: 'contractor', company: 'Soporte Técnico SA', technician: 'Luis Gómez', reportNumber: 'ST-77' },
    arrivedAt: '2026-12-07T10:10:00-03:00',
    departedAt: '2026-12-07T11:00:00-03:00',
    workDone: 'Diagnóstico: falla de la placa; se lleva al taller.',
  });
  await expect(field.getByRole('region', { name: 'Visitas' })).toContainText('Registrada', { timeout: 15_000 });
  await expect(field.getByRole('region', { name: 'Visitas' })).toContainText('Soporte Técnico SA');
  expect(reloads).toEqual([]);
  const repair = await staff.send<{ id: string }>('POST', `/tickets/${number}/repairs`, {
    equipmentId: notebook.id,
    takenBy: 'Luis Gómez',
    destination: 'Taller de Soporte Técnico SA',
    expectedReturn: '2099-01-15',
    reason: 'Falla de la placa madre.',
  });
  await staff.send('POST', `/tickets/${number}/repairs/${repair.id}/return`, {
    returnedOn: '2099-01-16',
    condition: 'funciona',
  });
  await staff.send('POST', `/tickets/${number}/sign-off`, {
    conforme: true,
    user: { name: 'Ana Pérez' },
    head: { name: 'Marta Jefa' },
    repairStaff: { name: 'Luis Gómez' },
  });

  // Ana's ticket page, still not reloaded: her notebook, the visit (the company, no internal note), the
  // repair and the sign-off.
  await expect(field.getByRole('region', { name: 'Conformidad' })).toBeVisible({ timeout: 15_000 });
  expect(reloads).toEqual([]);
  await expect(field.getByRole('region', { name: 'Equipos' })).toContainText(
    `${inventoryNumber} · Lenovo ThinkPad T14`,
  );
  const visits = field.getByRole('region', { name: 'Visitas' });
  await expect(visits).toContainText('Soporte Técnico SA');
  await expect(visits).toContainText('Registrada');
  await expect(visits).toContainText('falla de la placa');
  await expect(field).not.toContainText('Nota interna');
  await expect(field).not.toContainText('ST-77');
  const repairs = field.getByRole('region', { name: 'Salidas a reparación' });
  await expect(repairs).toContainText('Devuelto');
  await expect(repairs).toContainText(/Volvió el 16 ene\.? 2099: Funciona/);
  const f03 = repairs.getByRole('link', { name: `Descargar el F03 de ${inventoryNumber} (PDF)` });
  const pdf = await page.request.get(`${baseUrl()}${await f03.getAttribute('href')}`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const signOff = field.getByRole('region', { name: 'Conformidad' });
  await expect(signOff).toContainText('Conforme');
  await expect(signOff).toContainText('Marta Jefa');
  await expect(signOff).toContainText('Luis Gómez');
  await checkPage(page, 'requester-field-attention');
});
