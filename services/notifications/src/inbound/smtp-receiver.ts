import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import { ServiceRuntime } from '@cau/messaging';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { ReceiveMailUseCase } from './receive-mail.use-case.js';

/** The source recorded for mails that arrived over SMTP. */
export const SMTP_SOURCE = 'smtp';

/**
 * Takes mail forwarded by the organisation's mail server over SMTP. The 250 that tells the sending server
 * the mail is ours is given only after the raw message is committed; a failure answers 451, so the
 * sender keeps it and tries again later. A mail over INBOUND_MAX_MESSAGE_BYTES is refused with 552 (the
 * size is announced in EHLO), so the sender bounces it to the person rather than it vanishing here.
 * No authentication and no TLS: listen only where the forwarding server alone can reach it.
 */
@Injectable()
export class SmtpReceiver implements OnModuleDestroy {
  private server: SMTPServer | null = null;
  private boundPort: number | null = null;
  private readonly logger: ServiceRuntime['logger'];

  constructor(
    runtime: ServiceRuntime,
    private readonly settings: NotificationsSettings,
    private readonly receive: ReceiveMailUseCase,
  ) {
    this.logger = runtime.logger.child({ component: 'smtp-receiver' });
  }

  /** The port it listens on (the chosen one when configured as 0), or null when the SMTP path is off. */
  get port(): number | null {
    return this.boundPort;
  }

  async start(): Promise<void> {
    const config = this.settings.current.inbound;
    if (!config.smtp || this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: config.maxMessageBytes,
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        // Past the limit the rest is read and dropped: the mail is refused anyway, memory stays bounded.
        stream.on('data', (chunk: Buffer) => {
          if (!stream.sizeExceeded) chunks.push(chunk);
        });
        stream.on('end', () => {
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error('message too large'), { responseCode: 552 }));
            return;
          }
          this.receive.receive(SMTP_SOURCE, Buffer.concat(chunks)).then(
            () => callback(),
            (error: unknown) => {
              this.logger.error({ err: error }, 'could not store a mail received over SMTP; answered 451');
              callback(Object.assign(new Error('could not store the message, try again later'), { responseCode: 451 }));
            },
          );
        });
      },
    });
    server.on('error', (error) => this.logger.error({ err: error }, 'inbound SMTP server error'));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(config.smtp!.port, config.smtp!.host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : config.smtp.port;
    this.logger.info({ host: config.smtp.host, port: this.boundPort }, 'inbound SMTP listening');
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
