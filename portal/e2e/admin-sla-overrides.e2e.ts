import { expect, test } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, signIn, unique } from './support';

interface SlaPolicies {
  policies: Array<{ priority: string; responseMinutes: number; resolutionMinutes: number }>;
  overrides: Array<{
    scope: string;
    code: string;
    priority: string;
    responseMinutes: number;
    resolutionMinutes: number;
  }>;
  preview: {
    dueDates: Array<{ priority: string; responseDueAt: string }>;
    overrides: Array<{ scope: string; code: string; priority: string; responseDueAt: string }>;
  };
}
interface TicketView {
  service: string | null;
  priority: string | null;
  serviceLevel?: { responseDueAt: string | null } | null;
}

const adminCredentials = () => JSON.parse(process.env.CAU_E2E_ADMIN ?? '{}') as { email: string; password: string };

test('an administrator gives a service its own targets, and a call about that service is measured against them', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const admin = await Api.admin();
  const tag = unique();
  const code = `turnos-${tag}`;
  const label = `Sistema de turnos ${tag}`;
  await admin.send('PUT', `/catalogue/services/${code}`, { label: { es: label, en: `Appointments ${tag}` } });
  const before = await admin.send<SlaPolicies>('GET', '/sla/policies');
  const general = before.policies.find((policy) => policy.priority === 'MEDIA')!;
  const operatorEmail = `operadora.${tag}@cau.gob.ar`;
  await createAccount(admin, { email: operatorEmail, name: 'Olga Operadora', role: 'operator', area: 'L1' });

  try {
    const { email, password } = adminCredentials();
    await signIn(page, email, password);
    await page.goto(`${baseUrl()}/admin/niveles`);
    await expect(page.getByRole('heading', { level: 1, name: 'Niveles de servicio' })).toBeVisible();
    const section = page.getByRole('region', { name: 'Tiempos propios de un servicio o una jurisdicción' });
    await expect(section.getByLabel('Tiempos propios de')).toHaveValue('service');
    // By keyboard: a closed native select takes the typed beginning of an option.
    await section.getByLabel('Servicio', { exact: true }).focus();
    await section.getByLabel('Servicio', { exact: true }).selectOption(code);
    await section.getByLabel('Prioridad').focus();
    await page.keyboard.type('Media');
    await expect(section.getByLabel('Prioridad')).toHaveValue('MEDIA');
    await section.getByRole('button', { name: 'Agregar' }).focus();
    await page.keyboard.press('Enter');
    const target = `Servicio ${label} (${code}), prioridad Media`;
    const response = section.getByLabel(`Primera respuesta: ${target} (minutos hábiles)`);
    // A new override starts from the general targets of its priority.
    await expect(response).toHaveValue(`${general.responseMinutes} min`);
    // The same service and priority twice is said at once.
    await section.getByRole('button', { name: 'Agregar' }).click();
    await expect(section.getByRole('alert')).toHaveText(/ya tiene tiempos propios para esa prioridad/);
    await response.fill('45');
    await page.getByRole('button', { name: 'Guardar los niveles de servicio' }).click();
    await expect(page.getByText('Niveles de servicio guardados.')).toBeVisible();
    const saved = await admin.send<SlaPolicies>('GET', '/sla/policies');
    expect(saved.overrides).toContainEqual({
      scope: 'service',
      code,
      priority: 'MEDIA',
      responseMinutes: 45,
      resolutionMinutes: general.resolutionMinutes,
    });
    await expect(page.locator(`[data-preview="service:${code}:MEDIA"]`)).toContainText(
      `Servicio ${code}, prioridad Media: primera respuesta hasta el`,
    );
    await checkPage(page, 'admin-sla-overrides');

    // The desk registers a call about that service (MEDIA: low impact, high urgency).
    await page.context().clearCookies();
    await signIn(page, operatorEmail);
    await page.goto(`${baseUrl()}/consola/registrar`);
    await expect(page.getByRole('heading', { name: 'Registrar un pedido', level: 1 })).toBeVisible();
    const requesterBox = page.getByRole('group', { name: 'Solicitante' });
    await requesterBox.getByRole('textbox', { name: /Nombre y apellido/ }).fill('Teresa Turnos');
    await requesterBox.getByRole('textbox', { name: /Correo electrónico/ }).fill(`teresa.${tag}@salud.gob.ar`);
    await requesterBox.getByRole('textbox', { name: /Jurisdicción/ }).fill('SALUD');
    await page.getByRole('textbox', { name: /Asunto/ }).fill(`No se pueden dar turnos ${tag}`);
    await page.getByRole('textbox', { name: /Descripción/ }).fill('El sistema de turnos no carga desde la mañana.');
    await page.getByRole('combobox', { name: /^Tipo/ }).click();
    await page.getByRole('option', { name: 'Incidente', exact: true }).click();
    await page.getByRole('combobox', { name: /^Categoría/ }).click();
    await page.getByRole('option', { name: 'Red e internet' }).click();
    await page.getByRole('combobox', { name: /^Servicio/ }).click();
    await page.getByRole('option', { name: label }).click();
    await page.getByLabel('Bajo: una persona').check();
    await page.getByLabel(/^Alta:/).check();
    const policiesAtRegistration = await admin.send<SlaPolicies>('GET', '/sla/policies');
    await page.getByRole('button', { name: 'Registrar', exact: true }).click();
    const notice = page.getByText(/^Ticket n\.º \d+ registrado$/);
    await expect(notice).toBeVisible();
    const number = Number((await notice.textContent())!.match(/\d+/)![0]);
    await expect(page).toHaveURL(new RegExp(`/tickets/${number}$`));
    await expect(page.getByRole('heading', { name: `No se pueden dar turnos ${tag}` })).toBeVisible();
    await expect(page.getByText(label, { exact: true })).toBeVisible();

    // Its first-response target is the service's 45 minutes, not the general MEDIA one.
    const operator = await Api.login(operatorEmail, 'clave-de-prueba-portal');
    const view = await expect
      .poll(async () => (await operator.send<TicketView>('GET', `/tickets/${number}`)).serviceLevel?.responseDueAt, {
        timeout: 60_000,
      })
      .toBeTruthy()
      .then(() => operator.send<TicketView>('GET', `/tickets/${number}`));
    expect(view.service).toBe(code);
    expect(view.priority).toBe('MEDIA');
    const due = Date.parse(view.serviceLevel!.responseDueAt!);
    const serviceDue = Date.parse(
      policiesAtRegistration.preview.overrides.find((o) => o.code === code && o.priority === 'MEDIA')!.responseDueAt,
    );
    const generalDue = Date.parse(
      policiesAtRegistration.preview.dueDates.find((d) => d.priority === 'MEDIA')!.responseDueAt,
    );
    // Registered seconds after the preview was read: the same due date within a couple of minutes.
    expect(Math.abs(due - serviceDue)).toBeLessThan(120_000);
    expect(Math.abs(due - generalDue)).toBeGreaterThan(30 * 60_000);
    // The registration notice, fading out while axe reads the page, would be measured mid-transition.
    const closeNotice = page.getByRole('button', { name: 'Cerrar el aviso' });
    if ((await closeNotice.count()) > 0)
      await closeNotice
        .first()
        .click({ timeout: 5_000 })
        .catch(() => undefined);
    await expect(notice).toBeHidden();
    await checkPage(page, 'workspace-service');
  } finally {
    await admin.send('PUT', '/sla/policies', { policies: before.policies, overrides: before.overrides });
  }
});
