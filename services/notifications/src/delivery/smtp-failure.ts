import type { RetryPolicy } from '../config/notifications-config.js';

export interface SmtpFailure {
  /** True when sending the same message again would be refused again. */
  permanent: boolean;
  /** What went wrong, for the delivery row and the logs. */
  description: string;
}

interface NodemailerErrorLike {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

const MAX_DESCRIPTION = 1_000;

/**
 * Decides whether a failed send is worth retrying. Only a refusal of this message or this recipient
 * is permanent: a 5xx reply to RCPT TO or DATA (550 no such mailbox, 553 bad address, 552 too big),
 * or an address nodemailer itself finds invalid. Everything else is retried with back-off: 4xx
 * replies, 503 (out of sequence), connection, TLS and timeout errors, and also a 5xx to AUTH or
 * MAIL FROM, because those refuse our credentials or sender, which an operator can fix, and every
 * mail would otherwise be lost until then.
 */
export function classifySmtpFailure(error: unknown): SmtpFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerErrorLike;
  const description = describe(error, e);
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const command = typeof e.command === 'string' ? e.command : '';
  if (responseCode !== null) {
    const refused = responseCode >= 500 && responseCode < 600 && responseCode !== 503;
    return { permanent: refused && (command === 'RCPT TO' || command === 'DATA'), description };
  }
  // Without a server reply, these codes mean nodemailer refused the envelope or message before sending.
  return { permanent: e.code === 'EENVELOPE' || e.code === 'EMESSAGE', description };
}

/** Exponential back-off: base, 2×base, 4×base… capped. `attempt` counts from 1. */
export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

function describe(error: unknown, e: NodemailerErrorLike): string {
  const message = typeof e.message === 'string' ? e.message : String(error);
  const text = typeof e.code === 'string' ? `${e.code}: ${message}` : message;
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}
