import { expect, test, type Page } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique, waitForMail } from './support';

interface Graph {
  areas: Array<{ code: string; name: string; isEntry: boolean }>;
  entryArea: string;
  edges: Array<{ from: string; to: string; kind: string }>;
}
interface SlaPolicies {
  policies: Array<{ priority: string; responseMinutes: number; resolutionMinutes: number }>;
}

const adminCredentials = () =>
  JSON.parse(process.env.CAU_E2E_ADMIN ?? '{}') as {
    email: string;
    password: string;
  };

async function signInAsAdmin(page: Page): Promise<void> {
  const { email, password } = adminCredentials();
  await signIn(page, email, password);
}

const ticketBody = (tag: string, requester: string, title: string) => ({
  channel: 'telefono',
  requester: { email: requester, name: 'Ana Pérez' },
  jurisdiction: 'SALUD',
  title,
  description: `La computadora no enciende (${tag}).`,
  type: 'incidente',
  category: 'red-e-internet',
  impact: 'bajo',
  urgency: 'media',
});

test('an administrator adds an area and its derivations by keyboard, and a ticket is derived there at once', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const code = `E2E_${tag.toUpperCase()}`;
  const name = `Soporte de impresoras ${tag}`;
  const operator = { email: `operador.${tag}@cau.gob.ar`, name: 'Oscar Operador', role: 'operator', area: 'L1' };
  const agent = { email: `agente.${tag}@cau.gob.ar`, name: 'Irma Impresoras', role: 'agent', area: code };
  await createAccount(admin, operator);

  // Staff who are not administrators do not have the pages.
  await signIn(page, operator.email);
  await page.goto(`${baseUrl()}/admin/areas`);
  await expect(page.getByRole('heading', { level: 1, name: 'Página no encontrada' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Administración' })).toHaveCount(0);
  await page.context().clearCookies();

  await signInAsAdmin(page);
  await page
    .getByRole('navigation', { name: 'Administración' })
    .getByRole('link', { name: 'Áreas y derivaciones' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Áreas y derivaciones' })).toBeVisible();
  const drawing = page.getByTestId('graph-drawing');
  await expect(drawing.locator('[data-area="L1"]')).toBeVisible();
  await expect(drawing.locator('[data-edge="L1-UIT"]')).toHaveCount(1);
  await checkPage(page, 'admin-areas');

  // The keyboard path: fields reached with Tab, forms sent with Enter.
  const addArea = page.getByRole('form', { name: 'Agregar un área' });
  await addArea.getByLabel('Código').focus();
  await page.keyboard.type(code);
  await page.keyboard.press('Tab');
  await expect(addArea.getByLabel('Nombre')).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  const newRow = page.locator(`[data-area-row="${code}"]`);
  await expect(newRow).toContainText(name);
  await expect(newRow).toContainText('Nueva');
  await expect(drawing.locator(`[data-area="${code}"]`)).toBeVisible();

  const addEdge = page.getByRole('form', { name: 'Agregar una derivación' });
  // A closed native select takes the typed beginning of an option (type-ahead); Tab moves on.
  await addEdge.getByLabel('De').focus();
  await page.keyboard.type('L1');
  await expect(addEdge.getByLabel('De')).toHaveValue('L1');
  await page.keyboard.press('Tab');
  await page.keyboard.type(code);
  await expect(addEdge.getByLabel('A', { exact: true })).toHaveValue(code);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(addEdge.getByRole('button', { name: 'Agregar la derivación' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-edge-item="L1-${code}"]`)).toContainText('Escalamiento');
  await expect(drawing.locator(`[data-edge="L1-${code}"]`)).toHaveCount(1);

  // Without a way back to the entry area the service refuses the graph, and the page says why.
  await page.getByRole('button', { name: 'Guardar áreas y derivaciones' }).focus();
  await page.keyboard.press('Enter');
  const refusal = page.getByRole('alert').filter({ hasText: 'El servicio no aceptó el cambio' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText(code);
  await checkPage(page, 'admin-areas-refused');
  expect((await admin.send<Graph>('GET', '/routing/graph')).areas.map((area) => area.code)).not.toContain(code);

  await addEdge.getByLabel('De').focus();
  await page.keyboard.type(code);
  await expect(addEdge.getByLabel('De')).toHaveValue(code);
  await page.keyboard.press('Tab');
  await page.keyboard.type('L1');
  await expect(addEdge.getByLabel('A', { exact: true })).toHaveValue('L1');
  await addEdge.getByRole('button', { name: 'Agregar la derivación' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-edge-item="${code}-L1"]`)).toContainText('Devolución');
  await page.getByRole('button', { name: 'Guardar áreas y derivaciones' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Áreas y derivaciones guardadas.')).toBeVisible();
  await expect(page.getByText('Cambios sin guardar')).toBeHidden();
  await expect(newRow).not.toContainText('Nueva');
  const stored = await admin.send<Graph>('GET', '/routing/graph');
  expect(stored.areas).toContainEqual({ code, name, isEntry: false });
  expect(stored.edges).toEqual(
    expect.arrayContaining([
      { from: 'L1', to: code, kind: 'escalate' },
      { from: code, to: 'L1', kind: 'return' },
    ]),
  );
  await checkPage(page, 'admin-areas-saved');

  // A ticket goes there and is worked there, with nothing restarted.
  await createAccount(admin, agent);
  const operatorApi = await Api.login(operator.email, PASSWORD);
  const agentApi = await Api.login(agent.email, PASSWORD);
  const { number } = await operatorApi.send<{ number: number }>(
    'POST',
    '/tickets',
    ticketBody(tag, `ana.${tag}@salud.gob.ar`, `La impresora no imprime ${tag}`),
    { 'Idempotency-Key': `admin-area-${tag}` },
  );
  await operatorApi.eventually('POST', `/tickets/${number}/derivations`, {
    to: code,
    reason: 'Lo atiende el nuevo soporte de impresoras.',
  });
  await agentApi.eventually('POST', `/tickets/${number}/take`, undefined, 30_000);
  await expect
    .poll(async () => {
      const ticket = await agentApi.send<{ area: string; assignee: { name: string } | null }>(
        'GET',
        `/tickets/${number}`,
      );
      return [ticket.area, ticket.assignee?.name];
    })
    .toEqual([code, agent.name]);

  // Renaming keeps the code.
  await newRow.getByRole('button', { name: `Renombrar el área ${code}` }).click();
  const dialog = page.getByRole('dialog', { name: `Renombrar el área ${code}` });
  await dialog.getByLabel('Nombre').fill(`${name} (renombrada)`);
  await dialog.getByRole('button', { name: 'Renombrar' }).click();
  await expect(newRow).toContainText(`${name} (renombrada)`);
});

test('an administrator edits a mail template with a live preview, and the next mail of that kind uses it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  try {
    await signInAsAdmin(page);
    await page.goto(`${baseUrl()}/admin/plantillas`);
    await expect(page.getByRole('heading', { level: 1, name: 'Plantillas de correo' })).toBeVisible();
    await checkPage(page, 'admin-templates');
    await page.getByRole('link', { name: 'Editar la plantilla «Ticket registrado» en Español' }).click();
    const editor = page.getByRole('region', { name: 'Ticket registrado · Español' });
    await expect(editor).toBeVisible();
    // The preview of the mail in force comes first.
    await expect(page.getByTestId('preview-subject')).toContainText('[CAU #');
    // The editor starts from the built-in text, placeholders and all, not from an empty form.
    await expect(editor.getByLabel('Asunto')).toHaveValue(/\{\{number\}\}/);
    await expect(editor.getByLabel('Texto')).toHaveValue(/\{\{ticketUrl\}\}/);

    await editor.getByLabel('Asunto').fill(`[CAU #{{number}}] Recibimos su pedido ${tag}: {{title}}`);
    await editor.getByLabel('Texto').fill(`Hola {{requesterName}}:\nRegistramos su pedido ${tag}.\n{{ticketUrl}}`);
    await editor
      .getByLabel('HTML')
      .fill(`<p>Hola {{requesterName}}:</p><p>Registramos su pedido ${tag}.</p><p><a href="{{ticketUrl}}">Ver</a></p>`);
    // Live: the preview follows the draft without saving it.
    await expect(page.getByTestId('preview-subject')).toContainText(`Recibimos su pedido ${tag}`);
    await expect(page.getByTestId('preview-text')).toContainText(`Registramos su pedido ${tag}.`);
    await expect(
      page.frameLocator('iframe[title="Vista previa del HTML"]').getByText(`Registramos su pedido ${tag}.`),
    ).toBeVisible();

    // A placeholder this mail does not have is refused by the preview, naming it.
    await editor.getByLabel('Texto').fill(`Hola {{nombre}} ${tag}`);
    await expect(page.getByRole('alert').filter({ hasText: 'La plantilla no puede mostrarse' })).toContainText(
      'nombre',
    );
    await checkPage(page, 'admin-templates-refused');
    await editor.getByLabel('Texto').fill(`Hola {{requesterName}}:\nRegistramos su pedido ${tag}.\n{{ticketUrl}}`);
    await expect(page.getByTestId('preview-text')).toContainText(`Registramos su pedido ${tag}.`);

    await editor.getByRole('button', { name: 'Guardar como nueva versión' }).click();
    await expect(page.getByText('Plantilla guardada: el próximo correo de este tipo la usa.')).toBeVisible();
    await expect(editor.getByText(/^Versión \d+$/)).toBeVisible();
    await expect(
      editor
        .getByRole('list')
        .getByText(/^Versión \d+, /)
        .first(),
    ).toBeVisible();
    await checkPage(page, 'admin-templates-editor');

    const operator = { email: `operador.${tag}@cau.gob.ar`, name: 'Oscar Operador', role: 'operator', area: 'L1' };
    await createAccount(admin, operator);
    const operatorApi = await Api.login(operator.email, PASSWORD);
    const requester = `ana.${tag}@salud.gob.ar`;
    const { number } = await operatorApi.send<{ number: number }>(
      'POST',
      '/tickets',
      ticketBody(tag, requester, `Sin correo ${tag}`),
      { 'Idempotency-Key': `admin-template-${tag}` },
    );
    const mail = await waitForMail(requester, (raw) => raw.includes(`#${number}`));
    expect(mail).toContain(`Recibimos su pedido ${tag}`);
    expect(mail).toContain(`Registramos su pedido ${tag}.`);

    // Back to the built-in template, recorded as one more version.
    await editor.getByRole('button', { name: 'Volver a la plantilla incorporada' }).click();
    await expect(page.getByText('Rige de nuevo la plantilla incorporada.')).toBeVisible();
    await expect(editor.getByText('volvió a la incorporada', { exact: false }).first()).toBeVisible();
  } finally {
    await admin.send('DELETE', '/notifications/templates/ticket-registered/es').catch(() => undefined);
  }
});

test('an administrator edits the service levels, and sees the mails and the scheduled reports', async ({ page }) => {
  test.setTimeout(240_000);
  const admin = await Api.admin();
  const tag = unique();
  const before = await admin.send<SlaPolicies>('GET', '/sla/policies');
  try {
    await signInAsAdmin(page);
    await page.goto(`${baseUrl()}/admin/niveles`);
    await expect(page.getByRole('heading', { level: 1, name: 'Niveles de servicio' })).toBeVisible();
    const low = before.policies.find((policy) => policy.priority === 'BAJA')!;
    const field = page.getByLabel('Primera respuesta, prioridad Baja (minutos hábiles)');
    await expect(field).toHaveValue(`${low.responseMinutes} min`);
    await field.fill(String(low.responseMinutes + 7));
    await page.getByRole('button', { name: 'Guardar los niveles de servicio' }).click();
    await expect(page.getByText('Niveles de servicio guardados.')).toBeVisible();
    await expect
      .poll(
        async () =>
          (await admin.send<SlaPolicies>('GET', '/sla/policies')).policies.find((p) => p.priority === 'BAJA')
            ?.responseMinutes,
      )
      .toBe(low.responseMinutes + 7);
    // The service says when a ticket registered now would be due under each saved target.
    await expect(page.locator('[data-preview="BAJA"]')).toContainText('Baja: primera respuesta hasta el');
    await page.reload();
    await expect(page.getByLabel('Primera respuesta, prioridad Baja (minutos hábiles)')).toHaveValue(
      `${low.responseMinutes + 7} min`,
    );
    // Out of range is said before sending.
    await page.getByLabel('Solución, prioridad Alta (minutos hábiles)').fill('0');
    await expect(page.getByText('Un número entero de minutos entre 1 y 525.600.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Guardar los niveles de servicio' })).toBeDisabled();
    await checkPage(page, 'admin-sla');
  } finally {
    await admin.send('PUT', '/sla/policies', { policies: before.policies });
  }

  await page.goto(`${baseUrl()}/admin/correos`);
  await expect(page.getByRole('heading', { level: 1, name: 'Correos' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /correos? fallidos?/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /correos? recibidos?/ })).toBeVisible();
  await page.getByLabel('Estado').selectOption('failed');
  await expect(page).toHaveURL(/inbound=failed/);
  await checkPage(page, 'admin-mails');
  // Mails a sender handed to the server before it stopped are listed apart: they are not sent again by themselves.
  await page.getByLabel('Resultado del envío').selectOption('uncertain');
  await expect(page).toHaveURL(/outbound=uncertain/);
  await expect(page.getByRole('status').filter({ hasText: /correos? con resultado incierto/ })).toBeVisible();
  await expect(page.getByText('lo más probable es que hayan llegado', { exact: false })).toBeVisible();

  await page.goto(`${baseUrl()}/admin/informes-programados`);
  await expect(page.getByRole('heading', { level: 1, name: 'Informes programados' })).toBeVisible();
  const recipients = page.getByLabel('Destinatarios');
  await recipients.fill(`no es un correo ${tag}`);
  await page.getByRole('button', { name: 'Programar', exact: true }).click();
  await expect(page.getByText('Estas direcciones no son válidas', { exact: false })).toBeVisible();
  await page.getByLabel('Período').selectOption('month');
  await recipients.fill(`Jefa.${tag}@cau.gob.ar,\nauditoria.${tag}@cau.gob.ar`);
  await page.getByRole('button', { name: 'Programar', exact: true }).click();
  await expect(page.getByText('Informe programado.')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: `jefa.${tag}@cau.gob.ar, auditoria.${tag}@cau.gob.ar` });
  await expect(row).toContainText('Mensual');
  await expect(row).toContainText('Todavía ninguno');
  await checkPage(page, 'admin-schedules');
  await row.getByRole('button', { name: /^Eliminar el informe Mensual/ }).click();
  await expect(row).toBeHidden();
  const left = await admin.send<Array<{ recipients: string[] }>>('GET', '/reports/schedules');
  expect(left.some((schedule) => schedule.recipients.includes(`jefa.${tag}@cau.gob.ar`))).toBe(false);
});
