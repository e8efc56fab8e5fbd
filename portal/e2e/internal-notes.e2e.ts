import { expect, test, type Page } from '@playwright/test';
import { allMails, Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique, waitForMail } from './support';

interface TicketView {
  area: string | null;
  timeline: Array<{ type: string; details: Record<string, unknown>; summary: { es: string; en: string } }>;
}

const timeline = (page: Page) => page.getByRole('region', { name: /^Seguimiento/ });
/** Quoted-printable soft line breaks undone, so a text cut across lines is found whole. */
const unfolded = (raw: string): string => raw.replace(/=\r?\n/g, '');

test('an internal note stays with staff; a public reply reaches the requester in the portal and by mail', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const requester = {
    email: `nora.${tag}@salud.gob.ar`,
    name: 'Nora Necesita',
    role: 'requester',
    jurisdiction: 'SALUD',
  };
  const operator = { email: `olga.${tag}@cau.gob.ar`, name: 'Olga Operadora', role: 'operator', area: 'L1' };
  const referente = {
    email: `rene.${tag}@salud.gob.ar`,
    name: 'René Referente',
    role: 'referente',
    jurisdiction: 'SALUD',
  };
  await createAccount(admin, requester);
  await createAccount(admin, operator);
  await createAccount(admin, referente);
  const referenteApi = await Api.login(referente.email, PASSWORD);
  const operatorApi = await Api.login(operator.email, PASSWORD);
  const requesterApi = await Api.login(requester.email, PASSWORD);
  const title = `No anda el escaner ${tag}`;
  // The jurisdiction's referente reports it for the requester.
  const { number } = await referenteApi.send<{ number: number }>(
    'POST',
    '/tickets',
    {
      channel: 'portal',
      requester: { email: requester.email, name: requester.name },
      jurisdiction: 'SALUD',
      title,
      description: 'El escaner de la mesa de entradas no digitaliza.',
      type: 'incidente',
      category: 'impresoras',
      impact: 'bajo',
      urgency: 'baja',
    },
    { 'Idempotency-Key': `notes-${tag}` },
  );
  await operatorApi.eventually('GET', `/tickets/${number}`);
  const noteText = `NOTA-INTERNA-${tag} el proveedor cobra la visita aparte`;
  const replyText = `RESPUESTA-PUBLICA-${tag} vamos a revisarlo hoy`;

  // The operator writes an internal note, then a public reply, each in its own kind of box.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, operator.email);
  await staff.goto(`${baseUrl()}/tickets/${number}`);
  await expect(staff.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(staff.locator('header').getByText(`Referente: ${referente.name}`)).toBeVisible();
  const kind = staff.getByRole('radiogroup', { name: 'Qué escribe' });
  await kind.getByText('Nota interna').click();
  await expect(staff.getByText('Nota interna: solo el personal del CAU la ve.')).toBeVisible();
  await staff.getByRole('textbox', { name: /^Nota interna/ }).fill(noteText);
  // Each kind keeps its own draft: the reply box is empty, and the note is back when switching again.
  await kind.getByText('Respuesta pública').click();
  await expect(staff.getByRole('textbox', { name: /^Respuesta/ })).toHaveValue('');
  await kind.getByText('Nota interna').click();
  await expect(staff.getByRole('textbox', { name: /^Nota interna/ })).toHaveValue(noteText);
  await checkPage(staff, 'workspace-note-draft');
  await staff.getByRole('button', { name: 'Guardar la nota interna' }).click();
  const noteEntry = timeline(staff).getByRole('listitem').filter({ hasText: noteText });
  await expect(noteEntry).toBeVisible();
  await expect(noteEntry.getByText('Nota interna', { exact: true })).toBeVisible();

  await kind.getByText('Respuesta pública').click();
  await staff.getByRole('textbox', { name: /^Respuesta/ }).fill(replyText);
  await staff.getByRole('button', { name: 'Enviar la respuesta' }).click();
  const replyEntry = timeline(staff).getByRole('listitem').filter({ hasText: replyText });
  await expect(replyEntry).toBeVisible();
  await expect(replyEntry.getByText('Respuesta pública', { exact: true })).toBeVisible();
  await checkPage(staff, 'workspace-note-and-reply');

  // The reply is mailed to the requester (and the referente); the note is in no mail at all.
  const replyMail = await waitForMail(requester.email, (raw) => unfolded(raw).includes(`RESPUESTA-PUBLICA-${tag}`));
  expect(unfolded(replyMail)).not.toContain(`NOTA-INTERNA-${tag}`);
  expect(allMails().filter((raw) => unfolded(raw).includes(`NOTA-INTERNA-${tag}`))).toEqual([]);

  // Through the API, the requester's ticket has the reply and not the note, in the timeline or anywhere.
  const seen = await requesterApi.send<TicketView>('GET', `/tickets/${number}`);
  const asText = JSON.stringify(seen);
  expect(asText).toContain(`RESPUESTA-PUBLICA-${tag}`);
  expect(asText).not.toContain(`NOTA-INTERNA-${tag}`);
  expect(seen.timeline.some((entry) => entry.details.internal === true)).toBe(false);
  // Staff still read both.
  const staffView = await operatorApi.send<TicketView>('GET', `/tickets/${number}`);
  expect(JSON.stringify(staffView)).toContain(`NOTA-INTERNA-${tag}`);

  // The requester's own page shows the reply, never the note.
  const requesterContext = await browser.newContext();
  const page = await requesterContext.newPage();
  await signIn(page, requester.email);
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByText(new RegExp(`RESPUESTA-PUBLICA-${tag}`)).first()).toBeVisible();
  await expect(page.getByText(new RegExp(`NOTA-INTERNA-${tag}`))).toHaveCount(0);
  expect(await page.content()).not.toContain(`NOTA-INTERNA-${tag}`);
  await checkPage(page, 'ticket-requester-after-note');

  await staffContext.close();
  await requesterContext.close();
});
