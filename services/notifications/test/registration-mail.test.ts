import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { BatchScope, startService, type RunningService } from '@cau/messaging';
import {
  createTestInfrastructure,
  startTestSmtpServer,
  waitFor,
  type TestInfrastructure,
  type TestSmtpServer,
} from '@cau/testing';
import { notificationsService } from '../src/notifications.service.js';
import { QueueRegistrationMailUseCase } from '../src/registration-mail/queue-registration-mail.use-case.js';
import { duplicated, expectedMessageId, mailsFor, publish, sleep, ticketRegistered } from './helpers.js';

/** How long to keep watching after the expected mails arrived, to catch a late duplicate. */
const SETTLE_MS = 1_500;

describe('notifications: the registration e-mail, exactly once', () => {
  let infra: TestInfrastructure;
  let smtp: TestSmtpServer;
  let nc: NatsConnection;
  let db: pg.Client;
  let service: RunningService;
  let nextNumber = 100;

  const envWith = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...(process.env as Record<string, string>),
    ...infra.env,
    // Retries are expected here and logged as warnings; keep the output for what is unexpected.
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    NOTIFICATIONS_PORT: '0',
    SMTP_URL: smtp.url,
    MAIL_FROM: '"CAU Mesa de Servicios" <mesa@cau.example.gob>',
    PORTAL_URL: 'https://cau.example.gob/',
    MAIL_TIME_ZONE: 'America/Argentina/Buenos_Aires',
    MAIL_RETRY_BASE_MS: '100',
    MAIL_RETRY_MAX_MS: '400',
    ...extra,
  });
  const start = (extra: Record<string, string> = {}) => startService(notificationsService, envWith(extra));

  const deliveryRows = async (numbers: number[]) =>
    (
      await db.query<{ ticket_number: string; status: string; attempts: number; last_error: string | null }>(
        `SELECT ticket_number, status, attempts, last_error FROM notifications.deliveries
         WHERE ticket_number = ANY($1::bigint[]) ORDER BY ticket_number`,
        [numbers],
      )
    ).rows;

  const allTried = (rows: Array<{ attempts: number }>, count: number, attempts: number) =>
    rows.length === count && rows.every((row) => row.attempts >= attempts);

  const allArrived = (numbers: number[]) => () =>
    Promise.resolve(numbers.every((n) => mailsFor(smtp.mails, n).length > 0));

  const expectExactlyOnce = (numbers: number[]) => {
    for (const n of numbers)
      expect({ ticket: n, mails: mailsFor(smtp.mails, n).length }).toEqual({ ticket: n, mails: 1 });
  };

  const numbers = (count: number) => Array.from({ length: count }, () => ++nextNumber);

  beforeAll(async () => {
    infra = await createTestInfrastructure('notifications');
    smtp = await startTestSmtpServer();
    service = await start();
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

  afterEach(() => {
    smtp.failWith = null;
  });

  it('sends the requester one Spanish mail with the ticket number and a stable Message-ID', async () => {
    const [number] = numbers(1) as [number];
    const event = ticketRegistered(number, { email: 'maria.perez@salud.gob', name: 'María Pérez' });
    await publish(nc, infra.env, event);

    await waitFor(allArrived([number]), { what: 'the registration mail' });
    await sleep(SETTLE_MS);
    const [mail] = mailsFor(smtp.mails, number);
    expect(mailsFor(smtp.mails, number)).toHaveLength(1);

    expect(mail!.envelopeTo).toEqual(['maria.perez@salud.gob']);
    expect(mail!.parsed.to).toMatchObject({ value: [{ address: 'maria.perez@salud.gob' }] });
    expect(mail!.parsed.from).toMatchObject({
      value: [{ address: 'mesa@cau.example.gob', name: 'CAU Mesa de Servicios' }],
    });
    expect(mail!.parsed.subject).toBe(`[CAU #${number}] Registramos su solicitud: La impresora ${number} no imprime`);
    expect(mail!.parsed.text).toContain('Hola, María Pérez:');
    expect(mail!.parsed.text).toContain(`Número de ticket: #${number}`);
    expect(mail!.parsed.text).toContain('22 de noviembre de 2025 a las 11:02');
    expect(mail!.parsed.text).toContain(`https://cau.example.gob/tickets/${number}`);
    expect(mail!.parsed.text).toContain(`responda a este correo conservando [CAU #${number}] en el asunto`);
    expect(mail!.parsed.html).toContain(`#${number}`);
    expect(mail!.parsed.messageId).toBe(expectedMessageId(event.id, 'maria.perez@salud.gob', 'cau.example.gob'));
    expect(mail!.parsed.headers.get('auto-submitted')).toBe('auto-generated');

    const stored = await db.query(
      `SELECT status, attempts, message_id, recipient, language, kind, sent_at FROM notifications.deliveries
       WHERE event_id = $1`,
      [event.id],
    );
    expect(stored.rows).toEqual([
      expect.objectContaining({
        status: 'sent',
        attempts: 1,
        message_id: mail!.parsed.messageId,
        recipient: 'maria.perez@salud.gob',
        language: 'es',
        kind: 'ticket-registered',
        sent_at: expect.any(Date),
      }),
    ]);
  });

  it('sends one mail when JetStream delivers the same event twice', async () => {
    const [number] = numbers(1) as [number];
    const event = ticketRegistered(number);
    // Different msgIDs, so JetStream keeps both copies and the consumer sees the event twice.
    await publish(nc, infra.env, event, `${event.id}:first`);
    await publish(nc, infra.env, event, `${event.id}:second`);

    await waitFor(allArrived([number]), { what: 'the registration mail' });
    await sleep(SETTLE_MS);
    expectExactlyOnce([number]);
    const rows = await db.query('SELECT count(*)::int AS n FROM notifications.deliveries WHERE event_id = $1', [
      event.id,
    ]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('keeps one delivery per event and recipient even when the inbox is bypassed', async () => {
    const [number] = numbers(1) as [number];
    const event = ticketRegistered(number);
    const useCase = service.app.get(QueueRegistrationMailUseCase);
    for (let i = 0; i < 2; i++) {
      // Each time in a batch of its own, as the consumer applies it.
      await service.runtime.dataSource.transaction(async (tx) => {
        const batch = new BatchScope([event.id]);
        await useCase.handle(event, tx, batch);
        await batch.finish();
      });
    }

    await waitFor(allArrived([number]), { what: 'the registration mail' });
    await sleep(SETTLE_MS);
    expectExactlyOnce([number]);
    const rows = await db.query('SELECT count(*)::int AS n FROM notifications.deliveries WHERE event_id = $1', [
      event.id,
    ]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('sends each mail once when the service stops and starts again while mails are pending', async () => {
    // Stops happen once the consumer has recorded the mails: what is tested is the sender. (The
    // library's consumer, stopped while pulling, gets its in-flight events back only after ack_wait.)
    smtp.failWith = { code: 451, message: 'Requested action aborted: try again later' };
    const heldBack = numbers(5);
    for (const n of heldBack) await publish(nc, infra.env, ticketRegistered(n));
    await waitFor(async () => allTried(await deliveryRows(heldBack), heldBack.length, 1), {
      what: 'every held-back mail to be tried once',
    });
    await service.stop();
    expect((await deliveryRows(heldBack)).every((row) => row.status === 'pending')).toBe(true);
    smtp.failWith = null;

    // Events published while the service is down wait in JetStream; the service is stopped again as
    // soon as it has recorded their mails, while it is sending them.
    const whileDown = numbers(20);
    await Promise.all(whileDown.map((n) => publish(nc, infra.env, ticketRegistered(n))));
    service = await start();
    await waitFor(async () => (await deliveryRows(whileDown)).length === whileDown.length, {
      what: 'the mails of the events published while down',
    });
    await service.stop();
    service = await start();

    const all = [...heldBack, ...whileDown];
    await waitFor(allArrived(all), { what: 'every mail after the restarts' });
    await sleep(SETTLE_MS);
    expectExactlyOnce(all);
    expect((await deliveryRows(all)).every((row) => row.status === 'sent')).toBe(true);
  });

  it('delivers every mail exactly once after the SMTP server refused them for a while (451)', async () => {
    smtp.failWith = { code: 451, message: 'Local error in processing' };
    const batch = numbers(12);
    for (const n of batch) await publish(nc, infra.env, ticketRegistered(n));
    await waitFor(async () => allTried(await deliveryRows(batch), batch.length, 2), {
      what: 'every mail to be retried at least once',
      timeoutMs: 30_000,
    });
    const during = await deliveryRows(batch);
    expect(during.every((row) => row.status === 'pending' && row.last_error?.includes('451'))).toBe(true);
    expect(mailsFor(smtp.mails, batch[0]!)).toHaveLength(0);

    smtp.failWith = null;
    await waitFor(allArrived(batch), { what: 'every mail after the outage' });
    await sleep(SETTLE_MS);
    expectExactlyOnce(batch);
    expect((await deliveryRows(batch)).every((row) => row.status === 'sent')).toBe(true);

    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/cau_mail_retried_total\{[^}]*kind="ticket-registered"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/cau_mail_sent_total\{[^}]*kind="ticket-registered"[^}]*\} [1-9]/);
  });

  it('keeps mails while no SMTP server answers at all, and sends them once one does', async () => {
    const spare = await startTestSmtpServer();
    const port = spare.port;
    await spare.close();
    await service.stop();
    service = await start({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    let late: TestSmtpServer | null = null;
    try {
      const batch = numbers(6);
      for (const n of batch) await publish(nc, infra.env, ticketRegistered(n));
      await waitFor(async () => allTried(await deliveryRows(batch), batch.length, 1), {
        what: 'every mail to meet the closed port',
      });
      expect((await deliveryRows(batch)).every((row) => row.status === 'pending')).toBe(true);

      late = await startTestSmtpServer(port);
      await waitFor(() => Promise.resolve(batch.every((n) => mailsFor(late!.mails, n).length > 0)), {
        what: 'every mail once the server is up',
      });
      await sleep(SETTLE_MS);
      for (const n of batch) expect(mailsFor(late.mails, n)).toHaveLength(1);
    } finally {
      await service.stop();
      await late?.close();
      service = await start();
    }
  });

  it('marks a mail refused for good (550) as failed and never retries it', async () => {
    smtp.failWith = { code: 550, message: 'No such user here' };
    const [number] = numbers(1) as [number];
    await publish(nc, infra.env, ticketRegistered(number));
    await waitFor(async () => (await deliveryRows([number]))[0]?.status === 'failed', { what: 'the mail to fail' });
    smtp.failWith = null;

    await sleep(SETTLE_MS);
    const [row] = await deliveryRows([number]);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.last_error).toContain('550');
    expect(mailsFor(smtp.mails, number)).toHaveLength(0);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/cau_mail_failed_total\{[^}]*kind="ticket-registered"[^}]*\} 1\b/);
  });

  it('sends 50 mails, each once, with two instances sharing the work', async () => {
    const second = await start();
    try {
      const batch = numbers(50);
      await Promise.all(batch.map((n) => publish(nc, infra.env, ticketRegistered(n))));
      await waitFor(allArrived(batch), { what: '50 mails', timeoutMs: 30_000 });
      await sleep(SETTLE_MS);
      expectExactlyOnce(batch);
      expect((await deliveryRows(batch)).filter((row) => row.status === 'sent')).toHaveLength(50);
    } finally {
      await second.stop();
    }
  });

  it('sends as soon as the event is handled, without waiting for the poll', async () => {
    await service.stop();
    service = await start({ MAIL_POLL_INTERVAL_MS: '60000' });
    // Let the first round (run at start) finish, so only a notification can wake the sender now.
    await sleep(300);
    const [number] = numbers(1) as [number];
    await publish(nc, infra.env, ticketRegistered(number));
    await waitFor(allArrived([number]), { what: 'the mail', timeoutMs: 5_000 });
  });

  it('never sent any ticket twice', () => {
    expect(duplicated(smtp.mails)).toEqual([]);
  });
});
