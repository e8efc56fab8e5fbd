import { expect, test } from '@playwright/test';
import { baseUrl, checkPage, signIn, unique } from './support';

test('an administrator connects Alertmanager: the secret is shown once, an alert opens a ticket whose workspace shows it', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const tag = unique();
  const { email, password } = JSON.parse(process.env.CAU_E2E_ADMIN ?? '{}') as { email: string; password: string };
  await signIn(page, email, password);
  await page.getByRole('navigation', { name: 'Administración' }).getByRole('link', { name: 'Monitoreo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Integraciones de monitoreo' })).toBeVisible();

  // With the keyboard: the button opens the form, the fields are filled, Enter sends it.
  await page.getByRole('button', { name: 'Nueva integración' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Nueva integración de monitoreo' });
  const name = `Prometheus ${tag}`;
  await dialog.getByLabel('Nombre').fill(name);
  await dialog.getByLabel('Jurisdicción de los tickets').fill('CAU');
  await dialog.getByLabel('Categoría de los tickets').fill('no-existe');
  await dialog.getByLabel('Solicitante (equipo de monitoreo)').fill('Equipo de monitoreo');
  await dialog.getByLabel('Correo del solicitante').fill(`monitoreo.${tag}@cau.gob.ar`);
  await dialog.getByLabel('Área por omisión').selectOption('UIT');
  await dialog.getByRole('button', { name: 'Agregar regla' }).click();
  await dialog.getByLabel('Etiqueta', { exact: true }).fill('team');
  await dialog.getByLabel('Valor o grupo').fill('redes');
  await dialog.getByLabel('Área', { exact: true }).selectOption('UPAT');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  // The catalogue refuses the category by name, and nothing is created.
  await expect(dialog.getByText(/categoría desconocida|no-existe/).first()).toBeVisible();
  await checkPage(page, 'admin-monitoring-refused');
  await dialog.getByLabel('Categoría de los tickets').fill('sistemas-y-aplicaciones');
  await dialog.getByLabel('Categoría de los tickets').press('Enter');

  const shown = page.getByRole('dialog', { name: `Webhook de «${name}»` });
  await expect(shown.getByText('El secreto se muestra solo esta vez')).toBeVisible();
  const url = (await shown.getByTestId('shown-URL del webhook').textContent())!;
  const secret = (await shown.getByTestId('shown-Secreto').textContent())!;
  expect(url).toMatch(new RegExp(`^${baseUrl()}/api/v1/webhooks/monitoring/[0-9a-f-]{36}$`));
  await checkPage(page, 'admin-monitoring-secret');
  await shown.getByRole('button', { name: 'Listo' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: name }).getByText(url)).toBeVisible();

  // Alertmanager posts an alert (its webhook payload, version 4), then the same alert again.
  const alert = {
    receiver: 'cau',
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'InstanceDown', instance: `srv-${tag}:9100`, job: 'node', severity: 'critical' },
        annotations: { summary: `srv-${tag} no responde` },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus:9090/graph',
        fingerprint: `fp${tag}`,
      },
    ],
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    version: '4',
    groupKey: '{}:{}',
    truncatedAlerts: 0,
  };
  const post = () =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify(alert),
    });
  expect((await post()).status).toBe(200);
  expect((await post()).status).toBe(200);

  await page.reload();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row.getByRole('cell', { name: '2', exact: true })).toBeVisible();
  await checkPage(page, 'admin-monitoring');
  await row.getByRole('link').click();
  const section = page.getByRole('region', { name: 'Alerta de monitoreo' });
  await expect(section.getByText('InstanceDown', { exact: true })).toBeVisible();
  await expect(section.getByText('Disparos: 2', { exact: false })).toBeVisible();
  await expect(section.getByText(`instance=srv-${tag}:9100`)).toBeVisible();
  await checkPage(page, 'workspace-monitoring-alert');
});
