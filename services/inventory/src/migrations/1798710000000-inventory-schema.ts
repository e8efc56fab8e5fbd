import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

const TYPES: Array<[string, string, string]> = [
  ['pc', 'PC', 'PC'],
  ['notebook', 'Notebook', 'Notebook'],
  ['impresora', 'Impresora', 'Printer'],
  ['monitor', 'Monitor', 'Monitor'],
  ['dispositivo_de_red', 'Dispositivo de red', 'Network device'],
  ['telefono', 'Teléfono', 'Phone'],
  ['otro', 'Otro', 'Other'],
];

/**
 * The equipment register (docs/domain.md § Field service): the type catalogue as data, the equipment, every change to it
 * (before/after), custody periods, and the staging area of CSV imports.
 */
export class InventorySchema1798710000000 implements MigrationInterface {
  name = 'InventorySchema1798710000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // Extensions belong to the database and may live in another schema already (see the gateway's
    // account search): find where pg_trgm is instead of assuming `public`; the lock settles the race of
    // services migrating a fresh database together.
    await runner.query(`SELECT pg_advisory_xact_lock(hashtext('cau-create-extensions'))`);
    // A new one goes to public, as it did before the pools put the service's schema first on the search_path.
    await runner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`);
    const [where] = (await runner.query(
      `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
       WHERE e.extname = 'pg_trgm'`,
    )) as Array<{ schema: string }>;
    const t = where!.schema.replace(/"/g, '""');

    await runner.query(`
      CREATE TABLE "${s}".equipment_types (
        code text PRIMARY KEY,
        label_es text NOT NULL,
        label_en text NOT NULL,
        position int NOT NULL,
        active boolean NOT NULL DEFAULT true
      )`);
    for (const [index, [code, es, en]] of TYPES.entries()) {
      await runner.query(
        `INSERT INTO "${s}".equipment_types (code, label_es, label_en, position) VALUES ($1, $2, $3, $4)`,
        [code, es, en, index + 1],
      );
    }
    await runner.query(`
      CREATE TABLE "${s}".equipment (
        id uuid PRIMARY KEY,
        revision int NOT NULL DEFAULT 1,
        inventory_number text NOT NULL,
        number_key text NOT NULL GENERATED ALWAYS AS (lower(inventory_number)) STORED,
        serial text,
        type text NOT NULL REFERENCES "${s}".equipment_types(code),
        brand text,
        model text,
        building text,
        floor text,
        office text,
        jurisdiction text,
        state text NOT NULL CHECK (state IN ('en_uso', 'en_stock', 'en_reparacion', 'dado_de_baja')),
        purchase_date date,
        warranty_until date,
        supplier text,
        attributes jsonb NOT NULL DEFAULT '{}',
        holder_requester_id uuid,
        holder_name text,
        holder_email text,
        holder_since timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        search_text text NOT NULL GENERATED ALWAYS AS (
          lower(inventory_number || ' ' || coalesce(serial, '') || ' ' || coalesce(brand, '') || ' ' || coalesce(model, ''))
        ) STORED
      )`);
    // The list is paged in inventory-number order (keyset on number_key, which is unique).
    await runner.query(`CREATE UNIQUE INDEX equipment_number_key ON "${s}".equipment (number_key)`);
    await runner.query(`CREATE INDEX equipment_serial_idx ON "${s}".equipment (lower(serial))`);
    await runner.query(
      `CREATE INDEX equipment_search_idx ON "${s}".equipment USING gin (search_text "${t}".gin_trgm_ops)`,
    );
    await runner.query(`CREATE INDEX equipment_state_idx ON "${s}".equipment (state, number_key)`);
    await runner.query(`CREATE INDEX equipment_type_idx ON "${s}".equipment (type, number_key)`);
    await runner.query(`CREATE INDEX equipment_jurisdiction_idx ON "${s}".equipment (jurisdiction, number_key)`);
    await runner.query(`
      CREATE TABLE "${s}".equipment_history (
        id bigserial PRIMARY KEY,
        equipment_id uuid NOT NULL REFERENCES "${s}".equipment(id),
        at timestamptz NOT NULL,
        action text NOT NULL,
        actor_id uuid NOT NULL,
        actor_name text NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await runner.query(`CREATE INDEX equipment_history_idx ON "${s}".equipment_history (equipment_id, id DESC)`);
    // A CSV import arrives in chunks (NATS messages are small); its rows wait here until it is committed.
    // Unlogged: a crash loses only imports in flight, which the uploader repeats.
    await runner.query(`
      CREATE UNLOGGED TABLE "${s}".imports (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        header jsonb NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX imports_started_idx ON "${s}".imports (started_at)`);
    await runner.query(`
      CREATE UNLOGGED TABLE "${s}".import_rows (
        import_id uuid NOT NULL REFERENCES "${s}".imports(id) ON DELETE CASCADE,
        line int NOT NULL,
        cells jsonb NOT NULL,
        PRIMARY KEY (import_id, line)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(
      `DROP TABLE "${s}".import_rows, "${s}".imports, "${s}".equipment_history, "${s}".equipment, "${s}".equipment_types`,
    );
  }
}
