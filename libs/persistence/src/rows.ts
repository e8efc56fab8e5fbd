import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type RawBuilder,
  type ColumnType,
  type Compilable,
  type CompiledQuery,
  type InferResult,
} from 'kysely';

/** What runs SQL: the data source, or the entity manager of a transaction. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * A Kysely query builder for a service's tables (`DB`, generated from its migrated schema), that only builds
 * and compiles: the compiled SQL runs through TypeORM (`fetchRows`, `execute`), so it joins the caller's
 * transaction and pool. Tables are named without their schema; the pool's `search_path` supplies it.
 */
export function rowQueries<DB>(): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

/** Runs a built query; its rows are typed by the query against the generated schema, not by a cast at the call. */
export async function fetchRows<Q extends Compilable>(runner: SqlRunner, query: Q): Promise<InferResult<Q>> {
  const compiled = query.compile();
  const answer = await runner.query(compiled.sql, [...compiled.parameters]);
  // TypeORM answers an UPDATE or DELETE (with RETURNING or not) as [rows, count], anything else as the rows.
  const kind = compiled.query.kind;
  const rows = kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode' ? (answer as [unknown[], number])[0] : answer;
  return rows as InferResult<Q>;
}

/** The first row of a built query, or null. */
export async function fetchFirst<Q extends Compilable>(
  runner: SqlRunner,
  query: Q,
): Promise<InferResult<Q>[number] | null> {
  const rows = await fetchRows(runner, query);
  return rows[0] ?? null;
}

/** Runs a built statement whose rows, if any, are not read. */
export async function execute(runner: SqlRunner, query: Compilable): Promise<void> {
  const compiled = query.compile();
  await runner.query(compiled.sql, [...compiled.parameters]);
}

/** Stands, while a statement is compiled once, for the value its caller will give under `name`. */
class Placeholder {
  constructor(readonly name: string) {}
}

/**
 * A statement whose shape never changes, only its values, built and compiled once: the first call builds it
 * with placeholders for the values `build` reads from its argument, and every call sends that SQL with its own
 * values. For hot statements whose building costs more CPU than running them (Kysely builds and compiles a
 * large select in hundreds of microseconds, per event). `build` must put each value it reads in as a value,
 * unchanged, and not branch on it: the first compilation checks that every value read appears among the
 * parameters, so a transformed one fails at once instead of sending the placeholder.
 */
export function compiledOnce<V extends object, O>(build: (values: V) => Compilable<O>): (values: V) => Compilable<O> {
  let compiled: { query: CompiledQuery<O>; slots: Array<string | null> } | null = null;
  return (values: V) => ({
    compile(): CompiledQuery<O> {
      compiled ??= compileWithPlaceholders(build);
      const { query, slots } = compiled;
      const given = values as Record<string, unknown>;
      return { ...query, parameters: slots.map((slot, i) => (slot === null ? query.parameters[i] : given[slot])) };
    },
  });
}

function compileWithPlaceholders<V extends object, O>(
  build: (values: V) => Compilable<O>,
): { query: CompiledQuery<O>; slots: Array<string | null> } {
  const read = new Set<string>();
  const placeholders = new Proxy(
    {},
    {
      get: (_, name) => {
        if (typeof name !== 'string') return undefined;
        read.add(name);
        return new Placeholder(name);
      },
    },
  );
  const query = build(placeholders as V).compile();
  const slots = query.parameters.map((value) => (value instanceof Placeholder ? value.name : null));
  const missing = [...read].filter((name) => !slots.includes(name));
  if (missing.length > 0) {
    throw new Error(`compiledOnce: ${missing.join(', ')} not sent as given (${query.sql})`);
  }
  return { query, slots };
}

/**
 * A jsonb column as the service reads it (`T`, parsed by pg) and writes it (the JSON text: pg would send a
 * JavaScript array as a PostgreSQL array, not as JSON). Named in a service's row-type overrides.
 */
export type JsonColumn<T> = ColumnType<T, string, string>;

/**
 * An ISO 8601 instant compared with a timestamp column, sent as the text it is (where the builder would
 * want a `Date`, which drops any digit past the millisecond).
 */
export function instant(iso: string): RawBuilder<Date> {
  return sql<Date>`${iso}`;
}
