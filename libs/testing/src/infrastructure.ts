import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

/** Where the tests find PostgreSQL and NATS (the local defaults of the development machines and CI). */
export const TEST_ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

export function uniqueToken(length = 8): string {
  return randomBytes(length).toString('hex').slice(0, length);
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh database per test file, so files never share rows and can run in any order. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `cau_${label
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 20)}_${uniqueToken()}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      withAdmin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestMessaging {
  env: Record<string, string>;
  prefix: string;
  eventsStream: string;
  deadLetterStream: string;
  cleanup(): Promise<void>;
}

/** A subject prefix and streams of its own, so test files sharing one NATS server stay apart. */
export function createTestMessaging(): TestMessaging {
  const token = uniqueToken();
  const prefix = `t${token}`;
  const eventsStream = `T${token}_EVENTS`;
  const deadLetterStream = `T${token}_DLQ`;
  return {
    prefix,
    eventsStream,
    deadLetterStream,
    env: {
      NATS_URL: TEST_NATS_URL,
      NATS_SUBJECT_PREFIX: prefix,
      NATS_EVENTS_STREAM: eventsStream,
      NATS_DLQ_STREAM: deadLetterStream,
    },
    async cleanup() {
      const nc = await connect({ servers: TEST_NATS_URL });
      try {
        const jsm = await jetstreamManager(nc);
        for (const stream of [eventsStream, deadLetterStream, `${eventsStream}_ADVISORIES`])
          await jsm.streams.delete(stream).catch(() => false);
      } finally {
        await nc.close();
      }
    },
  };
}

export interface TestInfrastructure {
  env: Record<string, string>;
  database: TestDatabase;
  messaging: TestMessaging;
  cleanup(): Promise<void>;
}

/** Shared by notifications (signs the survey links) and the gateway (verifies them) in every test. */
export const TEST_SURVEY_LINK_SECRET = 'test-survey-link-secret-0123456789-abcdef';

export async function createTestInfrastructure(label: string): Promise<TestInfrastructure> {
  const database = await createTestDatabase(label);
  const messaging = createTestMessaging();
  return {
    database,
    messaging,
    env: {
      ...messaging.env,
      DATABASE_URL: database.url,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      SURVEY_LINK_SECRET: TEST_SURVEY_LINK_SECRET,
    },
    async cleanup() {
      await messaging.cleanup();
      await database.drop();
    },
  };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  { timeoutMs = 15_000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`,
  );
}
