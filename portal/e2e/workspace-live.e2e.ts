import { expect, test, type Locator, type Page } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

const ticketHeader = (page: Page) => page.locator('header', { has: page.getByRole('heading', { level: 1 }) });
const timeline = (page: Page) => page.getByRole('region', { name: /^Seguimiento/ });
const actions = (page: Page) => page.getByRole('region', { name: 'Acciones' });
const changedAlert = (page: Page | Locator) =>
  page.getByRole('alert').filter({ hasText: 'El ticket cambió mientras escribías' });

async function openWorkspace(page: Page, number: number, title: string): Promise<void> {
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('two operators on one ticket: a colleague’s changes show without reloading, and a draft survives them', async ({
  browser,
}) => {
  test.setTimeout(360_000);
  const admin = await Api.admin();
  const tag = unique();
  const ana = { email: `ana.${tag}@cau.gob.ar`, name: `Ana Operadora ${tag}`, role: 'operator', area: 'L1' };
  const beto = { email: `beto.${tag}@cau.gob.ar`, name: `Beto Operador ${tag}`, role: 'operator', area: 'L1' };
  await createAccount(admin, ana);
  await createAccount(admin, beto);
  const anaApi = await Api.login(ana.email, PASSWORD);
  const title = `Se corta la VPN ${tag}`;
  const { number } = await anaApi.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `vera.${tag}@salud.gob.ar`, name: 'Vera Vecina' },
      jurisdiction: 'SALUD',
      title,
      description: 'La VPN se corta cada pocos minutos.',
      type: 'incidente',
      category: 'red-e-internet',
      impact: 'medio',
      urgency: 'media',
    },
    { 'Idempotency-Key': `live-${tag}` },
  );
  await expect
    .poll(
      async () => (await anaApi.send<{ area: string | null }>('GET', `/tickets/${number}`).catch(() => null))?.area,
      {
        timeout: 60_000,
      },
    )
    .toBe('L1');

  const anaContext = await browser.newContext();
  const anaPage = await anaContext.newPage();
  await signIn(anaPage, ana.email);
  await openWorkspace(anaPage, number, title);
  await expect(ticketHeader(anaPage).getByText('Sin asignar', { exact: true })).toBeVisible();

  const betoContext = await browser.newContext();
  const betoPage = await betoContext.newPage();
  await signIn(betoPage, beto.email);
  await openWorkspace(betoPage, number, title);

  // Beto takes it: Ana's open page shows it without a reload. She was not typing: no alert.
  await actions(betoPage).getByRole('button', { name: 'Tomar' }).click();
  await expect(ticketHeader(anaPage).getByText(beto.name, { exact: true })).toBeVisible();
  await expect(timeline(anaPage).getByText(`Tomado por ${beto.name}`)).toBeVisible();
  await expect(changedAlert(anaPage)).toHaveCount(0);

  // Ana writes a reply while Beto records an estimate: she is told what changed and by whom; her text stays.
  const reply = anaPage.getByRole('textbox', { name: /^Respuesta/ });
  await reply.fill(`Estamos revisando la VPN ${tag}.`);
  await actions(betoPage).getByRole('button', { name: 'Estimar' }).click();
  const estimate = betoPage.getByRole('dialog', { name: 'Estimar' });
  await estimate.getByLabel('Tiempo estimado de solución (minutos)').fill('45');
  await estimate.getByRole('button', { name: 'Registrar la estimación' }).click();
  await expect(estimate).toBeHidden();
  await expect(changedAlert(anaPage)).toContainText(`estimación, de ${beto.name}`);
  await expect(changedAlert(anaPage)).toContainText('Tu borrador se conserva');
  await expect(timeline(anaPage).getByText(/Estimación: 45 min/)).toBeVisible();
  await expect(reply).toHaveValue(`Estamos revisando la VPN ${tag}.`);
  await checkPage(anaPage, 'workspace-live-changed');
  await anaPage.getByRole('button', { name: 'Cerrar el aviso' }).click();
  await expect(changedAlert(anaPage)).toHaveCount(0);
  // The draft still goes out as written.
  await anaPage.getByRole('button', { name: 'Enviar la respuesta' }).click();
  await expect(
    timeline(anaPage)
      .getByText(new RegExp(`Estamos revisando la VPN ${tag}`))
      .first(),
  ).toBeVisible();
  await expect(reply).toHaveValue('');

  // Ana writes a work log while Beto derives the ticket to UIT: the alert shows in her form, and the
  // service's refusal too when she sends it; what she wrote stays in the form.
  await actions(anaPage).getByRole('button', { name: 'Registrar trabajo' }).click();
  const work = anaPage.getByRole('dialog', { name: 'Registrar trabajo' });
  await work.getByLabel('Qué se hizo').fill('Se reinició el concentrador de VPN.');
  await work.getByLabel('Tiempo insumido (minutos)').fill('10');
  await actions(betoPage).getByRole('button', { name: 'Derivar' }).click();
  const derive = betoPage.getByRole('dialog', { name: 'Derivar' });
  await derive.getByRole('radio', { name: /Escalar a UIT/ }).check();
  await derive.getByLabel('Motivo').fill('El concentrador de VPN es de Infraestructura.');
  await derive.getByRole('button', { name: 'Derivar' }).click();
  await expect(derive).toBeHidden();
  await expect(changedAlert(work)).toContainText(`derivación, de ${beto.name}`);
  await expect(ticketHeader(anaPage).getByText(/^UIT · /)).toBeVisible();
  await work.getByRole('button', { name: 'Registrar el trabajo' }).click();
  await expect(work.getByRole('alert').filter({ hasText: 'solo los miembros del área UIT' })).toBeVisible();
  await expect(work.getByLabel('Qué se hizo')).toHaveValue('Se reinició el concentrador de VPN.');
  await checkPage(anaPage, 'workspace-live-refused');

  await anaContext.close();
  await betoContext.close();
});

