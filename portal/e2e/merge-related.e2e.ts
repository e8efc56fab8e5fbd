import { expect, test, type Page } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, signIn, unique } from './support';

const related = (page: Page) => page.getByRole('region', { name: 'Relacionados' });
const timeline = (page: Page) => page.getByRole('region', { name: /^Seguimiento/ });

async function openWorkspace(page: Page, number: number, title: string): Promise<void> {
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('an operator relates two tickets and merges a duplicate: both numbers open and their paths say so', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const operator = { email: `olga.${tag}@cau.gob.ar`, name: 'Olga Operadora', role: 'operator', area: 'L1' };
  await createAccount(admin, operator);
  const api = await Api.login(operator.email, PASSWORD);
  const register = async (title: string, email: string, name: string) => {
    const { number } = await api.send<{ number: number }>('POST', '/tickets', {
      channel: 'telefono',
      requester: { email, name },
      jurisdiction: 'SALUD',
      title,
      description: `${title}: reportado por teléfono.`,
      type: 'incidente',
      category: 'correo-electronico',
      impact: 'medio',
      urgency: 'media',
    });
    return number;
  };
  const originalTitle = `Caída del correo ${tag}`;
  const duplicateTitle = `No me llegan correos ${tag}`;
  const otherTitle = `Correo lento ${tag}`;
  const original = await register(originalTitle, `ana.${tag}@salud.gob.ar`, 'Ana Pérez');
  const duplicate = await register(duplicateTitle, `luis.${tag}@salud.gob.ar`, 'Luis Gómez');
  const other = await register(otherTitle, `eva.${tag}@salud.gob.ar`, 'Eva Díaz');
  // Routed and known to the read side before the operator opens them.
  for (const n of [original, duplicate, other]) {
    await expect
      .poll(async () => (await api.send<{ area: string | null }>('GET', `/tickets/${n}`).catch(() => null))?.area, {
        timeout: 60_000,
      })
      .toBe('L1');
  }

  await signIn(page, operator.email);
  await openWorkspace(page, original, originalTitle);

  // Relating by number, with the keyboard: type the number, Enter.
  await expect(related(page).getByText('Este ticket no está relacionado con otros.')).toBeVisible();
  await related(page).getByLabel('Relacionar con el ticket número').fill(String(other));
  await page.keyboard.press('Enter');
  const otherLink = related(page).getByRole('link', { name: `Ticket #${other} — ${otherTitle}` });
  await expect(otherLink).toBeVisible();
  await expect(timeline(page).getByText(`Relacionado con el ticket #${other}`)).toBeVisible();
  // Relating a ticket with itself is refused with the service's reason, naming the field.
  await related(page).getByLabel('Relacionar con el ticket número').fill(String(original));
  await related(page).getByRole('button', { name: 'Relacionar' }).click();
  await expect(related(page).getByRole('alert')).toContainText(`nombra el mismo ticket (${original})`);
  await checkPage(page, 'workspace-related');

  // The relation shows on the other ticket too; it is removed from there.
  await otherLink.click();
  await expect(page.getByRole('heading', { level: 1, name: otherTitle })).toBeVisible();
  await expect(related(page).getByRole('link', { name: `Ticket #${original} — ${originalTitle}` })).toBeVisible();
  await related(page)
    .getByRole('button', { name: `Quitar la relación con el ticket #${original}` })
    .click();
  await expect(related(page).getByText('Este ticket no está relacionado con otros.')).toBeVisible();

  // The duplicate is merged into the original; the confirmation names both tickets and what happens.
  await openWorkspace(page, duplicate, duplicateTitle);
  await related(page).getByRole('button', { name: 'Fusionar en…' }).click();
  const dialog = page.getByRole('dialog', { name: `Fusionar el ticket #${duplicate} en su original` });
  await dialog.getByLabel('Número del ticket original').fill(String(original));
  await dialog.getByLabel('Motivo (opcional)').fill('Mismo corte de correo');
  await dialog.getByRole('button', { name: 'Continuar' }).click();
  await expect(dialog.getByText(`¿Fusionar el ticket #${duplicate} en el #${original}?`)).toBeVisible();
  await expect(dialog.getByText(`El ticket #${original} sigue su curso sin cambios (${originalTitle})`)).toBeVisible();
  await checkPage(page, 'workspace-merge-confirm');
  await dialog.getByRole('button', { name: `Fusionar #${duplicate} en #${original}` }).click();

  // The duplicate says where it went, and links there.
  // The success toast says the same words for a few seconds; the banner is the alert that links to the original.
  const banner = page
    .getByRole('alert')
    .filter({ has: page.getByRole('link', { name: `Abrir el ticket #${original}` }) });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`Fusionado en #${original}`);
  const ticketHeader = page.locator('header', { has: page.getByRole('heading', { level: 1 }) });
  await expect(ticketHeader.getByText('Fusionado', { exact: true })).toBeVisible();
  await expect(
    timeline(page).getByText(`Fusionado en el ticket #${original} por ${operator.name}: Mismo corte de correo`),
  ).toBeVisible();
  await expect(related(page).getByRole('button', { name: 'Fusionar en…' })).toHaveCount(0);
  await checkPage(page, 'workspace-merged-duplicate');

  // Keyboard: the banner's link is reached with Tab and opens the original.
  const openOriginal = banner.getByRole('link', { name: `Abrir el ticket #${original}` });
  await openOriginal.focus();
  await expect(openOriginal).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: originalTitle })).toBeVisible();
  await expect(related(page).getByRole('link', { name: `Ticket #${duplicate} — ${duplicateTitle}` })).toBeVisible();
  await expect(
    timeline(page).getByText(`El ticket #${duplicate} se fusionó en este por ${operator.name}: Mismo corte de correo`),
  ).toBeVisible();
  await checkPage(page, 'workspace-merge-original');
});
