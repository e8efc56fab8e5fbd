import { randomUUID } from 'node:crypto';
import { NotificationsRpc, ProcedureEvents, type ActorV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { startTestSmtpServer, waitFor, type ServiceBench, type TestSmtpServer } from '@cau/testing';
import { publish, startNotifications, ticketEvent, ticketRegistered } from './helpers.js';

const DOMAIN = 'cau.example.gob';
const actor = (role: ActorV1['role']): ActorV1 => ({
  accountId: randomUUID(),
  role,
  email: `${role}@agetic.gob.bo`,
  name: `Persona ${role}`,
});

/** A mail as the inbound channel keeps it: the raw message, processed into a comment on the ticket. */
const rawMail = (from: string, subject: string, text: string): Buffer =>
  Buffer.from(
    [
      `From: Ana Pérez <${from}>`,
      `To: mesa@${DOMAIN}`,
      `Subject: ${subject}`,
      `Message-ID: <${randomUUID()}@salud.gob>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      text,
      '',
    ].join('\r\n'),
  );

describe("notifications: a ticket's mails, for the staff who work it", () => {
  let smtp: TestSmtpServer;
  let bench: ServiceBench;

  const list = (number: number, who: ActorV1 = actor('agent')) =>
    bench.rpc.request(NotificationsRpc.ListTicketMails, { actor: who, number });

  const storeReceived = async (number: number, raw: Buffer, receivedAt: string, complete = true) => {
    await bench.db.query(
      `INSERT INTO notifications.inbound_messages
         (id, message_key, source, raw, raw_size, raw_complete, status, sender, subject, outcome, ticket_number,
          received_at, processed_at)
       VALUES ($1, $2, 'smtp', $3, $4, $5, 'processed', 'ana.perez@salud.gob', $6, 'comment', $7, $8, $8)`,
      [randomUUID(), randomUUID(), raw, raw.length, complete, `Re: [CAU #${number}]`, number, receivedAt],
    );
  };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    bench = await startNotifications('notifhistory', {
      SMTP_URL: smtp.url,
      MAIL_FROM: `"CAU Mesa de Servicios" <mesa@${DOMAIN}>`,
      PORTAL_URL: `https://${DOMAIN}`,
      MAIL_TIME_ZONE: 'America/Argentina/Buenos_Aires',
    });
  });

  afterAll(async () => {
    await bench?.stop();
    await smtp?.close();
  });

  it('lists what was mailed about the ticket and what arrived for it, oldest first, each with its text', async () => {
    const requester = { email: 'ana.perez@salud.gob', name: 'Ana Pérez' };
    const registered = ticketRegistered(7101, requester);
    const other = ticketRegistered(7102, requester);
    await publish(bench.nc, bench.env, registered);
    await publish(bench.nc, bench.env, other);
    await waitFor(async () => (await list(7101)).mails.some((mail) => mail.status === 'sent'), { timeoutMs: 30_000 });

    await storeReceived(
      7101,
      rawMail(requester.email, 'Re: [CAU #7101]', 'Sigue sin imprimir, adjunto foto.'),
      new Date(Date.now() + 60_000).toISOString(),
    );
    const by = { accountId: randomUUID(), name: 'Olga Operadora', role: 'operator' };
    const reply = ticketEvent(
      ProcedureEvents.TicketCommented,
      registered,
      {
        area: 'L1',
        status: 'en_curso',
        commentId: randomUUID(),
        text: 'Ya enviamos un técnico.',
        by,
        at: new Date().toISOString(),
        channel: 'portal',
        reopens: false,
      },
      2,
    );
    await publish(bench.nc, bench.env, reply);
    await waitFor(async () => (await list(7101)).mails.filter((mail) => mail.direction === 'sent').length >= 2, {
      timeoutMs: 30_000,
    });

    const { mails, truncated } = await list(7101);
    expect(truncated).toBe(false);
    expect(mails.map((mail) => [mail.direction, mail.kind, mail.address])).toEqual([
      ['sent', 'ticket-registered', requester.email],
      ['sent', 'staff-replied', requester.email],
      ['received', null, requester.email],
    ]);
    expect(mails[0]!.text).toContain('La impresora 7101 no imprime');
    expect(mails[0]!.subject).toContain('7101');
    expect(mails[1]!.text).toContain('Ya enviamos un técnico.');
    expect(mails[2]).toMatchObject({
      status: 'received',
      subject: 'Re: [CAU #7101]',
      text: 'Sigue sin imprimir, adjunto foto.',
    });
    expect(mails.every((mail) => !mail.subject.includes('7102'))).toBe(true);
    expect((await list(7102)).mails.map((mail) => mail.kind)).toEqual(['ticket-registered']);
  });

  it('lists a mail of which only the headers were kept without its text', async () => {
    await storeReceived(
      7103,
      Buffer.from('From: x@salud.gob\r\nSubject: enorme\r\n\r\n'),
      new Date().toISOString(),
      false,
    );
    expect((await list(7103)).mails).toEqual([
      expect.objectContaining({ direction: 'received', text: null, address: 'ana.perez@salud.gob' }),
    ]);
  });

  it('is for staff only', async () => {
    for (const role of ['requester', 'referente'] as const) {
      await expect(list(7101, actor(role))).rejects.toThrow(ServiceError);
    }
    await expect(list(7101, actor('requester'))).rejects.toMatchObject({ payload: { code: 'FORBIDDEN' } });
    await expect(
      bench.rpc.request(NotificationsRpc.ListTicketMails, { actor: actor('agent'), number: 0 }),
    ).rejects.toMatchObject({
      payload: { code: 'VALIDATION' },
    });
  });
});
