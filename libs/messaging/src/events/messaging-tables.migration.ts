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
