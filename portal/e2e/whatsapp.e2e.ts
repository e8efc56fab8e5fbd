import { createHash, createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { Api, baseUrl, checkPage, showsAfterReload, signIn, unique } from './support';
import { WHATSAPP_E2E_PHOTO } from './whatsapp-photo';

interface WhatsappDelivery {
  id: string;
  recipient: string;
  kind: string;
  ticketNumber: number | null;
  status: string;
}

/**
 * A webhook call as the WhatsApp Cloud API makes it: the JSON shape, signed over its exact bytes. With
 * `photo`, an image message whose caption is the text (the fake Cloud API serves the file).
 */
async function webhook(from: string, text: string, photo = false): Promise<void> {
  const content = photo
    ? {
        type: 'image',
        image: {
          caption: text,
          mime_type: WHATSAPP_E2E_PHOTO.mimeType,
          sha256: createHash('sha256').update(WHATSAPP_E2E_PHOTO.content).digest('base64'),
          id: WHATSAPP_E2E_PHOTO.id,
        },
      }
    : { type: 'text', text: { body: text } };
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name: 'Wanda' }, wa_id: from }],
              messages: [
                {
                  from,
                  id: `wamid.e2e.${unique()}${unique()}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  ...content,
                },
              ],
            },
            field: 'messages',
          },
        ],
      },
    ],
  });
  const secret = process.env.CAU_E2E_WHATSAPP_SECRET ?? '';
  const answer = await fetch(`${baseUrl()}/api/v1/whatsapp/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
    body,
  });
  expect(answer.status).toBe(200);
}

async function deliveryTo(
  admin: Api,
  recipient: string,
  match: (d: WhatsappDelivery) => boolean,
  status?: string,
): Promise<WhatsappDelivery> {
  let found: WhatsappDelivery | undefined;
  await expect(async () => {
    const { deliveries } = await admin.send<{ deliveries: WhatsappDelivery[] }>(
      'GET',
      `/whatsapp/deliveries${status ? `?status=${status}` : ''}`,
    );
    found = deliveries.find((d) => d.recipient === recipient && match(d));
    expect(found).toBeDefined();
  }).toPass({ timeout: 60_000 });
  return found!;
}

test('a requester writes by WhatsApp: the ticket shows their messages; a notice WhatsApp refused is sent again by an administrator', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const admin = await Api.admin();
  const tag = unique();
  const local = String(20_000_000 + (Date.now() % 70_000_000));
  const wa = `5411${local}`;
  // The desk registered a call of hers with her phone, as the directory knows it (without the country code).
  await admin.send(
    'POST',
    '/tickets',
    {
      channel: 'telefono',
      requester: { email: `wanda.${tag}@salud.gob.ar`, name: 'Wanda Whatsapp', phone: `11 ${local}` },
      jurisdiction: 'SALUD',
      title: `Llamada anterior ${tag}`,
      description: 'Una llamada anterior.',
      type: 'incidente',
      category: 'impresoras',
      impact: 'bajo',
      urgency: 'media',
    },
    { 'Idempotency-Key': `wa-${tag}` },
  );

  await webhook(wa, `No anda el sistema de turnos ${tag}`);
  const registered = await deliveryTo(admin, wa, (d) => d.kind === 'ticket-registered');
  const number = registered.ticketNumber!;
  await webhook(wa, `Sigue sin andar ${tag}`, true);

  const { email, password } = JSON.parse(process.env.CAU_E2E_ADMIN ?? '{}') as { email: string; password: string };
  await signIn(page, email, password);
  await page.goto(`${baseUrl()}/tickets/${number}`);
  await showsAfterReload(page, page.getByText(`(canal: WhatsApp): Sigue sin andar ${tag}`, { exact: false }));
  await expect(page.getByText(`No anda el sistema de turnos ${tag}`).first()).toBeVisible();
  // The photo of her second message is among the ticket's files, said to have come by WhatsApp.
  const files = page.getByRole('region', { name: 'Archivos y enlaces' });
  await expect(files.getByRole('link', { name: /^whatsapp-image-\d{8}-\d{6}\.png$/ })).toBeVisible();
  await expect(files).toContainText('por WhatsApp de Wanda Whatsapp');
  await checkPage(page, 'whatsapp-ticket');

  // A number of no requester gets the "unknown number" template, which WhatsApp refuses here.
  const stranger = `549${local.slice(0, 4)}0000`;
  await webhook(stranger, 'Hola, ¿quién atiende?');
  await deliveryTo(admin, stranger, (d) => d.kind === 'unknown-number', 'failed');

  await page.goto(`${baseUrl()}/admin/correos`);
  const section = page.getByRole('region', { name: 'Mensajes de WhatsApp sin enviar' });
  await expect(section).toBeVisible();
  const row = section.getByRole('row').filter({ hasText: `+${stranger}` });
  await expect(row).toContainText('Número no registrado');
  await expect(row).toContainText('132001');
  await checkPage(page, 'admin-whatsapp');
  const resend = row.getByRole('button', { name: `Reenviar el aviso Número no registrado a +${stranger}` });
  await resend.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('El mensaje vuelve a la cola de WhatsApp.')).toBeVisible();
});
