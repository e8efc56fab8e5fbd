import { storeSettingsFromEnv, type StoreSettings } from '@cau/attachments';
import { AREA_CODE_PATTERN, Language } from '@cau/contracts';
import addressparser from 'nodemailer/lib/addressparser';
import { inboundConfigFromEnv, type InboundConfig } from '../inbound/inbound-config.js';
import type { SurveyLinkSettings } from '../survey-links/survey-link.js';
import { ADDRESS, addressList, positiveInteger, value } from './env-values.js';

export interface SmtpConfig {
  host: string;
  port: number;
  /** smtps:// (TLS from the first byte); smtp:// still upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  auth: { user: string; pass: string } | null;
  /** Bounds connecting, the greeting and any silence of the server, so a hung server never holds a claim long. */
  timeoutMs: number;
  /** The URL without its password, for logs. */
  displayUrl: string;
}

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
}

export interface NotificationsConfig {
  smtp: SmtpConfig;
  from: { name: string; address: string };
  messageIdDomain: string;
  portalUrl: string;
  /** Signs the survey links of closure mails (the gateway verifies them with the same secret). */
  surveyLink: SurveyLinkSettings;
  language: Language;
  timeZone: string;
  /** Mails sent at once by one instance; each holds one database connection while it is sent. */
  sendConcurrency: number;
  /** Mails one worker claims, sends and settles in one transaction. */
  sendBatchSize: number;
  retry: RetryPolicy;
  /** Safety-net poll for retries coming due and for wake-ups lost with the LISTEN connection. */
  pollIntervalMs: number;
  /** Shared mailbox of each area (lower-case addresses); an area without one gets no mail. */
  areaMailboxes: ReadonlyMap<string, string>;
  /** Supervisors' addresses (lower case, without repeats). */
  supervisorEmails: readonly string[];
  /** The Referente Tecnológico of each jurisdiction (lower-case addresses), told what its requesters are told. */
  jurisdictionReferentes: ReadonlyMap<string, string>;
  /** The inbound e-mail channel (off unless configured). */
  inbound: InboundConfig;
  /** Where inbound mail attachments are kept: the gateway's attachment store, same ATTACHMENTS_* settings. */
  attachmentStore: StoreSettings;
}

/** The development mailbox's default address: `npm start` works on a machine without a mail server. */
const DEFAULT_SMTP_URL = 'smtp://127.0.0.1:2525';
const DEFAULT_MAIL_FROM = '"CAU Mesa de Servicios" <cau@localhost>';
const DEFAULT_PORTAL_URL = 'http://127.0.0.1:3000';

const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const LANGUAGES: readonly string[] = Object.values(Language);

export interface ConfigLimits {
  /** Each mail being sent holds a connection of this pool; the consumer needs one too. */
  databasePoolSize: number;
}

/** Reads and checks the service's settings once at boot; a bad value stops the start with a message naming it. */
export function notificationsConfigFromEnv(env: NodeJS.ProcessEnv, limits: ConfigLimits): NotificationsConfig {
  const from = parseFrom(value(env, 'MAIL_FROM') ?? DEFAULT_MAIL_FROM);
  const messageIdDomain = value(env, 'MAIL_MESSAGE_ID_DOMAIN') ?? from.address.slice(from.address.lastIndexOf('@') + 1);
  if (!DOMAIN.test(messageIdDomain)) {
    throw new Error(`MAIL_MESSAGE_ID_DOMAIN must be a domain name such as cau.example.gob, got "${messageIdDomain}"`);
  }
  const retry = {
    baseMs: positiveInteger(env, 'MAIL_RETRY_BASE_MS', 5_000),
    maxMs: positiveInteger(env, 'MAIL_RETRY_MAX_MS', 10 * 60_000),
  };
  if (retry.maxMs < retry.baseMs) {
    throw new Error(`MAIL_RETRY_MAX_MS (${retry.maxMs}) must not be smaller than MAIL_RETRY_BASE_MS (${retry.baseMs})`);
  }
  const sendConcurrency = positiveInteger(env, 'MAIL_SEND_CONCURRENCY', 4);
  if (sendConcurrency >= limits.databasePoolSize) {
    throw new Error(
      `MAIL_SEND_CONCURRENCY (${sendConcurrency}) must be smaller than DATABASE_POOL_SIZE (${limits.databasePoolSize}): ` +
        'every mail being sent holds a database connection',
    );
  }
  return {
    smtp: parseSmtpUrl(value(env, 'SMTP_URL') ?? DEFAULT_SMTP_URL, positiveInteger(env, 'SMTP_TIMEOUT_MS', 20_000)),
    from,
    messageIdDomain,
    portalUrl: parsePortalUrl(value(env, 'PORTAL_URL') ?? DEFAULT_PORTAL_URL),
    surveyLink: surveyLinkFromEnv(env),
    language: parseLanguage(value(env, 'MAIL_LANGUAGE') ?? Language.Es),
    timeZone: parseTimeZone(value(env, 'MAIL_TIME_ZONE') ?? Intl.DateTimeFormat().resolvedOptions().timeZone),
    sendConcurrency,
    sendBatchSize: positiveInteger(env, 'MAIL_SEND_BATCH', 10),
    retry,
    pollIntervalMs: positiveInteger(env, 'MAIL_POLL_INTERVAL_MS', 1_000),
    areaMailboxes: parseAddressMap(value(env, 'AREA_MAILBOXES') ?? '', {
      variable: 'AREA_MAILBOXES',
      key: AREA_CODE_PATTERN,
      keyName: 'area',
      example: 'UIT=uit@example.gob,L1=mesa@example.gob',
    }),
    supervisorEmails: addressList(env, 'SUPERVISOR_EMAILS'),
    jurisdictionReferentes: parseAddressMap(value(env, 'JURISDICTION_REFERENTES') ?? '', {
      variable: 'JURISDICTION_REFERENTES',
      key: JURISDICTION_CODE,
      keyName: 'jurisdiction',
      example: 'SALUD=referente@salud.example.gob,EDUCACION=ti@educacion.example.gob',
    }),
    inbound: inboundConfigFromEnv(env),
    attachmentStore: storeSettingsFromEnv(env),
  };
}

