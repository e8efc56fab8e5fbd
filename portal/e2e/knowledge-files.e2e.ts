import { deflateSync } from 'node:zlib';
import { expect, test, type Locator } from '@playwright/test';
import { Api, baseUrl, checkPage, createAccount, PASSWORD, PDF, signIn, unique } from './support';

interface Article {
  id: string;
  problem: string;
  status: string;
}

/** A real PNG (a blue banner with a white band), so the browser has an image to decode and show. */
function banner(width = 320, height = 120): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (data: Buffer) => {
    let c = 0xffffffff;
    for (const byte of data) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const band = y > height / 3 && y < (2 * height) / 3;
    for (let x = 0; x < width; x++) rows.set(band ? [255, 255, 255] : [0, 66, 138], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Decoded by the browser, not only in the page: the gateway served the bytes to this reader. */
async function expectLoaded(image: Locator): Promise<void> {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
}

test('staff upload an image with the keyboard, see it in the preview and in the published article, which a requester reads with its files', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const admin = await Api.admin();
  const tag = unique();
  const operator = { email: `operador.kbf.${tag}@cau.gob.ar`, name: 'Olga Operadora', role: 'operator', area: 'L1' };
  const requester = { email: `ana.kbf.${tag}@salud.gob.ar`, name: 'Ana Solicitante', role: 'requester' };
  for (const account of [operator, requester]) await createAccount(admin, account);
  const operatorApi = await Api.login(operator.email, PASSWORD);
  const draft = await operatorApi.send<Article>('POST', '/kb/articles', {
    title: `La VPN ${tag} pide un certificado`,
    problem: `Al conectar la VPN ${tag} aparece un aviso de certificado vencido.`,
    solutionSteps: ['Descargar el certificado nuevo', 'Importarlo con doble clic'],
    category: 'red',
    tags: ['vpn'],
    visibility: 'public',
    force: true,
  });

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, operator.email);
  await page.goto(`${baseUrl()}/kb/${draft.id}/editar`);
  const form = page.getByRole('form', { name: 'Artículo' });
  const preview = page.getByRole('region', { name: 'Vista previa' });
  const problem = form.getByLabel(/^Problema/);
  await expect(problem).toHaveValue(draft.problem);

  // The caret at the end of the problem, then the upload button reached and pressed with the keyboard.
  await problem.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Tab');
  const upload = form.getByRole('button', { name: 'Subir imagen o archivo' });
  await upload.focus();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'aviso-certificado.png', mimeType: 'image/png', buffer: banner() });

  await expect(problem).toHaveValue(
    new RegExp(`vencido\\.\\n!\\[aviso-certificado\\]\\(/api/v1/kb/articles/${draft.id}/files/[0-9a-f-]{36}\\)$`),
  );
  await expectLoaded(preview.getByRole('img', { name: 'aviso-certificado' }));

  // Any other file is a download, listed with the article once its text names it.
  await form.getByRole('textbox', { name: 'Paso 1', exact: true }).focus();
  await page.keyboard.press('End');
  const second = page.waitForEvent('filechooser');
  await upload.focus();
  await page.keyboard.press('Enter');
  await (await second).setFiles({ name: 'instructivo-vpn.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(form.getByRole('textbox', { name: 'Paso 1', exact: true })).toHaveValue(
    /^Descargar el certificado nuevo \[instructivo-vpn\.pdf\]\(\/api\/v1\/kb\/articles\/.+\)$/,
  );
  await expect(form.getByRole('list', { name: 'Archivos del artículo' }).getByRole('listitem')).toHaveCount(2);
  await expect(
    preview.getByRole('list', { name: 'Archivos adjuntos' }).getByRole('link', { name: 'instructivo-vpn.pdf' }),
  ).toBeVisible();

  // A screenshot pasted on a text field is uploaded and shown where it was pasted.
  const cause = form.getByLabel('Causa');
  await cause.fill('El certificado anterior venció.');
  await cause.press('End');
  const pasted = banner().toString('base64');
  await cause.evaluate((field, data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'captura pegada.png', { type: 'image/png' }));
    field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, pasted);
  await expect(cause).toHaveValue(
    /^El certificado anterior venció\.\n!\[captura pegada\]\(\/api\/v1\/kb\/articles\/.+\)$/,
  );
  await expectLoaded(preview.getByRole('img', { name: 'captura pegada' }));

  // A file the gateway refuses by its content is named, and nothing is inserted.
  const refused = page.waitForEvent('filechooser');
  await upload.focus();
  await page.keyboard.press('Enter');
  await (
    await refused
  ).setFiles({ name: 'falsa.png', mimeType: 'image/png', buffer: Buffer.from('<svg onload=alert(1)>') });
  await expect(form.getByRole('alert').filter({ hasText: 'falsa.png' })).toBeVisible();
  await expect(form.getByRole('list', { name: 'Archivos del artículo' }).getByRole('listitem')).toHaveCount(3);
  await checkPage(page, 'kb-editor-files');

  await form.getByRole('button', { name: 'Guardar cambios' }).click();
  const panel = page.getByRole('region', { name: 'Estado y uso del artículo' });
  await panel.getByRole('button', { name: 'Publicar' }).click();
  await expect(panel.getByText('Publicado', { exact: true })).toBeVisible();
  const article = page.getByRole('article');
  await expectLoaded(article.getByRole('img', { name: 'aviso-certificado' }));
  await checkPage(page, 'kb-article-files-staff');

  // A requester reads the published public article with its image and its file.
  const requesterContext = await browser.newContext();
  const reader = await requesterContext.newPage();
  await signIn(reader, requester.email);
  await reader.goto(`${baseUrl()}/kb/${draft.id}`);
  const read = reader.getByRole('article');
  await expectLoaded(read.getByRole('img', { name: 'aviso-certificado' }));
  const file = read.getByRole('list', { name: 'Archivos adjuntos' }).getByRole('link', { name: 'instructivo-vpn.pdf' });
  const href = await file.getAttribute('href');
  expect((await reader.request.get(`${baseUrl()}${href}`)).status()).toBe(200);
  await checkPage(reader, 'kb-article-files-requester');
  // The reader says it solved the problem; staff see the count on the article and in the list.
  await reader.getByRole('button', { name: 'Esto resolvió mi problema' }).click();
  await expect(reader.getByRole('status').filter({ hasText: 'no hace falta reportar el problema' })).toBeVisible();
  await page.reload();
  await expect(panel.getByText('«Resolvió mi problema»').locator('xpath=following-sibling::dd[1]')).toHaveText('1');
  await page.goto(`${baseUrl()}/kb`);
  await expect(
    page
      .getByRole('article')
      .filter({ hasText: `La VPN ${tag}` })
      .getByText('«resolvió mi problema» 1', { exact: false }),
  ).toBeVisible();

  // Made internal, its files are no longer served to the requester.
  const stored = await operatorApi.send<{ revision: number }>('GET', `/kb/articles/${draft.id}`);
  await operatorApi.send('PATCH', `/kb/articles/${draft.id}`, { revision: stored.revision, visibility: 'internal' });
  expect((await reader.request.get(`${baseUrl()}${href}`)).status()).toBe(404);
  await requesterContext.close();
  await context.close();
});
