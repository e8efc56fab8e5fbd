import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The messaging tables every service owns in its own schema: the outbox (events waiting to be relayed),
 * the inbox (events already applied, per consumer) and the per-ticket positions that keep an older
 * event from overwriting newer state.
 */
export class MessagingTables1763800000000 implements MigrationInterface {
  name = 'MessagingTables1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".outbox (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        subject text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE "${s}".inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await runner.query(`
      CREATE TABLE "${s}".event_positions (
        ticket_id uuid NOT NULL,
        source text NOT NULL,
        sequence bigint NOT NULL,
        PRIMARY KEY (ticket_id, source)
      )`);
    await runner.query(`
      CREATE TABLE "${s}".sequences (
        ticket_id uuid PRIMARY KEY,
        sequence bigint NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".sequences, "${s}".event_positions, "${s}".inbox, "${s}".outbox`);
  }
}

/**
 * Failed attempts per consumer and stream message. JetStream's delivery count also grows when a message
 * is redelivered for reasons that are not the event's fault (a stop, a crash, an expired ack wait), so
 * the attempt budget before the dead-letter stream is counted here, from real handler failures only.
 * A row lives from an event's first failure until it is applied or dead-lettered.
 */
export class ConsumerFailures1765200000000 implements MigrationInterface {
  name = 'ConsumerFailures1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".consumer_failures (
        consumer text NOT NULL,
        stream_seq bigint NOT NULL,
        attempts int NOT NULL,
        last_error text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, stream_seq)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schemaOf(runner)}".consumer_failures`);
  }
}

/** Every messaging migration, in order: services (and shadow schemas) list these before their own. */
export const MESSAGING_MIGRATIONS = [MessagingTables1763800000000, ConsumerFailures1765200000000];
