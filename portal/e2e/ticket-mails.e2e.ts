import { expect, test } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique, waitForMail } from './support';

test("staff read a ticket's mails in the workspace, as they went out; a requester cannot", async ({ browser }) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const operator = { email: `operador.${tag}@cau.gob.ar`, name: 'Oscar Operador', role: 'operator', area: 'L1' };
  const requester = {
    email: `rosa.${tag}@salud.gob.ar`,
    name: 'Rosa Requirente',
    role: 'requester',
    jurisdiction: 'SALUD',
  };
  for (const account of [operator, requester]) await createAccount(admin, account);
  const operatorApi = await Api.login(operator.email, PASSWORD);
  const requesterApi = await Api.login(requester.email, PASSWORD);

  const title = `El escáner no digitaliza ${tag}`;
  const { number } = await operatorApi.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: requester.email, name: requester.name },
      jurisdiction: 'SALUD',
      title,
      description: 'El escáner de la mesa de entradas no digitaliza desde ayer.',
      type: 'incidente',
      category: 'impresoras',
      impact: 'bajo',
      urgency: 'media',
    },
    { 'Idempotency-Key': `mails-${tag}` },
  );
  await waitForMail(requester.email, (raw) => raw.includes(String(number)));

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, operator.email);
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const section = page.getByRole('region', { name: 'Correos del ticket' });
  await section.getByRole('button', { name: 'Ver los correos' }).click();
  const registration = section.getByRole('button', {
    name: new RegExp(`Enviado a ${requester.email}.*Registro del ticket`),
  });
  await expect(registration).toBeVisible();
  await registration.press('Enter');
  await expect(section.getByText(title).first()).toBeVisible();

  // A public reply sent meanwhile joins the list by itself (the live stream), with its text.
  await operatorApi.eventually('POST', `/tickets/${number}/take`, {});
  await operatorApi.send('POST', `/tickets/${number}/comments`, { text: `Mañana pasa un técnico ${tag}.` });
  const reply = section.getByRole('button', { name: /Respuesta del personal/ });
  await expect(reply).toBeVisible({ timeout: 60_000 });
  await reply.click();
  await expect(section.getByText(`Mañana pasa un técnico ${tag}.`).first()).toBeVisible();
  await checkPage(page, 'workspace-mails');

  // Mails of a ticket are the staff's: a requester's API call is refused.
  await expect(requesterApi.send('GET', `/tickets/${number}/mails`)).rejects.toThrow(/403/);
  await context.close();
});
