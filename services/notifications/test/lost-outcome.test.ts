import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { NotificationsRpc, type ActorV1 } from '@cau/contracts';
import { waitFor, type ServiceBench } from '@cau/testing';
import { publish, startNotifications, ticketRegistered } from './helpers.js';

const admin: ActorV1 = { accountId: randomUUID(), role: 'admin', email: 'admin@agetic.gob.bo', name: 'Admin' };

/** An SMTP server that keeps its answer to the first message until told to give it. */
async function startHoldingSmtpServer() {
  const received: ParsedMail[] = [];
  let answerFirst: (() => void) | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void simpleParser(Buffer.concat(chunks)).then((parsed) => {
          received.push(parsed);
          if (received.length === 1) answerFirst = () => callback();
          else callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    answerFirst: () => answerFirst?.(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('notifications: a mail whose outcome was lost', () => {
  let smtp: Awaited<ReturnType<typeof startHoldingSmtpServer>>;
  let bench: ServiceBench;

  beforeAll(async () => {
    smtp = await startHoldingSmtpServer();
    bench = await startNotifications('notiflost', {
      SMTP_URL: smtp.url,
      MAIL_SEND_CONCURRENCY: '1',
    });
  });

  afterAll(async () => {
    await bench?.stop();
    await smtp?.close();
  });

  it('is not sent again by itself: it becomes uncertain, and an administrator may send it again under the same Message-ID', async () => {
    const event = ticketRegistered(1);
    await publish(bench.nc, bench.env, event);
    await waitFor(() => Promise.resolve(smtp.received.length === 1), { what: 'the message to reach the server' });
    const attempt = await bench.db.query('SELECT delivery_id FROM notifications.delivery_attempts');
    expect(attempt.rowCount).toBe(1);

    // The server has the message; before it answers, the sender's claim transaction dies, as it would
    // if the process were killed here. The attempt was recorded before sending, so the mail is not sent
    // a second time: it waits for an administrator as `uncertain`.
    const killed = await bench.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND state = 'idle in transaction' AND query ILIKE '%skip locked%'`,
    );
    expect(killed.rowCount).toBe(1);
    smtp.answerFirst();

    const statusOf = async () =>
      (
        await bench.db.query<{
          id: string;
          status: string;
          attempts: number;
          message_id: string;
          last_error: string | null;
        }>('SELECT id, status, attempts, message_id, last_error FROM notifications.deliveries WHERE event_id = $1', [
          event.id,
        ])
      ).rows[0];
    await waitFor(async () => (await statusOf())?.status === 'uncertain', { what: 'the mail to be marked uncertain' });
    // Marked in the transaction that decided not to send it: no copy can follow.
    expect(smtp.received).toHaveLength(1);
    const uncertain = await statusOf();
    expect(uncertain).toMatchObject({
      attempts: 1,
      last_error: expect.stringMatching(/^sending started at .*Z; the sender stopped/),
    });
    expect((await bench.db.query('SELECT 1 FROM notifications.delivery_attempts')).rowCount).toBe(0);

    const listed = await bench.rpc.request(NotificationsRpc.ListDeliveries, {
      actor: admin,
      status: 'uncertain',
    });
    expect(listed.deliveries.map((delivery) => delivery.id)).toEqual([uncertain!.id]);

    const retried = await bench.rpc.request(NotificationsRpc.RetryDelivery, {
      actor: admin,
      id: uncertain!.id,
    });
    expect(retried).toMatchObject({ status: 'pending', attempts: 0 });
    await waitFor(async () => (await statusOf())?.status === 'sent', { what: 'the mail sent again' });
    expect(smtp.received).toHaveLength(2);
    const [first, again] = smtp.received as [ParsedMail, ParsedMail];
    expect(again.messageId).toBe(first.messageId);
    expect(again.subject).toBe(first.subject);
    expect(again.date).toEqual(first.date);
    expect(await statusOf()).toMatchObject({ status: 'sent', attempts: 1, message_id: first.messageId });
  });
});
