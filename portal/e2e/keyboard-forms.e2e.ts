import { expect, test, type Locator, type Page } from '@playwright/test';
import { baseUrl, createAccount, Api, signIn, unique, showsAfterReload } from './support';

/** Presses Tab until `target` (or, for a radio group, one of its radios) has the focus. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (
      await target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement))
    )
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Arrow keys move the choice inside a focused radio group, as a browser does without a mouse. */
async function arrowToRadio(page: Page, radio: Locator): Promise<void> {
  for (let presses = 0; presses < 8 && !(await radio.isChecked()); presses++) await page.keyboard.press('ArrowDown');
  await expect(radio).toBeChecked();
}

test('a requester reports a problem and replies on it with the keyboard alone', async ({ page }) => {
  test.setTimeout(240_000);
  const admin = await Api.admin();
  const email = `teclado.${unique()}@salud.gob.ar`;
  await createAccount(admin, { email, name: 'Tomás Teclado', role: 'requester', jurisdiction: 'SALUD' });
  await signIn(page, email);
  await page.goto(`${baseUrl()}/tickets/nuevo`);
  await expect(page.getByRole('heading', { level: 1, name: 'Reportar un problema' })).toBeVisible();

  await tabTo(page, page.getByLabel('¿Qué problema tiene?'));
  await page.keyboard.type('El monitor parpadea');
  await tabTo(page, page.getByLabel('Describa qué pasó'));
  await page.keyboard.type('Desde ayer el monitor se apaga y se enciende solo.');

  await tabTo(page, page.getByRole('radiogroup', { name: '¿Qué necesita?' }));
  await arrowToRadio(page, page.getByRole('radio', { name: 'Algo no funciona' }));

  const category = page.getByRole('combobox', { name: /¿Sobre qué es\?/ });
  await tabTo(page, category);
  await page.keyboard.press('ArrowDown');
  const listbox = page.getByRole('listbox');
  await expect(listbox).toBeVisible();
  // Down the list until the highlighted option is the one wanted, then Enter. Each press waits for the highlight to
  // move (under load the list re-renders after the key), so none is read stale and the wanted one is not passed by.
  const wanted = 'Equipos (computadoras y periféricos)';
  const highlighted = listbox.locator('[data-combobox-selected]');
  const highlightedText = async () =>
    (await highlighted.count()) > 0 ? ((await highlighted.first().textContent())?.trim() ?? '') : '';
  for (let presses = 0; presses < 60; presses++) {
    const before = await highlightedText();
    if (before === wanted) break;
    await page.keyboard.press('ArrowDown');
    await expect.poll(highlightedText).not.toBe(before);
  }
  await expect(highlighted).toHaveText(wanted);
  await page.keyboard.press('Enter');
  await expect(category).toHaveValue('Equipos (computadoras y periféricos)');

  await tabTo(page, page.getByRole('radiogroup', { name: '¿A quiénes afecta?' }));
  await arrowToRadio(page, page.getByRole('radio', { name: 'A varias personas o a mi oficina' }));
  await tabTo(page, page.getByRole('radiogroup', { name: '¿Qué tan urgente es?' }));
  await arrowToRadio(page, page.getByRole('radio', { name: 'Me dificulta el trabajo' }));

  await tabTo(page, page.getByRole('button', { name: 'Enviar el reporte' }));
  await page.keyboard.press('Enter');
  const done = page.getByText(/Su número de ticket es \d+/);
  await expect(done).toBeVisible();
  const number = Number((await done.textContent())!.match(/\d+/)![0]);

  // The confirmation's link to the ticket, then a reply, all from the keyboard.
  await tabTo(page, page.getByRole('link', { name: 'Ver el ticket' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/tickets/${number}$`));
  await showsAfterReload(page, page.getByRole('heading', { name: 'El monitor parpadea' }));
  await tabTo(page, page.getByLabel('Su mensaje'));
  await page.keyboard.type('Hoy volvió a pasar a las 9.');
  await tabTo(page, page.getByRole('button', { name: 'Enviar respuesta' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Su respuesta se envió al área que atiende el ticket.')).toBeVisible();
});
