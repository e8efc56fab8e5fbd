import { positiveIntFromEnv } from './env.js';

export interface DatabaseConfig {
  url: string;
  poolSize: number;
  /** How long a query waits for a connection before failing (and being answered 503), in ms. */
  connectTimeoutMs: number;
  /**
   * Server settings for every connection, as libpq's `PGOPTIONS` gives them (`-c name=value …`): e.g.
   * `-c log_statement=all` to see one service's statements, or a `statement_timeout`.
   */
  serverOptions: string;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cau';

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new Error('protocol');
  } catch {
    throw new Error(`DATABASE_URL must be a postgres:// URL, got "${url}"`);
  }
  return {
    url,
    poolSize: positiveIntFromEnv(env, 'DATABASE_POOL_SIZE', 10),
    connectTimeoutMs: positiveIntFromEnv(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5_000),
    serverOptions: env.PGOPTIONS?.trim() ?? '',
  };
}
