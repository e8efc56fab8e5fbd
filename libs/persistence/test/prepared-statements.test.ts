import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@cau/testing';
import { createServiceDataSource, databaseConfigFromEnv, initializeDataSource } from '../src/index.js';

/** The statements this connection holds prepared (PostgreSQL's own view of the session). */
async function preparedOn(tx: { query: DataSource['query'] }): Promise<string[]> {
  const rows: Array<{ statement: string }> = await tx.query(
    'SELECT statement FROM pg_prepared_statements ORDER BY statement',
  );
  return rows.map((row) => row.statement);
}

describe('prepared statements (a real PostgreSQL)', () => {
  let database: TestDatabase;
  const sources: DataSource[] = [];

  /** One connection, so every statement of a test runs on the session it inspects. */
  async function source(preparedStatements?: number): Promise<DataSource> {
    const dataSource = createServiceDataSource({
      database: { url: database.url, poolSize: 1, connectTimeoutMs: 5_000, serverOptions: '', preparedStatements },
      schema: 'prepared',
      migrations: [],
    });
    await initializeDataSource(dataSource, database.url);
    sources.push(dataSource);
    return dataSource;
  }

  beforeAll(async () => {
    database = await createTestDatabase('prepared');
    const setup = await source(0);
    await setup.query('CREATE SCHEMA prepared');
    await setup.query('CREATE TABLE prepared.items (id int PRIMARY KEY, name text NOT NULL)');
    await setup.query(`INSERT INTO prepared.items SELECT n, 'item ' || n FROM generate_series(1, 50) AS n`);
  });

  afterAll(async () => {
    for (const dataSource of sources) if (dataSource.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('prepares a statement the second time its text runs, and answers it as before', async () => {
    const dataSource = await source();
    const byId = 'SELECT name FROM items WHERE id = $1';
    expect(await dataSource.query(byId, [1])).toEqual([{ name: 'item 1' }]);
    expect((await preparedOn(dataSource)).filter((s) => s.includes('FROM items'))).toEqual([]);
    expect(await dataSource.query(byId, [2])).toEqual([{ name: 'item 2' }]);
    expect(await dataSource.query(byId, [3])).toEqual([{ name: 'item 3' }]);
    expect((await preparedOn(dataSource)).filter((s) => s.includes('FROM items'))).toEqual([byId]);
    // Inside a transaction too (TypeORM's query runner, the consumers' and commands' path), with no new preparation.
    await dataSource.transaction(async (tx) => {
      expect(await tx.query(byId, [4])).toEqual([{ name: 'item 4' }]);
      const written: unknown = await tx.query('UPDATE items SET name = $1 WHERE id = $2', ['renamed', 5]);
      expect(written).toEqual([[], 1]);
    });
    expect(await dataSource.query(byId, [5])).toEqual([{ name: 'renamed' }]);
    // Planned for its values every time, as unnamed statements are (a generic plan may read whole tables).
    expect(await dataSource.query('SHOW plan_cache_mode')).toEqual([{ plan_cache_mode: 'force_custom_plan' }]);
  });

  it('keeps at most the configured number per connection; the rest run unnamed', async () => {
    const dataSource = await source(3);
    for (let id = 1; id <= 6; id++) {
      const text = `SELECT name FROM items WHERE id = $1 AND ${id} = ${id}`;
      expect(await dataSource.query(text, [id])).toEqual([{ name: id === 5 ? 'renamed' : `item ${id}` }]);
      expect(await dataSource.query(text, [id])).toHaveLength(1);
    }
    expect((await preparedOn(dataSource)).filter((s) => s.includes('FROM items'))).toHaveLength(3);
  });

  it('prepares nothing when told 0 (a pooler that does not keep them)', async () => {
    const dataSource = await source(0);
    for (let i = 0; i < 3; i++) {
      expect(await dataSource.query('SELECT count(*)::int AS n FROM items WHERE id > $1', [0])).toEqual([{ n: 50 }]);
    }
    expect(await preparedOn(dataSource)).toEqual([]);
    expect(await dataSource.query('SHOW plan_cache_mode')).toEqual([{ plan_cache_mode: 'auto' }]);
  });

  it('a table that changed shape under a prepared statement fails it once; its next run prepares it again', async () => {
    const dataSource = await source();
    const all = 'SELECT * FROM items WHERE id = $1';
    await dataSource.query(all, [1]);
    await dataSource.query(all, [1]);
    expect(await preparedOn(dataSource)).toContain(all);
    const other = await source(0);
    await other.query('ALTER TABLE prepared.items ADD COLUMN note text');
    await expect(dataSource.query(all, [1])).rejects.toThrow(/cached plan must not change result type/);
    expect(await dataSource.query(all, [1])).toEqual([{ id: 1, name: 'item 1', note: null }]);
    expect(await dataSource.query(all, [2])).toEqual([{ id: 2, name: 'item 2', note: null }]);
    // Prepared again under a new name (the old one stays with the connection, unused).
    expect((await preparedOn(dataSource)).filter((s) => s === all)).toHaveLength(2);
  });

  it('a statement that fails as it is prepared fails as it would unnamed, and later runs still work', async () => {
    const dataSource = await source();
    const broken = 'SELECT missing FROM items WHERE id = $1';
    for (let i = 0; i < 3; i++) await expect(dataSource.query(broken, [1])).rejects.toThrow(/missing/);
    const divide = 'SELECT 10 / $1::int AS q';
    await dataSource.query(divide, [2]);
    await expect(dataSource.query(divide, [0])).rejects.toThrow(/division by zero/);
    expect(await dataSource.query(divide, [5])).toEqual([{ q: 2 }]);
  });
});

describe('DATABASE_PREPARED_STATEMENTS', () => {
  it('defaults to 200, takes 0 and refuses what is not a whole number', () => {
    expect(databaseConfigFromEnv({}).preparedStatements).toBe(200);
    expect(databaseConfigFromEnv({ DATABASE_PREPARED_STATEMENTS: '0' }).preparedStatements).toBe(0);
    expect(() => databaseConfigFromEnv({ DATABASE_PREPARED_STATEMENTS: '-1' })).toThrow(
      /DATABASE_PREPARED_STATEMENTS must be a whole number/,
    );
    expect(() => databaseConfigFromEnv({ DATABASE_PREPARED_STATEMENTS: 'many' })).toThrow(
      /DATABASE_PREPARED_STATEMENTS/,
    );
  });
});
