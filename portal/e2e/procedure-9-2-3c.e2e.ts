import { expect, test, type Page } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

/*
 * Issue 12, procedure 9.2 step 3.C (a security incident): L1 derives to UIT, UIT to ACGII, ACGII
 * reclassifies it (priority alta, the SLA follows) and coordinates the response with UIT, UIT applies it and
 * returns it to L1, the desk submits it and a supervisor approves. Every actor works in their own browser;
 * the API only sets up the accounts and the call, and is what the pages are checked against.
 */

interface ServiceLevel {
  responseDueAt: string | null;
  respondedAt: string | null;
  resolutionDueAt: string | null;
  resolvedAt: string | null;
}
interface TicketView {
  area: string | null;
  status: string;
  priority: string | null;
  type: string;
  serviceLevel: ServiceLevel | null;
  timeline: Array<{ type: string; by: { name: string } | null; summary: { es: string; en: string } }>;
}
interface PathView {
  steps: Array<{ kind: string; from: string | null; to: string; reason: string; by: { name: string } | null }>;
}

const ticketHeader = (page: Page) => page.locator('header', { has: page.getByRole('heading', { level: 1 }) });
const timeline = (page: Page) => page.getByRole('region', { name: /^Seguimiento/ });
const actions = (page: Page) => page.getByRole('region', { name: 'Acciones' });
const pathCard = (page: Page) => page.getByRole('region', { name: 'Recorrido' });

/** The date as the portal writes it, formatted in the page (its locale and time zone). */
const shownDate = (page: Page, iso: string): Promise<string> =>
  page.evaluate(
    (at) => new Intl.DateTimeFormat('es-AR', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)),
    iso,
  );

async function derive(page: Page, target: RegExp, reason: string, area: string): Promise<void> {
  await actions(page).getByRole('button', { name: 'Derivar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Derivar' });
  await dialog.getByRole('radio', { name: target }).check();
  await dialog.getByLabel('Motivo').fill(reason);
  await dialog.getByRole('button', { name: 'Derivar' }).click();
  await expect(dialog).toBeHidden();
  await expect(ticketHeader(page).getByText(new RegExp(`^${area} · `))).toBeVisible();
}

async function take(page: Page, name: string): Promise<void> {
  await actions(page).getByRole('button', { name: 'Tomar' }).click();
  await expect(ticketHeader(page).getByText(name, { exact: true })).toBeVisible();
}

