import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import { ServiceRuntime, startWorker, type Worker } from '@cau/messaging';
import { NotificationsSettings } from '../config/notifications-settings.js';
import type { ImapMailboxConfig, InboundConfig } from './inbound-config.js';
import { InboundMetrics } from './inbound-metrics.js';
import { MailboxAlerts } from './mailbox-alerts.js';
import { ReceiveMailUseCase } from './receive-mail.use-case.js';

/** The keyword a mail gets once stored, where the server allows keywords: the poll skips mails that have it. */
export const STORED_KEYWORD = '$CauStored';

/**
 * Polls each configured IMAP mailbox: fetches the mails not yet taken, stores each (raw, once), and only
 * after that commit flags it (`\Seen` and, where the server allows keywords, `$CauStored`) or moves it to
 * the `moveTo` folder. A crash between the commit and the flag makes the next poll fetch it again, and
 * the store's unique message key drops the copy. A mailbox that fails INBOUND_ALERT_AFTER_FAILURES polls
 * in a row is reported to the administrators once per outage, and its metric says so meanwhile.
 */
@Injectable()
export class ImapPoller implements OnModuleDestroy {
  private workers: Worker[] = [];
  private readonly logger: ServiceRuntime['logger'];

  constructor(
    runtime: ServiceRuntime,
    private readonly settings: NotificationsSettings,
    private readonly receive: ReceiveMailUseCase,
    private readonly alerts: MailboxAlerts,
    private readonly metrics: InboundMetrics,
  ) {
    this.logger = runtime.logger.child({ component: 'imap-poller' });
  }

  start(): void {
    if (this.workers.length > 0) return;
    const config = this.settings.current.inbound;
    this.workers = config.imapMailboxes.map((mailbox) =>
      startWorker({
        name: 'imap poller',
        logger: this.logger,
        intervalMs: config.pollIntervalMs,
        run: this.watcher(mailbox, config),
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Lets the poll in progress finish (its mails stored and flagged). */
  async stop(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.stop()));
  }

  /** One poll of the mailbox and its bookkeeping: failures in a row, metrics, the alert once per outage. */
  private watcher(mailbox: ImapMailboxConfig, config: InboundConfig): (stopping: AbortSignal) => Promise<void> {
    const name = mailbox.displayUrl;
    let failures = 0;
    let failingSince: Date | null = null;
    return async (stopping) => {
      try {
        const taken = await this.poll(mailbox, config, stopping);
        if (failures > 0) this.logger.info({ mailbox: name, after: failures }, 'mailbox readable again');
        failures = 0;
        failingSince = null;
        this.metrics.mailboxUp.set({ mailbox: name }, 1);
        this.metrics.mailboxFailures.set({ mailbox: name }, 0);
        if (taken > 0) this.logger.info({ mailbox: name, taken }, 'mailbox polled');
      } catch (error) {
        failures += 1;
        failingSince ??= new Date();
        this.metrics.mailboxUp.set({ mailbox: name }, 0);
        this.metrics.mailboxFailures.set({ mailbox: name }, failures);
        const message = describe(error);
        this.logger.warn({ mailbox: name, failures, error: message }, 'mailbox could not be read');
        if (failures === config.alertAfterFailures) {
          await this.alerts
            .raise({ mailbox: name, failures, error: message, since: failingSince })
            .catch((alertError: unknown) =>
              this.logger.error({ err: alertError }, 'could not queue the mailbox alert'),
            );
        }
      }
    };
  }

  /** One pass over the mailbox; returns how many mails were taken. */
  private async poll(mailbox: ImapMailboxConfig, config: InboundConfig, stopping: AbortSignal): Promise<number> {
    const client = new ImapFlow({
      host: mailbox.host,
      port: mailbox.port,
      secure: mailbox.secure,
      auth: { user: mailbox.user, pass: mailbox.password },
      logger: false,
      // A hung server must not hold the loop: the poll fails and is counted.
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 120_000,
    });
    // Without a listener, a socket error after connect would be an uncaught 'error' event.
    client.on('error', (error: unknown) =>
      this.logger.debug({ err: error, mailbox: mailbox.displayUrl }, 'imap error'),
    );
    try {
      // Inside the try: a failed login must close its socket and timers too.
      await client.connect();
      const lock = await client.getMailboxLock(mailbox.mailbox);
      try {
        const opened = client.mailbox;
        const keywords = opened !== false && (opened.permanentFlags?.has('\\*') ?? false);
        // Servers that refuse keywords get \Seen only: the mailbox must then be CAU's alone, since a
        // person reading a mail there first would make the poll skip it.
        const found = await client.search(keywords ? { unKeyword: STORED_KEYWORD } : { seen: false }, { uid: true });
        const uids = found || [];
        if (uids.length === 0) return 0;
        // Sizes first, in one command: no other command may run while a FETCH is being read.
        const sizes = new Map<number, number>();
        for await (const message of client.fetch(uids, { uid: true, size: true }, { uid: true })) {
          sizes.set(message.uid, message.size ?? 0);
        }
        const flags = keywords ? ['\\Seen', STORED_KEYWORD] : ['\\Seen'];
        let taken = 0;
        for (const uid of uids) {
          if (stopping.aborted) break;
          const size = sizes.get(uid);
          if (size === undefined) continue; // expunged meanwhile by someone else
          const complete = size <= config.maxMessageBytes;
          const fetched = await client.fetchOne(
            String(uid),
            complete ? { uid: true, source: true } : { uid: true, headers: true },
            { uid: true },
          );
          const raw = fetched ? (complete ? fetched.source : fetched.headers) : undefined;
          if (!raw) continue;
          await this.receive.receive(mailbox.displayUrl, raw, size, complete);
          // Only after the commit above: a mail is flagged or moved once it is safely stored.
          if (mailbox.moveTo) await client.messageMove(String(uid), mailbox.moveTo, { uid: true });
          else await client.messageFlagsAdd(String(uid), flags, { uid: true });
          taken += 1;
        }
        return taken;
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
}

function describe(error: unknown): string {
  const e = error as { message?: unknown; responseText?: unknown; code?: unknown };
  const text = [e.code, e.message, e.responseText].filter((part) => typeof part === 'string' && part !== '').join(': ');
  return (text || String(error)).slice(0, 500);
}
