import { expect, test } from '@playwright/test';
import { Api, allMails, checkPage, signIn, unique, waitForMail } from './support';

interface Rules {
  rules: Array<{ eventType: string; recipientKind: string; enabled: boolean; essential: boolean }>;
}
interface Mailboxes {
  mailboxes: Array<{ area: string; email: string }>;
}

/** Subjects are MIME-encoded; the ticket's number travels plainly in its own header. */
const aboutTicket = (raw: string, number: number) => new RegExp(`^X-Cau-Ticket: ${number}\\r?$`, 'm').test(raw);

const ticketBody = (tag: string, title: string) => ({
  channel: 'telefono',
  requester: { email: `ana.${tag}@salud.gob.ar`, name: 'Ana Pérez' },
  jurisdiction: 'SALUD',
  title,
  description: `El servidor de archivos no responde (${tag}).`,
  type: 'incidente',
  category: 'red-e-internet',
  impact: 'medio',
  urgency: 'media',
});

test('an administrator sets an area mailbox and turns a notice off by keyboard, and the mails follow', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const storedRules = await admin.send<Rules>('GET', '/notifications/rules');
  const storedMailboxes = await admin.send<Mailboxes>('GET', '/notifications/area-mailboxes');
  const tag = unique();
  const mailbox = `infraestructura.${tag}@cau.gob.ar`;
  const register = async (title: string) =>
    (
      await admin.send<{ number: number }>('POST', '/tickets', ticketBody(tag, title), {
        'Idempotency-Key': `notices-${tag}-${title.length}`,
      })
    ).number;
  try {
    const { email, password } = JSON.parse(process.env.CAU_E2E_ADMIN ?? '{}') as { email: string; password: string };
    await signIn(page, email, password);
    await page
      .getByRole('navigation', { name: 'Administración' })
      .getByRole('link', { name: 'Avisos por correo' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Avisos por correo' })).toBeVisible();
    const escalationToMailbox = page.getByLabel('Avisar «Ticket derivado a un área» a Buzón del área');
    await expect(escalationToMailbox).toBeChecked();
    await expect(page.getByLabel('Avisar «Ticket registrado» a Solicitante')).toBeChecked();
    await checkPage(page, 'admin-notification-rules');

    // The UIT mailbox, typed and saved with the keyboard.
    const uit = page.getByLabel('Buzón de UIT');
    await uit.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('no es un correo');
    await expect(page.getByText('Escriba una dirección de correo válida, o déjelo vacío.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Guardar los buzones' })).toBeDisabled();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(mailbox);
    await page.keyboard.press('Enter');
    await expect(page.getByText('Buzones guardados.')).toBeVisible();
    expect((await admin.send<Mailboxes>('GET', '/notifications/area-mailboxes')).mailboxes).toContainEqual({
      area: 'UIT',
      email: mailbox,
    });

    const first = await register(`Servidor de archivos caído ${tag}`);
    await admin.eventually('POST', `/tickets/${first}/derivations`, {
      to: 'UIT',
      reason: 'Lo atiende infraestructura.',
    });
    await waitForMail(mailbox, (raw) => aboutTicket(raw, first));

    // The derivation notice turned off: the next derivation mails nobody at the mailbox.
    await escalationToMailbox.focus();
    await page.keyboard.press('Space');
    await expect(escalationToMailbox).not.toBeChecked();
    await expect(page.getByText('Cambios sin guardar')).toBeVisible();
    await page.getByRole('button', { name: 'Guardar los avisos' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Avisos guardados: rigen desde el siguiente suceso.')).toBeVisible();
    await checkPage(page, 'admin-notification-rules-saved');

    const second = await register(`Servidor de impresión caído ${tag}`);
    await admin.eventually('POST', `/tickets/${second}/derivations`, {
      to: 'UIT',
      reason: 'Lo atiende infraestructura.',
    });
    // Notifications handles events in stream order: once a later ticket's registration mail is out,
    // the derivation before it has been handled.
    const later = await register(`Consulta posterior ${tag}`);
    await waitForMail(`ana.${tag}@salud.gob.ar`, (raw) => aboutTicket(raw, later));
    expect(allMails().filter((raw) => raw.includes(mailbox) && aboutTicket(raw, second))).toEqual([]);

    await page.goto(page.url().replace(/\/admin\/.*$/, '/admin/auditoria'));
    await expect(page.getByText('Reglas de aviso modificadas').first()).toBeVisible();
    await expect(page.getByText('Buzones modificados').first()).toBeVisible();
  } finally {
    await admin.send('PUT', '/notifications/rules', {
      rules: storedRules.rules
        .filter((r) => r.enabled)
        .map(({ eventType, recipientKind, enabled, essential }) => ({
          eventType,
          recipientKind,
          enabled,
          essential,
        })),
    });
    await admin.send('PUT', '/notifications/area-mailboxes', storedMailboxes);
  }
});