test('9.2 3.C: a security incident goes L1 → UIT → ACGII (reclassified ALTA) → UIT → L1 and is closed', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const admin = await Api.admin();
  const tag = unique();
  const people = {
    operator: { email: `op.${tag}@cau.gob.ar`, name: `Olivia Mesa ${tag}`, role: 'operator', area: 'L1' },
    uit: { email: `uit.${tag}@cau.gob.ar`, name: `Ulises Infra ${tag}`, role: 'agent', area: 'UIT' },
    acgii: { email: `acgii.${tag}@cau.gob.ar`, name: `Ada Seguridad ${tag}`, role: 'agent', area: 'ACGII' },
    supervisor: { email: `sup.${tag}@cau.gob.ar`, name: `Sergio Supervisor ${tag}`, role: 'supervisor', area: 'L1' },
  };
  for (const account of Object.values(people)) await createAccount(admin, account);
  const operatorApi = await Api.login(people.operator.email, PASSWORD);
  const title = `Correos sospechosos desde una cuenta oficial ${tag}`;
  const { number } = await operatorApi.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `ines.${tag}@hacienda.gob.ar`, name: 'Inés Hacienda' },
      jurisdiction: 'HACIENDA',
      title,
      description: 'Una cuenta del área envía correos con enlaces que nadie escribió.',
      type: 'incidente',
      category: 'red-e-internet',
      impact: 'medio',
      urgency: 'media',
    },
    { 'Idempotency-Key': `p923c-${tag}` },
  );
  const read = () => operatorApi.send<TicketView>('GET', `/tickets/${number}`);
  await expect
    .poll(async () => (await read().catch(() => null))?.serviceLevel?.resolutionDueAt ?? null, { timeout: 60_000 })
    .not.toBeNull();

  const open = async (person: { email: string }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, person.email);
    await page.goto(`${baseUrl()}/tickets/${number}`);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    return { context, page };
  };

  // L1 takes the call and derives it to UIT.
  const desk = await open(people.operator);
  await take(desk.page, people.operator.name);
  await derive(desk.page, /Escalar a UIT/, 'Cuenta de correo comprometida: lo ve Infraestructura.', 'UIT');

  // UIT sees a security incident and derives it to ACGII.
  const uit = await open(people.uit);
  await take(uit.page, people.uit.name);
  await derive(uit.page, /Escalar a ACGII/, 'Es un incidente de seguridad: acceso no autorizado a la cuenta.', 'ACGII');

  // ACGII classifies and prioritizes it: a security incident, high impact and urgency → ALTA.
  const acgii = await open(people.acgii);
  await take(acgii.page, people.acgii.name);
  await expect(ticketHeader(acgii.page).getByText('Prioridad Media')).toBeVisible();
  const before = await read();
  await actions(acgii.page).getByRole('button', { name: 'Reclasificar' }).click();
  const reclassify = acgii.page.getByRole('dialog', { name: 'Reclasificar' });
  await reclassify.getByRole('combobox', { name: /^Tipo/ }).click();
  await acgii.page.getByRole('option', { name: 'Incidente de seguridad' }).click();
  await reclassify.getByRole('combobox', { name: /^Impacto/ }).click();
  await acgii.page.getByRole('option', { name: /^Alto/ }).click();
  await reclassify.getByRole('combobox', { name: /^Urgencia/ }).click();
  await acgii.page.getByRole('option', { name: /^Alta/ }).click();
  await reclassify.getByRole('button', { name: 'Reclasificar' }).click();
  await expect(reclassify.getByText('Este dato es obligatorio.')).toBeVisible();
  const why = 'Acceso no autorizado confirmado: afecta al correo oficial de toda la unidad.';
  await reclassify.getByLabel('Motivo de la reclasificación').fill(why);
  await checkPage(acgii.page, 'workspace-reclassify');
  await reclassify.getByRole('button', { name: 'Reclasificar' }).click();
  await expect(reclassify).toBeHidden();
  await expect(acgii.page.getByText('Ticket reclasificado. Prioridad recalculada: Alta.')).toBeVisible();
  await expect(ticketHeader(acgii.page).getByText('Prioridad Alta')).toBeVisible();
  await expect(ticketHeader(acgii.page).getByText('Incidente de seguridad')).toBeVisible();
  // The SLA due dates follow the new priority, and the page shows the service's.
  await expect
    .poll(async () => (await read()).serviceLevel?.resolutionDueAt, { timeout: 60_000 })
    .not.toBe(before.serviceLevel?.resolutionDueAt);
  const after = await read();
  expect(after.priority).toBe('ALTA');
  expect(after.type).toBe('incidente_seguridad');
  expect(Date.parse(after.serviceLevel!.resolutionDueAt!)).toBeLessThan(
    Date.parse(before.serviceLevel!.resolutionDueAt!),
  );
  await expect(
    ticketHeader(acgii.page)
      .getByText(await shownDate(acgii.page, after.serviceLevel!.resolutionDueAt!))
      .first(),
  ).toBeVisible();
  // Who and why, in the timeline.
  const step = timeline(acgii.page).getByRole('listitem').filter({ hasText: why });
  await expect(step).toBeVisible();
  await expect(step).toContainText(people.acgii.name);
  await checkPage(acgii.page, 'workspace-reclassified');

  // ACGII coordinates the response with UIT, which applies it and returns the solution to L1.
  await derive(acgii.page, /Coordinar con UIT/, 'Bloquear la cuenta y cambiar su clave; UIT lo aplica.', 'UIT');
  await expect(actions(uit.page).getByRole('button', { name: 'Tomar' })).toBeVisible();
  await take(uit.page, people.uit.name);
  await actions(uit.page).getByRole('button', { name: 'Registrar solución' }).click();
  const solution = uit.page.getByRole('dialog', { name: 'Registrar solución' });
  await solution
    .getByRole('textbox', { name: /^Solución/ })
    .fill('Cuenta bloqueada, clave cambiada y sesiones cerradas.');
  await solution.getByRole('button', { name: 'Registrar la solución' }).click();
  await expect(solution).toBeHidden();
  await derive(uit.page, /Devolver la solución a L1/, 'Medidas de ACGII aplicadas en el servidor de correo.', 'L1');

  // Back at the desk: it verifies with the requester and submits; the supervisor approves.
  await expect(actions(desk.page).getByRole('button', { name: 'Tomar' })).toBeVisible();
  await take(desk.page, people.operator.name);
  await actions(desk.page).getByRole('button', { name: 'Enviar a revisión' }).click();
  const submit = desk.page.getByRole('dialog', { name: 'Enviar a revisión' });
  await submit.getByLabel('Verifiqué la solución con el solicitante').check();
  await submit.getByRole('button', { name: 'Enviar a revisión' }).click();
  await expect(submit).toBeHidden();
  await expect(ticketHeader(desk.page).getByText('Resuelto', { exact: true })).toBeVisible();

  const supervisor = await open(people.supervisor);
  await actions(supervisor.page).getByRole('button', { name: 'Revisar' }).click();
  const review = supervisor.page.getByRole('dialog', { name: 'Revisar' });
  await review.getByRole('button', { name: 'Aprobar y cerrar' }).click();
  await expect(review).toBeHidden();
  const page = supervisor.page;
  await expect(ticketHeader(page).getByText('Cerrado', { exact: true })).toBeVisible();

  // What the supervisor's page shows, checked against the API: the timeline, the path, the SLA clocks.
  await expect.poll(async () => (await read()).status, { timeout: 60_000 }).toBe('cerrado');
  const view = await read();
  for (const entry of view.timeline) {
    await expect(timeline(page).getByText(entry.summary.es, { exact: true }).first()).toBeVisible();
  }
  expect(view.timeline.filter((entry) => entry.type === 'ticket.reclassified').map((entry) => entry.by?.name)).toEqual([
    people.acgii.name,
  ]);
  const path = await operatorApi.send<PathView>('GET', `/tickets/${number}/path`);
  expect(path.steps.map((s) => s.to)).toEqual(['L1', 'UIT', 'ACGII', 'UIT', 'L1']);
  expect(path.steps.map((s) => s.kind)).toEqual(['routed', 'escalate', 'escalate', 'coordinate', 'return']);
  await expect(
    pathCard(page).getByRole('img', { name: 'Recorrido del ticket: L1 → UIT → ACGII → UIT → L1' }),
  ).toBeVisible();
  await expect(pathCard(page).getByRole('listitem')).toHaveCount(path.steps.length);
  for (const s of path.steps.slice(1)) await expect(pathCard(page).getByText(s.reason)).toBeVisible();
  await expect(
    pathCard(page).getByText('Ticket registrado: todo ticket comienza en la Mesa de Servicios.'),
  ).toBeVisible();
  const level = view.serviceLevel!;
  for (const met of [level.respondedAt, level.resolvedAt]) {
    expect(met).not.toBeNull();
    const at = await shownDate(page, met!);
    await expect(ticketHeader(page).getByText(`Cumplido a tiempo (${at})`).first()).toBeVisible();
  }
  await expect(ticketHeader(page).getByText('Prioridad Alta')).toBeVisible();
  await checkPage(page, 'workspace-procedure-9-2-3c-closed');

  for (const actor of [desk, uit, acgii, supervisor]) await actor.context.close();
});
