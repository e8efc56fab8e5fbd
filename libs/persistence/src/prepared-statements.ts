import { createHash } from 'node:crypto';
import pg from 'pg';

/** How many statements each connection keeps prepared unless `DATABASE_PREPARED_STATEMENTS` says otherwise. */
export const DEFAULT_PREPARED_STATEMENTS = 200;

/** Texts remembered per connection while they wait for their second run (then forgotten all at once). */
const SIGHTINGS_KEPT = 2_000;

/** PostgreSQL's answer when a prepared statement's table changed shape under it (e.g. `SELECT *` after a migration). */
const FEATURE_NOT_SUPPORTED = '0A000';
const RESULT_TYPE_CHANGED = /cached plan must not change result type/;

/**
 * A node-postgres client that prepares the statements it runs again and again: the second time a text with
 * parameters is sent on a connection it goes as a named statement (its name a hash of its text), which PostgreSQL
 * parses and analyses once per connection instead of on every run (the pools still have each run planned for its
 * values: see `createServiceDataSource`). `npm run bench -- prepared-statements` measures what it saves.
 *
 * - Only texts seen twice are named, and at most `limit` per connection: a statement whose text changes with its
 *   values (a list of n placeholders) is not kept for every n, and the server's memory per connection is bounded.
 * - A statement whose table changed shape since it was prepared fails once with PostgreSQL's "cached plan must not
 *   change result type"; its next run prepares it again under a new name (the caller's retry, the next batch).
 * - `limit` 0 sends every statement unnamed, as node-postgres does: for a pooler that does not keep a session's
 *   prepared statements (PgBouncer in transaction mode before 1.21).
 */
export function preparingClient(limit: number): typeof pg.Client {
  return class PreparingClient extends pg.Client {
    private readonly sightings = new Set<string>();
    private readonly names = new Map<string, string>();
    private readonly generations = new Map<string, number>();

    override query(config: unknown, values?: unknown, callback?: unknown): never {
      // TypeORM's calls (a text, its values, no callback) are the ones prepared; anything else goes as it came.
      const text =
        typeof config === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined
          ? config
          : null;
      const name = text === null ? null : this.nameFor(text);
      if (text === null || name === null) {
        return (super.query as (...args: unknown[]) => never)(config, values, callback);
      }
      const sent = (super.query as (...args: unknown[]) => Promise<unknown>)({ name, text, values });
      return sent.catch((error: unknown) => {
        if (isResultTypeChange(error)) this.renew(text);
        throw error;
      }) as never;
    }

    /** The statement's name, or null while it has been seen once only or the connection holds `limit` already. */
    private nameFor(text: string): string | null {
      const known = this.names.get(text);
      if (known !== undefined) return known;
      if (this.names.size >= limit) return null;
      if (!this.sightings.has(text)) {
        if (this.sightings.size >= SIGHTINGS_KEPT) this.sightings.clear();
        this.sightings.add(text);
        return null;
      }
      this.sightings.delete(text);
      const generation = this.generations.get(text) ?? 0;
      const name = `cau_${createHash('sha1').update(text).digest('base64url')}${generation ? `_${generation}` : ''}`;
      this.names.set(text, name);
      return name;
    }

    /** The prepared one no longer fits its table: the next run prepares the text again, under a new name. */
    private renew(text: string): void {
      this.names.delete(text);
      this.generations.set(text, (this.generations.get(text) ?? 0) + 1);
      this.sightings.add(text);
    }
  };
}

function isResultTypeChange(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === FEATURE_NOT_SUPPORTED && typeof message === 'string' && RESULT_TYPE_CHANGED.test(message);
}
