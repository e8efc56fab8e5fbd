import { mkdir, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { createLogger, positiveInt } from '@cau/messaging';

export interface DevMailboxOptions {
  port: number;
  /** Where each received message is written as `<timestamp>-<n>.eml`. */
  dir: string;
  host?: string;
  logger?: ReturnType<typeof createLogger>;
}

export interface DevMailbox {
  port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/**
 * A mail server for development machines: it accepts every message (any sender, recipient or
 * credentials), writes it to a file that any mail client opens, and logs one JSON line per mail.
 * It delivers nothing anywhere. Not for production: it listens without TLS and trusts everyone.
 */
export async function startDevMailbox(options: DevMailboxOptions): Promise<DevMailbox> {
  const { dir, host = '127.0.0.1', logger = createLogger('dev-mailbox') } = options;
  await mkdir(dir, { recursive: true });
  let received = 0;

  const save = async (raw: Buffer, recipients: string[]): Promise<void> => {
    received += 1;
    const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${received}.eml`);
    await writeFile(file, raw, { flag: 'wx' });
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    logger.info({ to: recipients, subject: parsed.subject ?? '', file }, 'mail received');
  };

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'dev' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        // Acknowledged only once the file is written: a failed write is a 451 and the sender retries.
        save(
          Buffer.concat(chunks),
          session.envelope.rcptTo.map((r) => r.address),
        ).then(
          () => callback(),
          (error: unknown) => {
            logger.error({ err: error }, 'could not store a received mail');
            callback(Object.assign(new Error('could not store the message'), { responseCode: 451 }));
          },
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error({ err: error }, 'dev mailbox error'));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `node services/notifications/dist/dev-mailbox.js`, configured by DEV_MAILBOX_PORT and DEV_MAILBOX_DIR. */
async function main(): Promise<void> {
  const logger = createLogger('dev-mailbox');
  const port = positiveInt(process.env.DEV_MAILBOX_PORT, 2525, 'DEV_MAILBOX_PORT');
  const dir = path.resolve(process.env.DEV_MAILBOX_DIR || 'var/mail');
  const mailbox = await startDevMailbox({ port, dir, logger });
  logger.info({ smtp: `smtp://127.0.0.1:${mailbox.port}`, dir }, 'dev mailbox listening');
  const shutdown = (): void => {
    void mailbox.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    createLogger('dev-mailbox').fatal({ err: error }, `dev mailbox failed to start: ${String(error)}`);
    process.exit(1);
  });
}
