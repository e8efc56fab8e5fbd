import { expect, test } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

interface CannedAnswer {
  id: string;
  area: string;
  title: string;
  body: string;
  updatedBy: { name: string };
}

test("an area writes its canned answers in the portal; another area's staff read them and cannot change them", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const agent = { email: `agente.uit.${tag}@cau.gob.ar`, name: 'Ulises Infraestructura', role: 'agent', area: 'UIT' };
  const operator = { email: `operador.${tag}@cau.gob.ar`, name: 'Oscar Operador', role: 'operator', area: 'L1' };
  for (const account of [agent, operator]) await createAccount(admin, account);
  const agentApi = await Api.login(agent.email, PASSWORD);

  const agentContext = await browser.newContext();
  const page = await agentContext.newPage();
  await signIn(page, agent.email);
  await page.goto(`${baseUrl()}/consola/respuestas`);
  await expect(page.getByRole('heading', { level: 1, name: 'Respuestas predefinidas' })).toBeVisible();

  // Written with the keyboard alone: the button, the fields, the submission.
  await page.getByRole('button', { name: 'Nueva respuesta' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Nueva respuesta predefinida' });
  await expect(dialog.getByLabel('Área')).toHaveValue('UIT');
  const title = `Reinicio del equipo ${tag}`;
  await dialog.getByLabel('Título').fill(title);
  await dialog.getByLabel('Texto').fill('Hola {{solicitante}}: reinicie el equipo. Le escribe {{nombre}}.');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  // The service refuses a placeholder no ticket can fill, names it, and nothing is stored.
  await expect(
    dialog.getByText(/usa \{\{nombre\}\}, que una respuesta predefinida no puede completar/).first(),
  ).toBeVisible();
  await checkPage(page, 'canned-answers-refused');
  expect((await agentApi.send<{ items: CannedAnswer[] }>('GET', `/canned-answers?search=${tag}`)).items).toEqual([]);

  await dialog
    .getByLabel('Texto')
    .fill('Hola {{solicitante}}: reinicie el equipo y avísenos en el ticket {{numero}}.\nLe escribe {{agente}}.');
  // Tab past "Cancelar" to "Guardar".
  await dialog.getByLabel('Texto').press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Guardar' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const card = page.getByRole('listitem').filter({ hasText: title });
  await expect(card.getByText('Última modificación: Ulises Infraestructura', { exact: false })).toBeVisible();
  const [stored] = (await agentApi.send<{ items: CannedAnswer[] }>('GET', `/canned-answers?search=${tag}`)).items;
  expect(stored).toMatchObject({ area: 'UIT', title, updatedBy: { name: 'Ulises Infraestructura' } });
  await expect(card.getByText(stored!.body.split('\n')[0]!)).toBeVisible();

  // A second title the area already uses is refused by name.
  await page.getByRole('button', { name: 'Nueva respuesta' }).click();
  await dialog.getByLabel('Título').fill(title.toUpperCase());
  await dialog.getByLabel('Texto').fill('Otro texto');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(
    dialog.getByText(`ya tiene otro elemento llamado «${title.toUpperCase()}»`, { exact: false }).first(),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancelar' }).click();

  await page.getByLabel('Buscar en títulos y textos').fill(tag);
  await expect(page.getByRole('status').filter({ hasText: /^1 respuesta$/ })).toBeVisible();
  await checkPage(page, 'canned-answers');

  // Another area's operator reads it, and has nothing to change it with.
  const operatorContext = await browser.newContext();
  const other = await operatorContext.newPage();
  await signIn(other, operator.email);
  await other.goto(`${baseUrl()}/consola/respuestas`);
  await other.getByLabel('Área').selectOption('UIT');
  const seen = other.getByRole('listitem').filter({ hasText: title });
  await expect(seen).toBeVisible();
  await expect(seen.getByRole('button')).toHaveCount(0);

  // Changed and deleted by its area.
  await card.getByRole('button', { name: `Cambiar «${title}»` }).click();
  const edit = page.getByRole('dialog', { name: 'Cambiar la respuesta predefinida' });
  await expect(edit.getByLabel('Título')).toHaveValue(title);
  await edit.getByLabel('Texto').fill('Hola {{solicitante}}: ya reiniciamos el servidor.');
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(card.getByText('Hola {{solicitante}}: ya reiniciamos el servidor.')).toBeVisible();
  await card.getByRole('button', { name: `Borrar «${title}»` }).click();
  await page
    .getByRole('dialog', { name: 'Borrar la respuesta predefinida' })
    .getByRole('button', { name: 'Borrar' })
    .click();
  await expect(card).toBeHidden();
  expect((await agentApi.send<{ items: CannedAnswer[] }>('GET', `/canned-answers?search=${tag}`)).items).toEqual([]);

  await agentContext.close();
  await operatorContext.close();
});

test("a canned answer goes into the reply with the ticket's facts, to be read and edited before it is sent", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const operator = { email: `operador.${tag}@cau.gob.ar`, name: 'Oscar Operador', role: 'operator', area: 'L1' };
  await createAccount(admin, operator);
  const operatorApi = await Api.login(operator.email, PASSWORD);
  await operatorApi.send('POST', '/canned-answers', {
    area: 'L1',
    title: `Visita técnica ${tag}`,
    body: 'Hola {{solicitante}}: sobre el ticket {{numero}} ({{titulo}}), mañana lo visita un técnico. {{agente}}',
  });
  const title = `El monitor parpadea ${tag}`;
  const { number } = await operatorApi.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `rosa.${tag}@salud.gob.ar`, name: 'Rosa Requirente' },
      jurisdiction: 'SALUD',
      title,
      description: 'El monitor parpadea desde el lunes.',
      type: 'incidente',
      category: 'equipos',
      impact: 'bajo',
      urgency: 'media',
    },
    { 'Idempotency-Key': `canned-${tag}` },
  );
  await operatorApi.eventually('POST', `/tickets/${number}/take`, {});

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, operator.email);
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const reply = page.locator('#workspace-reply');
  await reply.fill('Buen día.');
  const picker = page.getByRole('combobox', { name: 'Respuesta predefinida' });
  await picker.fill(tag);
  await page.getByRole('option', { name: new RegExp(`Visita técnica ${tag}`) }).click();
  await expect(reply).toHaveValue(
    `Buen día.\n\nHola Rosa Requirente: sobre el ticket ${number} (${title}), mañana lo visita un técnico. Oscar Operador`,
  );
  await expect(picker).toHaveValue('');
  await checkPage(page, 'workspace-canned-answer');
  await reply.fill(`Hola Rosa Requirente: mañana a las 9 lo visita un técnico (${tag}).`);
  await page.getByRole('button', { name: 'Enviar la respuesta' }).click();
  await expect
    .poll(async () =>
      (
        await operatorApi.send<{ timeline: Array<{ summary: { es: string } }> }>('GET', `/tickets/${number}`)
      ).timeline.some((entry) => entry.summary.es.includes(`mañana a las 9 lo visita un técnico (${tag})`)),
    )
    .toBe(true);
  await context.close();
});