const MIN_SECRET_LENGTH = 32;
const THIRTY_DAYS_SECONDS = 30 * 24 * 60 * 60;

/** `SURVEY_LINK_SECRET` is required (the same value as the gateway's); the validity defaults to 30 days. */
export function surveyLinkFromEnv(env: NodeJS.ProcessEnv): SurveyLinkSettings {
  const secret = value(env, 'SURVEY_LINK_SECRET') ?? '';
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      secret === ''
        ? 'SURVEY_LINK_SECRET is required (at least 32 characters, the same value as the gateway’s)'
        : `SURVEY_LINK_SECRET must be at least ${MIN_SECRET_LENGTH} characters, got ${secret.length}`,
    );
  }
  return { secret, ttlSeconds: positiveInteger(env, 'SURVEY_LINK_TTL_SECONDS', THIRTY_DAYS_SECONDS) };
}

/** Jurisdiction codes as tickets carry them (the registration contract's pattern). */
const JURISDICTION_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** `UIT=uit@agetic.gob.bo,L1=mesa@agetic.gob.bo`: one address per key (an area or jurisdiction code). */
function parseAddressMap(
  raw: string,
  format: { variable: string; key: RegExp; keyName: string; example: string },
): Map<string, string> {
  const addresses = new Map<string, string>();
  for (const entry of raw.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const [key = '', address = '', ...rest] = entry.split('=').map((part) => part.trim());
    const email = address.toLowerCase();
    if (rest.length > 0 || !format.key.test(key) || !ADDRESS.test(email)) {
      throw new Error(`${format.variable} must look like ${format.example}, got "${entry}"`);
    }
    if (addresses.has(key)) throw new Error(`${format.variable} names ${format.keyName} ${key} twice`);
    addresses.set(key, email);
  }
  return addresses;
}

function parseSmtpUrl(raw: string, timeoutMs: number): SmtpConfig {
  const problem = `SMTP_URL must look like smtp://host:port, smtps://host:port or smtp://user:password@host:port, got "${redact(raw)}"`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(problem);
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname || url.pathname.length > 1) {
    throw new Error(problem);
  }
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 25;
  if (port === 0) throw new Error(problem);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    // URL keeps the brackets of an IPv6 literal; sockets want the bare address.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    secure,
    auth: user ? { user, pass: password } : null,
    timeoutMs,
    displayUrl: url.toString(),
  };
}

function redact(raw: string): string {
  return raw.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

function parseFrom(raw: string): { name: string; address: string } {
  const parsed = addressparser(raw);
  const only = parsed.length === 1 ? parsed[0] : undefined;
  if (!only?.address || !/^[^@\s]+@[^@\s]+$/.test(only.address)) {
    throw new Error(`MAIL_FROM must be one address such as "CAU Mesa de Servicios" <cau@example.gob>, got "${raw}"`);
  }
  return { name: only.name, address: only.address };
}

function parsePortalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PORTAL_URL must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`PORTAL_URL must be an http(s) URL, got "${raw}"`);
  // Links are built as `${portalUrl}/tickets/<n>`; a trailing slash would double it.
  return url.toString().replace(/\/+$/, '');
}

function parseLanguage(raw: string): Language {
  if (!LANGUAGES.includes(raw)) throw new Error(`MAIL_LANGUAGE must be one of ${LANGUAGES.join(', ')}, got "${raw}"`);
  return raw as Language;
}

function parseTimeZone(raw: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`MAIL_TIME_ZONE must be an IANA time zone such as America/Argentina/Buenos_Aires, got "${raw}"`);
  }
}
