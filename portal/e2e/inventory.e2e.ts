import { expect, test } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

test('staff search the inventory, read and edit a piece of equipment, and a supervisor imports a CSV', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const admin = await Api.admin();
  const tag = unique().toUpperCase();
  const supervisor = {
    email: `supervisora.inv.${tag.toLowerCase()}@cau.gob.ar`,
    name: 'Sara Supervisora',
    role: 'supervisor',
  };
  await createAccount(admin, supervisor);
  const api = await Api.login(supervisor.email, PASSWORD);
  const ids: string[] = [];
  for (const [index, type] of ['pc', 'monitor', 'impresora'].entries()) {
    const created = await api.send<{ id: string }>('POST', '/inventory/equipment', {
      inventoryNumber: `E2E-${tag}-${index + 1}`,
      serial: `SN-${tag}-${index + 1}`,
      type,
      brand: 'Dell',
      model: `Modelo ${index + 1}`,
      location: { building: 'Casa de Gobierno', floor: '2', office: '204' },
      jurisdiction: 'SALUD',
      state: 'en_uso',
      purchaseDate: '2023-03-01',
      warrantyUntil: '2026-03-01',
      attributes: { ram: '8 GB' },
    });
    ids.push(created.id);
  }
  // A person of the requester directory (a registration puts her there) receives the monitor in custody.
  const anaEmail = `ana.inv.${tag.toLowerCase()}@salud.gob.ar`;
  await api.send(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: anaEmail, name: 'Ana Pérez' },
      jurisdiction: 'SALUD',
      title: 'El monitor parpadea',
      description: 'El monitor nuevo parpadea desde ayer.',
      type: 'incidente',
      category: 'correo-electronico',
      impact: 'bajo',
      urgency: 'media',
    },
    { 'Idempotency-Key': `inv-${tag}` },
  );
  const people = await api.send<{ items: Array<{ id: string; email: string }> }>(
    'GET',
    `/requesters?search=${encodeURIComponent(`ana inv ${tag.toLowerCase()}`)}`,
  );
  const ana = people.items.find((person) => person.email === anaEmail)!;
  await api.send('POST', `/inventory/equipment/${ids[1]}/custody`, { requesterId: ana.id });

  await signIn(page, supervisor.email);
  await page
    .getByRole('navigation', { name: 'Navegación principal' })
    .getByRole('link', { name: 'Inventario' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inventario de equipos' })).toBeVisible();

  // Keyboard only: the search box, the text, Enter.
  await page.getByRole('textbox', { name: 'Buscar' }).focus();
  await page.keyboard.type(`SN-${tag}-2`);
  await page.keyboard.press('Enter');
  const table = page.getByRole('region', { name: 'Equipos' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('link', { name: `E2E-${tag}-2` })).toBeVisible();
  await checkPage(page, 'inventory-list');

  await table.getByRole('link', { name: `E2E-${tag}-2` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Equipo E2E-${tag}-2` })).toBeVisible();
  await expect(page.getByText('Casa de Gobierno · 2 · 204')).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Resguardos' }).getByRole('row', { name: /Ana Pérez.*Lo tiene ahora/ }),
  ).toBeVisible();
  await checkPage(page, 'inventory-equipment');

  await page.getByRole('link', { name: 'Editar' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Editar el equipo E2E-${tag}-2` })).toBeVisible();
  await page.getByRole('textbox', { name: 'Oficina' }).fill('310');
  await page.getByLabel('Estado').selectOption('en_reparacion');
  await checkPage(page, 'inventory-edit');
  await page.getByRole('textbox', { name: 'Oficina' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Equipo E2E-${tag}-2` })).toBeVisible();
  await expect(page.getByText('En reparación').first()).toBeVisible();
  const change = page.getByRole('table', { name: 'Cambios' }).first();
  await expect(change.getByRole('row', { name: /office 204 310/ })).toBeVisible();

  // The import: a bad row refuses the whole file, naming its line; the fixed file imports.
  await page.goto(`${baseUrl()}/inventario/importar`);
  await expect(page.getByRole('heading', { level: 1, name: 'Importar equipos desde un CSV' })).toBeVisible();
  const header = 'numero_inventario,tipo,estado,marca';
  const bad = `${header}\nCSV-${tag}-1,PC,en uso,HP\nCSV-${tag}-2,tostadora,en uso,HP\n`;
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'inventario.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: 'Importar' }).click();
  const refusal = page.getByRole('alert');
  await expect(refusal).toContainText('no se importó ninguna fila');
  await expect(refusal).toContainText('Línea 3, columna "tipo": "tostadora" no es un tipo de equipo conocido (PC,');
  await checkPage(page, 'inventory-import-refused');

  const good = `${header}\nCSV-${tag}-1,PC,en uso,HP\nCSV-${tag}-2,Dispositivo de red,En stock,Cisco\n`;
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'inventario.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByRole('button', { name: 'Importar' }).focus();
  await page.keyboard.press('Enter');
  const report = page.getByRole('status').filter({ hasText: 'Importación terminada' });
  await expect(report).toContainText('Nuevos');
  await expect(report).toContainText('2');
  await checkPage(page, 'inventory-import-done');
});
