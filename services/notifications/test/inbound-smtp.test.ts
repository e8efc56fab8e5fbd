import { randomBytes, randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { ErrorCode, NotificationsRpc } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { waitFor } from '@cau/testing';
import { SmtpReceiver } from '../src/inbound/smtp-receiver.js';
import { InboundPlatform } from './inbound-fixture.js';
import { sleep } from './helpers.js';

const messageId = (label: string) => `<${label}.${randomUUID()}@educacion.gob>`;

describe('inbound mail over SMTP (forwarded by the organisation’s mail server)', () => {
  let platform: InboundPlatform;

  beforeAll(async () => {
    platform = await InboundPlatform.start('inboundsmtp', {
      INBOUND_SMTP_PORT: '0',
      INBOUND_MAX_MESSAGE_BYTES: String(256 * 1024),
      INBOUND_RETRY_BASE_MS: '200',
      INBOUND_MAX_ATTEMPTS: '1000',
      // Short, so a stopped intake is noticed quickly.
      NATS_REQUEST_TIMEOUT_MS: '1000',
    });
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  /** Sends with nodemailer, a real SMTP client, to the port the running notifications instance listens on. */
  async function send(options: Mail.Options): Promise<void> {
    const port = platform.services.get('notifications')!.app.get(SmtpReceiver).port!;
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ to: 'mesa@cau.test', ...options });
    } finally {
      transport.close();
    }
  }

  it('opens a ticket for a mail it accepted, once even when the server sends it twice', async () => {
    const before = await platform.ticketCount();
    const id = messageId('smtp');
    const mail = {
      from: 'Carla Ruiz <carla@educacion.gob>',
      subject: 'El aula virtual no carga',
      messageId: id,
      text: 'Da error 500.',
    };
    await send(mail);
    await send(mail);
    const row = await platform.settled(id);
    expect(row).toMatchObject({
      source: 'smtp',
      status: 'processed',
      outcome: 'ticket',
      sender: 'carla@educacion.gob',
    });
    expect(await platform.ticket(Number(row.ticket_number))).toMatchObject({
      channel: 'email',
      title: 'El aula virtual no carga',
      jurisdiction: 'CORREO',
    });
    await sleep(500);
    expect(await platform.ticketCount()).toBe(before + 1);
  });

  it('refuses a mail over the size limit with 552, so the sender gets it back', async () => {
    const id = messageId('grande');
    await expect(
      send({
        from: 'carla@educacion.gob',
        subject: 'Grande',
        messageId: id,
        text: 'x',
        attachments: [{ content: randomBytes(400 * 1024) }],
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await platform.rows('message_key = $1', [`mid:${id.toLowerCase()}`])).toEqual([]);
  });

  it('loses nothing when intake is down and notifications restarts between storing and processing', async () => {
    const before = await platform.ticketCount();
    await platform.stopService('intake');
    const id = messageId('reinicio');
    await send({
      from: 'diego@educacion.gob',
      subject: 'Sin red en la escuela 12',
      messageId: id,
      text: 'Nada conecta.',
    });
    const waiting = await waitFor(
      async () => (await platform.rows('message_key = $1 AND attempts > 0', [`mid:${id.toLowerCase()}`]))[0],
      { what: 'a failed attempt while intake is down' },
    );
    expect(waiting.status).toBe('received');
    expect(waiting.reason).toMatch(/no-responders|timeout/);

    await platform.stopService('notifications');
    await platform.startService('intake');
    await platform.startService('notifications');
    const row = await platform.settled(id);
    expect(row).toMatchObject({ status: 'processed', outcome: 'ticket' });
    expect(await platform.ticketCount()).toBe(before + 1);
  });

  it('makes no second ticket or comment when a mail is processed again after its outcome was lost', async () => {
    const id = messageId('perdido');
    await send({ from: 'elena@educacion.gob', subject: 'Impresora atascada', messageId: id, text: 'Atasco de papel.' });
    const first = await platform.settled(id);
    const number = Number(first.ticket_number);
    const reply = messageId('perdido-respuesta');
    await send({
      from: 'elena@educacion.gob',
      subject: `Re: [CAU #${number}] Impresora atascada`,
      messageId: reply,
      text: 'Ya probé apagarla.',
    });
    expect(await platform.settled(reply)).toMatchObject({ outcome: 'comment', ticket_number: String(number) });
    const tickets = await platform.ticketCount();

    // As after a crash between intake's (or resolution's) commit and ours: the rows are `received` again.
    await platform.bench.db.query(
      `UPDATE notifications.inbound_messages SET status = 'received', outcome = NULL, ticket_number = NULL WHERE id = ANY($1)`,
      [[first.id, (await platform.settled(reply)).id]],
    );
    await waitFor(async () => (await platform.rows(`status = 'received'`)).length === 0, {
      what: 'the mails to be processed again',
    });
    expect(await platform.settled(id)).toMatchObject({ status: 'processed', ticket_number: String(number) });
    expect(await platform.ticketCount()).toBe(tickets);
    const comments = await platform.bench.db.query(
      'SELECT count(*) AS n FROM resolution.ticket_comments c JOIN resolution.tickets t USING (ticket_id) WHERE t.number = $1',
      [number],
    );
    expect(comments.rows[0].n).toBe('1');
  });

  it('refuses, and keeps as failed with the reason, a reply from someone who is not the ticket’s requester', async () => {
    const id = messageId('ajeno');
    await send({ from: 'gabriela@educacion.gob', subject: 'Aula 3', messageId: id, text: 'No anda el proyector.' });
    const number = Number((await platform.settled(id)).ticket_number);
    const intruder = messageId('intruso');
    await send({
      from: 'otro@gmail.com',
      subject: `Re: [CAU #${number}] Aula 3`,
      messageId: intruder,
      text: 'Ya está.',
    });
    const row = await platform.settled(intruder);
    expect(row).toMatchObject({ status: 'failed', outcome: null, attempts: 1 });
    expect(row.reason).toMatch(new RegExp(`^ticket ${number} refused: FORBIDDEN`));
    const comments = await platform.bench.db.query(
      'SELECT count(*) AS n FROM resolution.ticket_comments c JOIN resolution.tickets t USING (ticket_id) WHERE t.number = $1',
      [number],
    );
    expect(comments.rows[0].n).toBe('0');
  });

  it('lists what arrived for administrators and processes a failed mail again when asked', async () => {
    const admin = { accountId: randomUUID(), role: 'admin' as const, email: 'admin@cau.test', name: 'Admin' };
    const id = messageId('fallido');
    await platform.stopService('intake');
    await send({ from: 'fabian@educacion.gob', subject: 'Proyector sin imagen', messageId: id, text: 'No enciende.' });
    await waitFor(
      async () => (await platform.rows('message_key = $1 AND attempts > 0', [`mid:${id.toLowerCase()}`]))[0],
      {
        what: 'a failed attempt',
      },
    );
    // As after INBOUND_MAX_ATTEMPTS attempts.
    await platform.bench.db.query(
      `UPDATE notifications.inbound_messages SET status = 'failed' WHERE message_key = $1`,
      [`mid:${id.toLowerCase()}`],
    );
    const { messages } = await platform.bench.rpc.request(NotificationsRpc.ListInbound, {
      actor: admin,
      status: 'failed',
    });
    // Newest first: this one, then the refused reply of the test before.
    expect(messages.map((m) => m.status)).toEqual(['failed', 'failed']);
    expect(messages[0]).toEqual(
      expect.objectContaining({
        messageKey: `mid:${id.toLowerCase()}`,
        source: 'smtp',
        sender: 'fabian@educacion.gob',
        subject: 'Proyector sin imagen',
        status: 'failed',
        reason: expect.stringMatching(/no-responders|timeout/),
        complete: true,
      }),
    );
    const mailId = messages[0]!.id;
    const refusal = await platform.bench.rpc
      .request(NotificationsRpc.ListInbound, { actor: { ...admin, role: 'operator' } })
      .catch((error: unknown) => error);
    expect((refusal as ServiceError).payload.code).toBe(ErrorCode.Forbidden);

    await platform.startService('intake');
    const retried = await platform.bench.rpc.request(NotificationsRpc.RetryInbound, {
      actor: admin,
      id: mailId,
    });
    expect(retried).toMatchObject({ status: 'received', attempts: 0 });
    expect(await platform.settled(id)).toMatchObject({ status: 'processed', outcome: 'ticket' });
    const again = await platform.bench.rpc
      .request(NotificationsRpc.RetryInbound, { actor: admin, id: mailId })
      .catch((error: unknown) => error);
    expect((again as ServiceError).payload.code).toBe(ErrorCode.Conflict);
  });
});
