import { nonNegativeIntFromEnv, positiveIntFromEnv } from './env.js';
import { DEFAULT_PREPARED_STATEMENTS } from './prepared-statements.js';

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
  /**
   * Statements each connection keeps prepared (`preparingClient`); 0 prepares none, for a pooler that does not
   * keep a session's prepared statements. Default `DEFAULT_PREPARED_STATEMENTS`.
   */
  preparedStatements?: number;
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
    preparedStatements: nonNegativeIntFromEnv(env, 'DATABASE_PREPARED_STATEMENTS', DEFAULT_PREPARED_STATEMENTS),
  };
}
