import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { startService, type RunningService } from '@cau/messaging';
import { createTestInfrastructure, waitFor, type TestInfrastructure } from '@cau/testing';
import { notificationsService } from '../src/notifications.service.js';
import { publish, sleep, ticketRegistered } from './helpers.js';

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
  let infra: TestInfrastructure;
  let smtp: Awaited<ReturnType<typeof startHoldingSmtpServer>>;
  let service: RunningService;
  let nc: NatsConnection;
  let db: pg.Client;

  beforeAll(async () => {
    infra = await createTestInfrastructure('notiflost');
    smtp = await startHoldingSmtpServer();
    service = await startService(notificationsService, {
      ...(process.env as Record<string, string>),
      ...infra.env,
      // The sender's error about the lost connection is the expected part of this test.
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal',
      NOTIFICATIONS_PORT: '0',
      SMTP_URL: smtp.url,
      MAIL_SEND_CONCURRENCY: '1',
    });
    nc = await connect({ servers: infra.env.NATS_URL });
    db = new pg.Client({ connectionString: infra.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await nc?.close();
    await service?.stop();
    await smtp?.close();
    await infra?.cleanup();
  });

  it('sends it again under the same Message-ID, so the receiver can drop the copy', async () => {
    const event = ticketRegistered(1);
    await publish(nc, infra.env, event);
    await waitFor(() => Promise.resolve(smtp.received.length === 1), { what: 'the message to reach the server' });

    // The server has the message; before it answers, the sender's claim transaction dies, as it would
    // if the process were killed here. The row must stay pending and be sent again.
    const killed = await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND state = 'idle in transaction' AND query LIKE '%FOR UPDATE SKIP LOCKED%'`,
    );
    expect(killed.rowCount).toBe(1);
    smtp.answerFirst();

    await waitFor(() => Promise.resolve(smtp.received.length >= 2), { what: 'the mail to be sent again' });
    await sleep(1_500);
    expect(smtp.received).toHaveLength(2);
    const [first, again] = smtp.received as [ParsedMail, ParsedMail];
    expect(again.messageId).toBe(first.messageId);
    expect(again.subject).toBe(first.subject);
    expect(again.date).toEqual(first.date);
    const row = await db.query(
      'SELECT status, attempts, message_id FROM notifications.deliveries WHERE event_id = $1',
      [event.id],
    );
    expect(row.rows).toEqual([{ status: 'sent', attempts: 1, message_id: first.messageId }]);
  });
});
