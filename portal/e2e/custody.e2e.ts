import { readFileSync } from 'node:fs';
import { pdfText } from '@cau/testing';
import { expect, test, type Page } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, signIn, unique } from './support';

/** Puts a person in the requester directory the way the desk does: a ticket registered for them. */
async function registerFor(api: Api, email: string, name: string, key: string): Promise<void> {
  await api.send(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email, name },
      jurisdiction: 'SALUD',
      title: 'Pedido de equipo',
      description: 'Necesita un equipo para su puesto.',
      type: 'incidente',
      category: 'correo-electronico',
      impact: 'bajo',
      urgency: 'media',
    },
    { 'Idempotency-Key': key },
  );
}

/** Draws a stroke on the signature canvas with the mouse. */
async function drawSignature(page: Page): Promise<void> {
  const box = (await page.getByRole('img', { name: 'Espacio para dibujar la firma' }).boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 12; step++) {
    await page.mouse.move(box.x + 20 + step * 18, box.y + box.height / 2 + (step % 2 ? -25 : 25), { steps: 3 });
  }
  await page.mouse.up();
}

test('staff assign and transfer custody from the equipment page; the holder reads, signs and accepts it in "Mi equipo"', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const operator = { email: `operador.res.${tag}@cau.gob.ar`, name: 'Oscar Operador', role: 'operator' };
  const ana = { email: `ana.res.${tag}@salud.gob.ar`, name: 'Ana Pérez', role: 'requester' };
  const beto = { email: `beto.res.${tag}@salud.gob.ar`, name: 'Beto Gómez', role: 'requester' };
  for (const account of [operator, ana, beto]) await createAccount(admin, account);
  const staff = await Api.login(operator.email, 'clave-de-prueba-portal');
  await registerFor(staff, ana.email, ana.name, `res-ana-${tag}`);
  await registerFor(staff, beto.email, beto.name, `res-beto-${tag}`);
  const number = `RES-${tag.toUpperCase()}`;
  const notebook = await staff.send<{ id: string }>('POST', '/inventory/equipment', {
    inventoryNumber: number,
    serial: `SN-${tag}`,
    type: 'notebook',
    brand: 'Lenovo',
    model: 'ThinkPad E14',
    location: { building: 'Casa de Gobierno', floor: '1', office: '105' },
    state: 'en_stock',
  });

  // Staff: find Ana as they type, pick her with the keyboard, write the note, assign.
  await signIn(page, operator.email);
  await page.goto(`${baseUrl()}/inventario/${notebook.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Equipo ${number}` })).toBeVisible();
  await page.getByRole('button', { name: 'Asignar a esta persona' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Elija primero a la persona' })).toBeVisible();
  const finder = page.getByRole('combobox', { name: 'Persona que recibe el equipo' });
  await finder.focus();
  await page.keyboard.type(`ana res ${tag}`);
  await expect(page.getByRole('option', { name: /Ana Pérez/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Recibe: Ana Pérez (${ana.email})`)).toBeVisible();
  await page.getByRole('textbox', { name: 'Nota de la entrega' }).fill('Con cargador y mochila');
  await page.getByRole('button', { name: 'Asignar a esta persona' }).focus();
  await page.keyboard.press('Enter');
  const periods = page.getByRole('table', { name: 'Resguardos' });
  await expect(periods.getByRole('row', { name: /Ana Pérez.*Lo tiene ahora.*Sin aceptar/ })).toBeVisible();
  await checkPage(page, 'custody-assigned');

  // Out for repair: the transfer is refused with the reason, and nothing changes.
  const current = await staff.send<{ revision: number }>('GET', `/inventory/equipment/${notebook.id}`);
  await staff.send('PATCH', `/inventory/equipment/${notebook.id}`, {
    revision: current.revision,
    state: 'en_reparacion',
  });
  await page.reload();
  await finder.fill(`beto res ${tag}`);
  await page.getByRole('option', { name: /Beto Gómez/ }).click();
  await page.getByRole('button', { name: 'Transferir a esta persona' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'en reparación' })).toBeVisible();
  await checkPage(page, 'custody-refused');
  await expect(periods.getByRole('row')).toHaveCount(2);
  const repaired = await staff.send<{ revision: number }>('GET', `/inventory/equipment/${notebook.id}`);
  await staff.send('PATCH', `/inventory/equipment/${notebook.id}`, { revision: repaired.revision, state: 'en_uso' });

  // A monitor too, to accept with the keyboard alone (the signature is optional here).
  const monitor = await staff.send<{ id: string }>('POST', '/inventory/equipment', {
    inventoryNumber: `${number}-M`,
    type: 'monitor',
    brand: 'Samsung',
    state: 'en_stock',
  });
  const people = await staff.send<{ items: Array<{ id: string; email: string }> }>(
    'GET',
    `/requesters?search=${encodeURIComponent(`ana res ${tag}`)}`,
  );
  await staff.send('POST', `/inventory/equipment/${monitor.id}/custody`, {
    requesterId: people.items.find((person) => person.email === ana.email)!.id,
  });

  // Ana: "Mi equipo", reads the document, draws her signature, accepts.
  await page.context().clearCookies();
  await signIn(page, ana.email);
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Mi equipo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mi equipo' })).toBeVisible();
  const card = page.getByRole('article', { name: `Notebook ${number}` });
  await expect(card).toContainText('Lenovo ThinkPad E14');
  await expect(card).toContainText('Casa de Gobierno · 1 · 105');
  await expect(card).toContainText('Resguardo sin aceptar');
  await checkPage(page, 'my-equipment');
  await card.getByRole('button', { name: 'Leer y aceptar el resguardo' }).click();
  await expect(card).toContainText(`Yo, Ana Pérez (${ana.email}), recibo en resguardo`);
  await expect(card).toContainText('Observaciones de la entrega: Con cargador y mochila');
  await card.getByRole('button', { name: 'Aceptar el resguardo' }).click();
  await expect(card.getByText('Marque la casilla para aceptar.')).toBeVisible();
  await drawSignature(page);
  await card.getByRole('checkbox', { name: /Leí el resguardo y acepto/ }).check();
  await checkPage(page, 'my-equipment-reading');
  await card.getByRole('button', { name: 'Aceptar el resguardo' }).click();
  await expect(card).toContainText('Resguardo aceptado el');
  // The PDF she downloads shows her acceptance and her signature.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('link', { name: 'Descargar el resguardo (PDF)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^resguardo-${number}-.*\\.pdf$`));
  const pdf = await pdfText(readFileSync(await download.path()));
  for (const expected of [
    'Resguardo de equipo de cómputo',
    number,
    'Lenovo',
    'Casa de Gobierno · 1 · 105',
    `Ana Pérez (${ana.email})`,
    'Con cargador y mochila',
    'Aceptado por Ana Pérez',
    'Firma dibujada al aceptar',
  ]) {
    expect(pdf).toContain(expected);
  }

  // The monitor with the keyboard alone, without drawing.
  const monitorCard = page.getByRole('article', { name: `Monitor ${number}-M` });
  await monitorCard.getByRole('button', { name: 'Leer y aceptar el resguardo' }).focus();
  await page.keyboard.press('Enter');
  await monitorCard.getByRole('checkbox').focus();
  await page.keyboard.press('Space');
  await monitorCard.getByRole('button', { name: 'Aceptar el resguardo' }).focus();
  await page.keyboard.press('Enter');
  await expect(monitorCard).toContainText('Resguardo aceptado el');
  await checkPage(page, 'my-equipment-accepted');

  // Staff see, per period, whether and when it was accepted.
  const periodsSeen = await staff.send<Array<{ acceptance: { signed: boolean } | null }>>(
    'GET',
    `/inventory/equipment/${notebook.id}/custody`,
  );
  expect(periodsSeen[0]!.acceptance?.signed).toBe(true);
  await page.context().clearCookies();
  await signIn(page, operator.email);
  await page.goto(`${baseUrl()}/inventario/${notebook.id}`);
  await expect(periods.getByRole('row', { name: /Ana Pérez.*Aceptado el .*con firma dibujada/ })).toBeVisible();
});