test('assigning finds the area’s people by name as one types, by keyboard alone', async ({ page }) => {
  const admin = await Api.admin();
  const tag = unique();
  const carla = { email: `carla.${tag}@cau.gob.ar`, name: `Carla Mesa ${tag}`, role: 'operator', area: 'L1' };
  const dario = { email: `dario.${tag}@cau.gob.ar`, name: `Darío Mesa ${tag}`, role: 'agent', area: 'L1' };
  const uit = { email: `ugo.${tag}@cau.gob.ar`, name: `Ugo Infra ${tag}`, role: 'agent', area: 'UIT' };
  for (const account of [carla, dario, uit]) await createAccount(admin, account);
  const carlaApi = await Api.login(carla.email, PASSWORD);
  const title = `Monitor sin imagen ${tag}`;
  const { number } = await carlaApi.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'presencial',
      requester: { email: `eva.${tag}@salud.gob.ar`, name: 'Eva Usuaria' },
      jurisdiction: 'SALUD',
      title,
      description: 'El monitor no muestra imagen.',
      type: 'incidente',
      category: 'red-e-internet',
      impact: 'bajo',
      urgency: 'baja',
    },
    { 'Idempotency-Key': `assign-${tag}` },
  );
  await expect
    .poll(
      async () => (await carlaApi.send<{ area: string | null }>('GET', `/tickets/${number}`).catch(() => null))?.area,
      {
        timeout: 60_000,
      },
    )
    .toBe('L1');
  await signIn(page, carla.email);
  await openWorkspace(page, number, title);
  // The channel by its name, in the header and in the timeline.
  await expect(ticketHeader(page).getByText('En persona', { exact: true })).toBeVisible();
  await expect(timeline(page).getByText(`Registrado por ${carla.name} (canal: En persona)`)).toBeVisible();

  await actions(page).getByRole('button', { name: 'Asignar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Asignar' });
  const picker = dialog.getByRole('combobox', { name: /^Persona de L1/ });
  await expect(picker).toBeFocused();
  await page.keyboard.type('Mesa');
  // The L1 people (an operator and an agent of the area) and not UIT's, whose name has the same tag.
  await page.keyboard.type(` ${tag}`);
  await expect(page.getByRole('option', { name: new RegExp(carla.name) })).toBeVisible();
  await expect(page.getByRole('option', { name: new RegExp(dario.name) })).toBeVisible();
  await expect(page.getByRole('option', { name: new RegExp(uit.name) })).toHaveCount(0);
  await checkPage(page, 'workspace-assign-picker');
  await page.keyboard.type('x');
  await expect(page.getByText('Nadie con ese nombre en el área')).toBeVisible();
  await page.keyboard.press('Backspace');
  await expect(page.getByRole('option', { name: new RegExp(dario.name) })).toBeVisible();
  // Down the list until Darío is the one highlighted (whether the first comes highlighted is Mantine's choice).
  const darioOption = page.getByRole('option', { name: new RegExp(dario.name) });
  await expect(async () => {
    await page.keyboard.press('ArrowDown');
    await expect(darioOption).toHaveAttribute('data-combobox-selected', 'true', { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await expect(picker).toHaveValue(`${dario.name} (${dario.email})`);
  await dialog.getByRole('button', { name: 'Asignar' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(ticketHeader(page).getByText(dario.name, { exact: true })).toBeVisible();
});
