import { createTransport, type SendMailOptions } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { NotificationsConfig, SmtpConfig } from '../config/notifications-config.js';
import type { ClaimedDelivery } from './delivery.js';

/** One pooled SMTP transport per instance; its connections are reused across mails. */
export function createPooledTransport(smtp: SmtpConfig, maxConnections: number) {
  return createTransport({
    pool: true,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.auth ?? undefined,
    maxConnections,
    // Retrying is the sender's job (with back-off, counted in the row); the pool re-queueing a message
    // on its own would hide attempts and hold the claim longer.
    maxRequeues: 0,
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
    // The bodies are our own text; nothing may make the transport read files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

export type PooledTransport = ReturnType<typeof createPooledTransport>;

/** The message for a delivery: identical on every attempt, so a re-sent copy is recognisably the same mail. */
function composeMessage(delivery: ClaimedDelivery, config: Pick<NotificationsConfig, 'from'>): SendMailOptions {
  return {
    from: config.from,
    to: bare(delivery.recipient),
    subject: delivery.subject,
    text: delivery.text,
    html: delivery.html,
    messageId: delivery.messageId,
    // When the mail was composed, not when an attempt finally got through.
    date: delivery.createdAt,
    // Every later mail of a ticket answers its registration mail, so clients show them as one thread.
    ...(delivery.threadMessageId === null
      ? {}
      : { inReplyTo: delivery.threadMessageId, references: [delivery.threadMessageId] }),
    ...(delivery.attachments.length === 0
      ? {}
      : {
          attachments: delivery.attachments.map((a) => ({
            filename: a.fileName,
            contentType: a.contentType,
            content: Buffer.from(a.base64, 'base64'),
          })),
        }),
    headers: {
      // Asks vacation responders and similar robots not to answer (RFC 3834); people still can.
      'Auto-Submitted': 'auto-generated',
      ...(delivery.ticketNumber === null ? {} : { 'X-CAU-Ticket': String(delivery.ticketNumber) }),
    },
  };
}

/**
 * The message built whole before it reaches the connection: written as one buffer it costs the socket
 * two or three writes instead of a dozen (one per MIME piece), and those writes were a large share of
 * the sender's CPU. The envelope is the recipient alone, as `to` gives it.
 */
export async function buildMessage(
  delivery: ClaimedDelivery,
  config: Pick<NotificationsConfig, 'from'>,
): Promise<SendMailOptions> {
  const raw = await new MailComposer(composeMessage(delivery, config)).compile().build();
  return { envelope: { from: bare(config.from.address), to: [bare(delivery.recipient)] }, raw };
}

/**
 * An address we hold (a recipient, our own sender) as nodemailer's address object: given as text, each is read
 * by nodemailer's address parser, whose recovery of malformed lists was about a tenth of the sender's CPU
 * (profiled under `bench intake`); these are plain addresses already, and an object with a name is taken as it is.
 */
function bare(address: string): { name: string; address: string } {
  return { name: '', address };
}
