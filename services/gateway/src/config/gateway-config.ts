import { isEmail } from 'class-validator';
import { Limits } from '@cau/contracts';
import { positiveInt } from '@cau/messaging';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../accounts/account-rules.js';

/** Browser sessions of the portal (cookie `__Host-cau_session`, or `cau_session` over plain HTTP). */
export interface SessionSettings {
  /** A session unused for this long ends (SESSION_IDLE_MINUTES). */
  idleMs: number;
  /** A session ends this long after its login, used or not (SESSION_ABSOLUTE_HOURS). */
  absoluteMs: number;
}

export interface AdminSeed {
  email: string;
  password: string;
  name: string;
}

/** The gateway's settings, read once at boot. Injected by class. */
export class GatewayConfig {
  constructor(
    /** HS256 key: the UTF-8 bytes of JWT_SECRET. */
    readonly jwtSecret: Uint8Array,
    readonly jwtTtlSeconds: number,
    /** The administrator created at first start; null when CAU_ADMIN_* are unset. */
    readonly admin: AdminSeed | null,
    /** Login attempts allowed per client address and e-mail in each window, per gateway instance. */
    readonly authRateLimit: number,
    readonly authRateWindowSeconds: number,
    /** How long an account's active flag and role are trusted before the database is asked again. */
    readonly accountCacheSeconds: number,
    /** Browser origins allowed by CORS; empty means CORS is off. */
    readonly corsOrigins: readonly string[],
    readonly sessions: SessionSettings,
    /**
     * TRUST_PROXY: believe X-Forwarded-Proto and X-Forwarded-Host (set by a TLS-terminating reverse
     * proxy) when deciding whether a request came over HTTPS and what its origin is. Off by default:
     * then only the connection itself counts, and a client could not fake either.
     */
    readonly trustProxy: boolean,
    /** HS256 key of the survey links (UTF-8 bytes of SURVEY_LINK_SECRET, shared with notifications). */
    readonly surveyLinkSecret: Uint8Array,
    /** METRICS_TOKEN: the bearer token that reads `/metrics` from elsewhere; null: this machine only. */
    readonly metricsToken: string | null = null,
  ) {}
}

const MIN_SECRET_LENGTH = 32;

/** Every problem is reported at once, so a bad deployment is fixed in one round. */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv): GatewayConfig {
  const problems: string[] = [];
  const attempt = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (error) {
      problems.push((error as Error).message);
      return fallback;
    }
  };

  const secret = env.JWT_SECRET ?? '';
  if (secret.length < MIN_SECRET_LENGTH) {
    problems.push(
      secret === ''
        ? 'JWT_SECRET is required (at least 32 characters)'
        : `JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters, got ${secret.length}`,
    );
  }
  const surveyLinkSecret = env.SURVEY_LINK_SECRET ?? '';
  if (surveyLinkSecret.length < MIN_SECRET_LENGTH) {
    problems.push(
      surveyLinkSecret === ''
        ? 'SURVEY_LINK_SECRET is required (at least 32 characters, the same value as notifications’)'
        : `SURVEY_LINK_SECRET must be at least ${MIN_SECRET_LENGTH} characters, got ${surveyLinkSecret.length}`,
    );
  }
  const ttl = attempt(() => positiveInt(env.JWT_TTL_SECONDS, 3_600, 'JWT_TTL_SECONDS'), 0);
  const admin = attempt(() => adminSeedFromEnv(env), null);
  const rateLimit = attempt(() => positiveInt(env.AUTH_RATE_LIMIT, 10, 'AUTH_RATE_LIMIT'), 0);
  const rateWindow = attempt(() => positiveInt(env.AUTH_RATE_WINDOW_SECONDS, 60, 'AUTH_RATE_WINDOW_SECONDS'), 0);
  const accountCache = attempt(() => positiveInt(env.AUTH_ACCOUNT_CACHE_SECONDS, 5, 'AUTH_ACCOUNT_CACHE_SECONDS'), 0);
  const corsOrigins = attempt(() => corsOriginsFromEnv(env.CORS_ORIGINS), []);
  const idleMinutes = attempt(() => positiveNumber(env.SESSION_IDLE_MINUTES, 120, 'SESSION_IDLE_MINUTES'), 0);
  const absoluteHours = attempt(() => positiveNumber(env.SESSION_ABSOLUTE_HOURS, 12, 'SESSION_ABSOLUTE_HOURS'), 0);
  const trustProxy = attempt(() => booleanSetting(env.TRUST_PROXY, false, 'TRUST_PROXY'), false);

  const metricsToken = attempt(() => metricsTokenFromEnv(env.METRICS_TOKEN), null);
  if (problems.length > 0) throw new Error(`invalid gateway configuration: ${problems.join('; ')}`);
  return new GatewayConfig(
    new TextEncoder().encode(secret),
    ttl,
    admin,
    rateLimit,
    rateWindow,
    accountCache,
    corsOrigins,
    { idleMs: Math.round(idleMinutes * 60_000), absoluteMs: Math.round(absoluteHours * 3_600_000) },
    trustProxy,
    new TextEncoder().encode(surveyLinkSecret),
    metricsToken,
  );
}

const MIN_METRICS_TOKEN_LENGTH = 16;

function metricsTokenFromEnv(raw: string | undefined): string | null {
  const token = raw?.trim() ?? '';
  if (token === '') return null;
  if (token.length < MIN_METRICS_TOKEN_LENGTH) {
    throw new Error(`METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters, got ${token.length}`);
  }
  return token;
}

/**
 * A positive number, fractions allowed (`SESSION_IDLE_MINUTES=0.5`), so tests and odd deployments
 * can use short lifetimes.
 */
function positiveNumber(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function booleanSetting(raw: string | undefined, fallback: boolean, name: string): boolean {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

/**
 * Comma-separated origins (`https://portal.example.gob`). Each must be exactly an origin: a path or
 * a trailing slash would never equal the browser's Origin header, and `*` would let any site in.
 */
function corsOriginsFromEnv(raw: string | undefined): string[] {
  const origins = (raw ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new Error(`CORS_ORIGINS must list origins like https://portal.example.gob, got "${origin}"`);
    }
  }
  return origins;
}

function adminSeedFromEnv(env: NodeJS.ProcessEnv): AdminSeed | null {
  const email = env.CAU_ADMIN_EMAIL?.trim().toLowerCase() ?? '';
  const password = env.CAU_ADMIN_PASSWORD ?? '';
  if (email === '' && password === '') return null;
  if (email === '' || password === '') {
    throw new Error('CAU_ADMIN_EMAIL and CAU_ADMIN_PASSWORD must be set together (or both left unset)');
  }
  if (!isEmail(email) || email.length > Limits.email) {
    throw new Error(`CAU_ADMIN_EMAIL is not a valid e-mail address: "${email}"`);
  }
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new Error(`CAU_ADMIN_PASSWORD must have ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`);
  }
  const name = env.CAU_ADMIN_NAME?.trim() || 'Administrador';
  if (name.length > Limits.name) throw new Error(`CAU_ADMIN_NAME accepts at most ${Limits.name} characters`);
  return { email, password, name };
}
