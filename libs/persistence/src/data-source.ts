import pg from 'pg';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { DatabaseConfig } from './config.js';
import { DEFAULT_PREPARED_STATEMENTS, preparingClient } from './prepared-statements.js';

export interface ServiceDataSourceOptions {
  database: DatabaseConfig;
  /** The service's own schema; no service reads another's. */
  schema: string;
  entities?: NonNullable<ConstructorParameters<typeof DataSource>[0]['entities']>;
  migrations: Array<new () => MigrationInterface>;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const MIGRATIONS_TABLE = 'migrations';

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name "${options.schema}"`);
  const prepared = options.database.preparedStatements ?? DEFAULT_PREPARED_STATEMENTS;
  return new DataSource({
    type: 'postgres',
    url: options.database.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    // Failures surface as exceptions and are logged by the caller with context.
    logging: false,
    // The pg this module imports: left to itself, TypeORM requires a second copy from node_modules at run time
    // (outside a service's bundle) and looks for pg-native, which is not installed, at every start (profiled:
    // about a twentieth of a restart).
    driver: pg,
    nativeDriver: false,
    extra: {
      max: options.database.poolSize,
      // Without it a query waits for a connection forever when the server is unreachable.
      connectionTimeoutMillis: options.database.connectTimeoutMs,
      application_name: `cau-${options.schema}`,
      // Statements run again and again are parsed once per connection (see preparingClient).
      ...(prepared > 0 ? { Client: preparingClient(prepared) } : {}),
      // Unqualified names are the service's own tables (queries need not name the schema); public stays on the
      // path for the extensions' functions (unaccent, pg_trgm), which live there. Setting `options` hides
      // libpq's PGOPTIONS from the driver: the configured ones are added here.
      // A prepared statement is planned for its values each time, as an unnamed one is: generic plans (PostgreSQL's
      // choice after five runs) made some of ours (`= ANY($1)`, joins with `unnest($1)`) 3 to 15 times slower under
      // `bench intake` (pg_stat_statements). What preparing saves is the parsing and analysis.
      options: [
        `-c search_path=${options.schema},public`,
        prepared > 0 ? '-c plan_cache_mode=force_custom_plan' : '',
        options.database.serverOptions,
      ]
        .filter(Boolean)
        .join(' '),
    },
  });
}

/**
 * Creates the service's schema and runs its pending migrations. An advisory lock keyed by the schema
 * serialises instances that start together, so each migration runs exactly once.
 */
export async function migrateSchema(dataSource: DataSource): Promise<string[]> {
  const schema = schemaOf(dataSource);
  // A restart finds them all applied: one query says so, without the lock and TypeORM's catalogue lookups.
  if (await allMigrationsApplied(dataSource, schema)) return [];
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`cau-migrate:${schema}`]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`cau-migrate:${schema}`]);
    }
  } finally {
    await runner.release();
  }
}

async function allMigrationsApplied(dataSource: DataSource, schema: string): Promise<boolean> {
  let rows: Array<{ name: string }>;
  try {
    rows = await dataSource.query(`SELECT name FROM "${schema}"."${MIGRATIONS_TABLE}"`);
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return false;
    throw error;
  }
  const applied = new Set(rows.map((row) => row.name));
  // TypeORM's own rule for a migration's name.
  return dataSource.migrations.every((migration) => applied.has(migration.name ?? migration.constructor.name));
}

/**
 * Connects the data source; creates its database first only when PostgreSQL answers that it does not exist
 * (a first start), so a restart does not pay for a second connection to look.
 */
export async function initializeDataSource(dataSource: DataSource, url: string): Promise<void> {
  try {
    await dataSource.initialize();
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_CATALOG_NAME) throw error;
    await ensureDatabase(url);
    await dataSource.initialize();
  }
}

/** PostgreSQL's error codes: a table, and a database, that do not exist. */
const UNDEFINED_TABLE = '42P01';
const INVALID_CATALOG_NAME = '3D000';

export function schemaOf(source: DataSource | QueryRunner): string {
  const options = ('connection' in source ? source.connection : source).options as { schema?: string };
  if (!options.schema) throw new Error('data source has no schema');
  return options.schema;
}

/** Creates the database named in the URL when it does not exist (first start on a fresh machine). */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } catch (error) {
        // Another process created it between our check and our CREATE.
        if ((error as { code?: string }).code !== '42P04' && (error as { code?: string }).code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
}
