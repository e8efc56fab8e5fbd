import { createHash, randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { NotificationsRpc } from '@cau/contracts';
import { waitFor } from '@cau/testing';
import { InboundAttachmentBackfill } from '../src/inbound/inbound-attachment-backfill.js';
import { MailAttachmentStore } from '../src/inbound/mail-attachment-store.js';
import { SmtpReceiver } from '../src/inbound/smtp-receiver.js';
import { InboundPlatform } from './inbound-fixture.js';

const messageId = (label: string) => `<${label}.${randomUUID()}@salud.gob>`;
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const pdf = (seed: string): Buffer => Buffer.concat([Buffer.from(`%PDF-1.7\n% ${seed}\n`), Buffer.alloc(3_000, seed)]);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2_000, 0x90)]);

/**
 * Inbound mail attachments go to the attachment store (the gateway's, ATTACHMENTS_*), checked as
 * uploads are; notifications keeps their metadata and key and answers the ticket's list to the gateway.
 */
describe('inbound mail attachments in the attachment store', () => {
  let platform: InboundPlatform;

  beforeAll(async () => {
    platform = await InboundPlatform.start('inboundfiles', {
      INBOUND_SMTP_PORT: '0',
      INBOUND_RETRY_BASE_MS: '200',
      INBOUND_MAX_ATTEMPTS: '1000',
      NATS_REQUEST_TIMEOUT_MS: '1000',
    });
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  async function send(options: Mail.Options): Promise<void> {
    const port = platform.services.get('notifications')!.app.get(SmtpReceiver).port!;
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ to: 'mesa@cau.test', ...options });
    } finally {
      transport.close();
    }
  }

  const ticketAttachments = (number: number) =>
    platform.bench.rpc.request(NotificationsRpc.InboundTicketAttachments, { number });

  it('stores an allowed file by its key and SHA-256, records a forbidden one without its bytes, and lists both for the ticket', async () => {
    const before = await platform.storedFileCount();
    const report = pdf('informe');
    const id = messageId('adjuntos');
    await send({
      from: 'Ana Pérez <ana@salud.gob>',
      subject: 'La impresora no imprime',
      messageId: id,
      text: 'Adjunto el informe.',
      attachments: [
        { filename: 'informe.pdf', content: report, contentType: 'application/pdf' },
        { filename: 'arreglo.exe', content: exe, contentType: 'application/octet-stream' },
      ],
    });
    const row = await platform.settled(id);
    expect(row).toMatchObject({ status: 'processed', outcome: 'ticket' });
    const [kept, refused] = await platform.attachments(row.id);
    expect(kept).toMatchObject({
      filename: 'informe.pdf',
      stored: true,
      detected_type: 'application/pdf',
      sha256: sha256(report),
      storage_key: expect.any(String),
      has_content: false,
    });
    expect(refused).toMatchObject({
      filename: 'arreglo.exe',
      stored: false,
      storage_key: null,
      sha256: null,
      reason: 'type not allowed: application/x-msdownload',
      has_content: false,
    });
    expect(sha256(await platform.storedBytes(kept!.storage_key!))).toBe(sha256(report));
    expect(await platform.storedFileCount()).toBe(before + 1);
    const number = Number(row.ticket_number);
    expect((await platform.ticket(number)).description).toMatch(
      /- informe\.pdf \(3 KB\)\n- arreglo\.exe \(2 KB, no guardado: tipo de archivo no admitido\)/,
    );

    expect(await ticketAttachments(number)).toEqual({
      attachments: [
        {
          id: kept!.id,
          source: 'mail',
          fileName: 'informe.pdf',
          contentType: 'application/pdf',
          sizeBytes: report.length,
          sha256: sha256(report),
          storageKey: kept!.storage_key,
          reason: null,
          sender: 'ana@salud.gob',
          senderName: 'Ana Pérez',
          senderActorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          addedAt: expect.any(String),
        },
        expect.objectContaining({
          id: refused!.id,
          fileName: 'arreglo.exe',
          contentType: null,
          storageKey: null,
          sha256: null,
          reason: 'type not allowed: application/x-msdownload',
        }),
      ],
    });
    expect(await ticketAttachments(number + 1000)).toEqual({ attachments: [] });
  });

  it('does not store a file twice when the mail is processed again after an attempt that failed', async () => {
    await platform.stopService('intake');
    const before = await platform.storedFileCount();
    const id = messageId('reintento');
    const report = pdf('reintento');
    await send({
      from: 'beto@salud.gob',
      subject: 'Sin red',
      messageId: id,
      text: 'Va la captura.',
      attachments: [{ filename: 'captura.pdf', content: report }],
    });
    // The failed attempt committed its attachment with the retry's schedule.
    const waiting = await waitFor(
      async () => (await platform.rows('message_key = $1 AND attempts > 1', [`mid:${id.toLowerCase()}`]))[0],
      { what: 'two failed attempts while intake is down' },
    );
    expect(waiting.status).toBe('received');
    const [first] = await platform.attachments(waiting.id);
    expect(first).toMatchObject({ stored: true, storage_key: expect.any(String) });
    await platform.startService('intake');
    const row = await platform.settled(id);
    expect(row).toMatchObject({ status: 'processed', outcome: 'ticket' });
    expect(await platform.attachments(row.id)).toEqual([first]);
    expect(await platform.storedFileCount()).toBe(before + 1);
    expect(sha256(await platform.storedBytes(first!.storage_key!))).toBe(sha256(report));
  });

  it('retries a mail whose attachment the store did not take, and keeps the file once', async () => {
    const store = platform.services.get('notifications')!.app.get(MailAttachmentStore).current;
    const put = store.put.bind(store);
    let refused = 0;
    const spy = jest.spyOn(store, 'put').mockImplementation(async (body) => {
      if (refused === 0) {
        refused++;
        body.destroy();
        throw new Error('bucket out of reach');
      }
      return put(body);
    });
    try {
      const before = await platform.storedFileCount();
      const id = messageId('almacen');
      const report = pdf('almacen');
      await send({
        from: 'diego@salud.gob',
        subject: 'Sin almacén',
        messageId: id,
        text: 'Adjunto.',
        attachments: [{ filename: 'a.pdf', content: report }],
      });
      const row = await platform.settled(id);
      expect(row).toMatchObject({ status: 'processed', outcome: 'ticket', attempts: 2 });
      expect(refused).toBe(1);
      const [kept, ...others] = await platform.attachments(row.id);
      expect(others).toEqual([]);
      expect(kept).toMatchObject({ stored: true, sha256: sha256(report) });
      expect(await platform.storedFileCount()).toBe(before + 1);
    } finally {
      spy.mockRestore();
    }
  });

  it('moves attachments kept in the database before the store into it, and refuses a forbidden one there too', async () => {
    const id = messageId('antiguo');
    await send({ from: 'carla@salud.gob', subject: 'Antiguo', messageId: id, text: 'Sin adjuntos.' });
    const row = await platform.settled(id);
    const legacy = pdf('antiguo');
    // As a row written before the attachment store: bytes in `content`, no key.
    await platform.bench.db.query(
      `INSERT INTO notifications.inbound_attachments (message_id, position, filename, content_type, size_bytes, content, stored)
       VALUES ($1, 0, 'viejo.pdf', 'application/pdf', $2, $3, true), ($1, 1, 'viejo.exe', 'application/octet-stream', $4, $5, true)`,
      [row.id, legacy.length, legacy, exe.length, exe],
    );
    const backfill = platform.services.get('notifications')!.app.get(InboundAttachmentBackfill);
    expect(await backfill.run()).toBe(2);
    expect(await backfill.run()).toBe(0);
    const [moved, refused] = await platform.attachments(row.id);
    expect(moved).toMatchObject({
      stored: true,
      sha256: sha256(legacy),
      detected_type: 'application/pdf',
      has_content: false,
    });
    expect(await platform.storedBytes(moved!.storage_key!)).toEqual(legacy);
    expect(refused).toMatchObject({ stored: false, storage_key: null, has_content: false, reason: /type not allowed/ });
    const listed = await ticketAttachments(Number(row.ticket_number));
    expect(listed.attachments.map((a) => [a.fileName, a.storageKey])).toEqual([
      ['viejo.pdf', moved!.storage_key],
      ['viejo.exe', null],
    ]);
  });
});
