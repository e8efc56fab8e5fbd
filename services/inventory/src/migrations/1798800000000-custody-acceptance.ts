import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * The holder's acceptance of a custody document (resguardo): the exact text accepted, when, by which
 * account, and the drawn signature if any. Written once; a trigger refuses any later change to it, so
 * not even a faulty update in the service can rewrite what a person accepted.
 */
export class InventoryCustodyAcceptance1798800000000 implements MigrationInterface {
  name = 'InventoryCustodyAcceptance1798800000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE "${s}".custody_periods
        ADD COLUMN accepted_at timestamptz,
        ADD COLUMN accepted_by_id uuid,
        ADD COLUMN accepted_by_name text,
        ADD COLUMN accepted_text text,
        ADD COLUMN accepted_signature bytea,
        ADD CONSTRAINT custody_acceptance_whole CHECK (
          (accepted_at IS NULL AND accepted_by_id IS NULL AND accepted_by_name IS NULL AND accepted_text IS NULL
             AND accepted_signature IS NULL)
          OR (accepted_at IS NOT NULL AND accepted_by_id IS NOT NULL AND accepted_by_name IS NOT NULL
             AND accepted_text IS NOT NULL))`);
    await runner.query(`
      CREATE FUNCTION "${s}".custody_acceptance_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.accepted_at IS NOT NULL AND (
             NEW.accepted_at IS DISTINCT FROM OLD.accepted_at OR NEW.accepted_by_id IS DISTINCT FROM OLD.accepted_by_id
             OR NEW.accepted_by_name IS DISTINCT FROM OLD.accepted_by_name
             OR NEW.accepted_text IS DISTINCT FROM OLD.accepted_text
             OR NEW.accepted_signature IS DISTINCT FROM OLD.accepted_signature) THEN
          RAISE EXCEPTION 'a custody acceptance is never changed (period %)', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await runner.query(`
      CREATE TRIGGER custody_acceptance_unchanged BEFORE UPDATE ON "${s}".custody_periods
        FOR EACH ROW EXECUTE FUNCTION "${s}".custody_acceptance_unchanged()`);
    // "Mi equipo": a person's open periods, found by the address that keys intake's requester directory.
    await runner.query(
      `CREATE INDEX custody_open_holder_idx ON "${s}".custody_periods (lower(holder_email)) WHERE until IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP INDEX "${s}".custody_open_holder_idx`);
    await runner.query(`DROP TRIGGER custody_acceptance_unchanged ON "${s}".custody_periods`);
    await runner.query(`DROP FUNCTION "${s}".custody_acceptance_unchanged()`);
    await runner.query(`
      ALTER TABLE "${s}".custody_periods DROP CONSTRAINT custody_acceptance_whole,
        DROP COLUMN accepted_at, DROP COLUMN accepted_by_id, DROP COLUMN accepted_by_name,
        DROP COLUMN accepted_text, DROP COLUMN accepted_signature`);
  }
}
