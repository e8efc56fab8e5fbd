import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { Kysely, PostgresDialect } from 'kysely';
import { generate, PostgresDialect as CodegenPostgresDialect } from 'kysely-codegen';
import pg from 'pg';
import type { MigrationInterface } from 'typeorm';
import { createServiceDataSource, initializeDataSource, migrateSchema } from '@cau/persistence';
import { createTestDatabase } from './infrastructure.js';

/** What the row types are generated from: a service's schema and the migrations that build it. */
export interface RowTypesSource {
  schema: string;
  migrations: Array<new () => MigrationInterface>;
}

/**
 * Narrower types than the database declares, for columns whose values the service alone writes (a status
 * held as text, an account reference held as jsonb): `{ "table.column": "TypeName" }`, each name imported
 * through `imports` (`{ TypeName: "@cau/contracts" }`). The column's nullability and default still come
 * from the database (`| null`, `Generated<…>` are added as the migrations say).
 */
export interface RowTypesOptions {
  columns?: Record<string, string>;
  imports?: Record<string, string>;
}

/** The row types of the service's tables, generated from a throw-away database its migrations built. */
export async function generateRowTypes(source: RowTypesSource, options: RowTypesOptions = {}): Promise<string> {
  const database = await createTestDatabase(`rows_${source.schema}`);
  try {
    const dataSource = createServiceDataSource({
      database: { url: database.url, poolSize: 4, connectTimeoutMs: 5_000, serverOptions: '' },
      schema: source.schema,
      migrations: source.migrations,
    });
    await initializeDataSource(dataSource, database.url);
    try {
      await migrateSchema(dataSource);
    } finally {
      await dataSource.destroy();
    }
    const narrowed: Record<string, string> = {};
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }),
    });
    try {
      return await generate({
        db,
        dialect: new CodegenPostgresDialect({ defaultSchemas: [source.schema] }),
        defaultSchemas: [source.schema],
        // The migrations table is TypeORM's, never read by the services.
        includePattern: `${source.schema}.*`,
        excludePattern: `${source.schema}.migrations`,
        overrides: { columns: narrowed },
        // Runs after the introspection, before the file is written: the narrowed types learn each column's
        // nullability and default, which kysely-codegen leaves out of a column whose type it is told.
        postprocess: ({ metadata }) => {
          for (const table of metadata.tables) {
            for (const column of table.columns) {
              const name = `${table.name}.${column.name}`;
              const type = options.columns?.[name];
              if (type === undefined) continue;
              const value = column.isNullable ? `${type} | null` : type;
              narrowed[name] = column.hasDefaultValue ? `Generated<${value}>` : value;
            }
          }
          return Promise.resolve(metadata);
        },
        customImports: Object.fromEntries(
          Object.entries(options.imports ?? {}).map(([name, from]) => [name, `${from}#${name}`]),
        ),
        outFile: null,
        typeOnlyImports: true,
      });
    } finally {
      await db.destroy();
    }
  } finally {
    await database.drop();
  }
}

/**
 * Generates the row types and compares them with the committed file, formatted as the repository formats
 * it; with `UPDATE_ROW_TYPES=1` writes the file instead. Answers the file's text and the generated one.
 */
export async function compareRowTypesFile(
  source: RowTypesSource,
  file: string,
  options: RowTypesOptions = {},
): Promise<{ committed: string; generated: string }> {
  // Prettier's command, not its module: the module loads its plugins with a dynamic import Jest refuses.
  const generated = execFileSync('npx', ['prettier', '--stdin-filepath', file], {
    input: await generateRowTypes(source, options),
    encoding: 'utf8',
  });
  if (process.env.UPDATE_ROW_TYPES === '1') await writeFile(file, generated);
  const committed = await readFile(file, 'utf8').catch(() => '');
  return { committed, generated };
}
