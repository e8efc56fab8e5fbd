import { addressList, positiveInteger, value } from '../config/env-values.js';

export interface ImapMailboxConfig {
  host: string;
  port: number;
  /** imaps:// (TLS from the first byte); imap:// still upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  /** The folder read (`INBOX` by default). */
  mailbox: string;
  /** A folder the mail is moved to once stored, or null to leave it where it is (flagged). */
  moveTo: string | null;
  /** The URL without its password: the mailbox's name in logs, metrics, alerts and stored rows. */
  displayUrl: string;
}

export interface InboundConfig {
  imapMailboxes: readonly ImapMailboxConfig[];
  pollIntervalMs: number;
  /** The SMTP port mail servers forward to, or null when the SMTP path is off. */
  smtp: { host: string; port: number } | null;
  /** A bigger mail is not accepted (SMTP answers 552) or, from IMAP, kept as headers only and flagged. */
  maxMessageBytes: number;
  /** A bigger attachment is recorded (name, type, size) but not stored. */
  maxAttachmentBytes: number;
  /** Attempts to process a stored mail before it is marked failed. */
  maxAttempts: number;
  retryBaseMs: number;
  /** Consecutive failures to read a mailbox before the administrators are told. */
  alertAfterFailures: number;
  /** Who is told when a mailbox cannot be read (lower case). */
  adminEmails: readonly string[];
  /** Jurisdiction of a ticket opened by mail, by the sender's domain; otherwise `defaultJurisdiction`. */
  jurisdictions: ReadonlyMap<string, string>;
  defaultJurisdiction: string;
}

const JURISDICTION = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/**
 * The inbound channel's settings. Nothing configured means nothing is read: no mailbox is polled and no
 * port is opened, so a development machine runs without any of it.
 */
export function inboundConfigFromEnv(env: NodeJS.ProcessEnv): InboundConfig {
  const smtpPort = value(env, 'INBOUND_SMTP_PORT');
  return {
    imapMailboxes: parseMailboxes(value(env, 'INBOUND_IMAP_MAILBOXES') ?? ''),
    pollIntervalMs: positiveInteger(env, 'INBOUND_POLL_INTERVAL_MS', 30_000),
    smtp:
      smtpPort === undefined
        ? null
        : {
            host: value(env, 'INBOUND_SMTP_HOST') ?? '127.0.0.1',
            port: smtpPort === '0' ? 0 : positiveInteger(env, 'INBOUND_SMTP_PORT', 0),
          },
    maxMessageBytes: positiveInteger(env, 'INBOUND_MAX_MESSAGE_BYTES', 40 * 1024 * 1024),
    maxAttachmentBytes: positiveInteger(env, 'INBOUND_MAX_ATTACHMENT_BYTES', 10 * 1024 * 1024),
    maxAttempts: positiveInteger(env, 'INBOUND_MAX_ATTEMPTS', 8),
    retryBaseMs: positiveInteger(env, 'INBOUND_RETRY_BASE_MS', 5_000),
    alertAfterFailures: positiveInteger(env, 'INBOUND_ALERT_AFTER_FAILURES', 3),
    adminEmails: addressList(env, 'ADMIN_EMAILS'),
    jurisdictions: parseJurisdictions(value(env, 'INBOUND_JURISDICTIONS') ?? ''),
    defaultJurisdiction: parseJurisdiction(value(env, 'INBOUND_DEFAULT_JURISDICTION') ?? 'CORREO'),
  };
}

/** A list of `imap(s)://user:password@host[:port][/folder][?moveTo=folder]`, comma-separated or as a JSON array. */
function parseMailboxes(raw: string): ImapMailboxConfig[] {
  if (raw === '') return [];
  let urls: unknown;
  if (raw.startsWith('[')) {
    try {
      urls = JSON.parse(raw);
    } catch {
      throw new Error('INBOUND_IMAP_MAILBOXES looks like JSON but is not valid JSON');
    }
    if (!Array.isArray(urls) || !urls.every((url) => typeof url === 'string')) {
      throw new Error('INBOUND_IMAP_MAILBOXES as JSON must be an array of imap:// or imaps:// URLs');
    }
  } else {
    urls = raw
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  }
  const mailboxes = (urls as string[]).map(parseMailboxUrl);
  const names = new Set<string>();
  for (const mailbox of mailboxes) {
    if (names.has(mailbox.displayUrl)) throw new Error(`INBOUND_IMAP_MAILBOXES names ${mailbox.displayUrl} twice`);
    names.add(mailbox.displayUrl);
  }
  return mailboxes;
}

function parseMailboxUrl(raw: string): ImapMailboxConfig {
  const shown = raw.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  const problem = `INBOUND_IMAP_MAILBOXES entries must look like imaps://user:password@host:993/INBOX, got "${shown}"`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(problem);
  }
  if ((url.protocol !== 'imap:' && url.protocol !== 'imaps:') || !url.hostname || !url.username) {
    throw new Error(problem);
  }
  const unknown = [...url.searchParams.keys()].filter((key) => key !== 'moveTo');
  if (unknown.length > 0) throw new Error(`${problem} (unknown parameter ${unknown.join(', ')})`);
  const secure = url.protocol === 'imaps:';
  const folder = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(url.username),
    password,
    mailbox: folder === '' ? 'INBOX' : folder,
    moveTo: url.searchParams.get('moveTo') || null,
    displayUrl: url.toString(),
  };
}

/** `salud.gob.ar=SALUD,educacion.gob.ar=EDUCACION`. */
function parseJurisdictions(raw: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of raw.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const [domain = '', code = '', ...rest] = entry.split('=').map((part) => part.trim());
    if (rest.length > 0 || !DOMAIN.test(domain.toLowerCase()) || !JURISDICTION.test(code)) {
      throw new Error(
        `INBOUND_JURISDICTIONS must look like salud.gob.ar=SALUD,educacion.gob.ar=EDUCACION, got "${entry}"`,
      );
    }
    map.set(domain.toLowerCase(), code);
  }
  return map;
}

function parseJurisdiction(raw: string): string {
  if (!JURISDICTION.test(raw)) {
    throw new Error(`INBOUND_DEFAULT_JURISDICTION must be a jurisdiction code such as SALUD, got "${raw}"`);
  }
  return raw;
}

/** The jurisdiction of a sender: by the domain of their address, or its parent domains, else the default. */
export function jurisdictionOf(
  address: string,
  config: Pick<InboundConfig, 'jurisdictions' | 'defaultJurisdiction'>,
): string {
  let domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  while (domain.includes('.')) {
    const code = config.jurisdictions.get(domain);
    if (code) return code;
    domain = domain.slice(domain.indexOf('.') + 1);
  }
  return config.defaultJurisdiction;
}
