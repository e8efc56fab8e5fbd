import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import nodemailer from 'nodemailer';
import {
  Api,
  baseUrl,
  checkPage,
  createAccount,
  linksIn,
  showsAfterReload,
  signIn,
  unique,
  waitForMail,
  PDF,
} from './support';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

test('a file that came attached to a mail shows on the ticket page with its sender, and downloads', async ({
  page,
}) => {
  const admin = await Api.admin();
  const tag = unique();
  const requester = `ana.${tag}@salud.gob.ar`;
  await createAccount(admin, { email: requester, name: 'Ana Pérez', role: 'requester', jurisdiction: 'SALUD' });

  // The organisation's mail server forwards the requester's mail to notifications.
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: Number(process.env.CAU_E2E_INBOUND_SMTP_PORT),
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({
      from: `"Ana Pérez" <${requester}>`,
      to: 'mesa@cau.test',
      subject: `La impresora no imprime ${tag}`,
      text: 'Adjunto el informe de la impresora.',
      attachments: [{ filename: `informe-${tag}.pdf`, content: PDF, contentType: 'application/pdf' }],
    });
  } finally {
    transport.close();
  }
  const registrationMail = await waitForMail(requester, (raw) => /\/tickets\/\d+/.test(raw));
  const number = Number(
    linksIn(registrationMail)
      .map((link) => link.match(/\/tickets\/(\d+)$/)?.[1])
      .find(Boolean),
  );
  expect(number).toBeGreaterThan(0);

  await signIn(page, requester);
  await page.goto(`${baseUrl()}/tickets/${number}`);
  const file = page.getByRole('link', { name: `informe-${tag}.pdf` });
  await showsAfterReload(page, file);
  await expect(page.getByText('por correo de Ana Pérez', { exact: false })).toBeVisible();
  await checkPage(page, 'mail-attachment-ticket');

  const download = page.waitForEvent('download');
  await file.focus();
  await page.keyboard.press('Enter');
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`informe-${tag}.pdf`);
  expect(sha256(await readFile(await saved.path()))).toBe(sha256(PDF));
});
