import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';
import { DEFAULT_ESCALATION_GRAPH } from '../escalation/escalation-graph.js';

/**
 * The escalation graph as data (seeded with the AGETIC edges), the record of every derivation, and the
 * ticket facts that suggestions (title) and visibility (requester, jurisdiction) need. Tickets routed
 * before this migration keep NULL there: they are simply not matched by those rules.
 */
export class RoutingGraphAndDerivations1763800002100 implements MigrationInterface {
  name = 'RoutingGraphAndDerivations1763800002100';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // Positions keep the order the administrator gave, so lists of areas and targets read as written.
    await runner.query(`ALTER TABLE "${s}".areas ADD COLUMN position integer NOT NULL DEFAULT 0`);
    await runner.query(`UPDATE "${s}".areas SET position = COALESCE(array_position($1::text[], code), 1000)`, [
      DEFAULT_ESCALATION_GRAPH.areas,
    ]);
    await runner.query(`
      CREATE TABLE "${s}".edges (
        from_area text NOT NULL REFERENCES "${s}".areas(code),
        to_area text NOT NULL REFERENCES "${s}".areas(code),
        kind text NOT NULL CHECK (kind IN ('escalate', 'coordinate', 'return')),
        position integer NOT NULL,
        PRIMARY KEY (from_area, to_area),
        CHECK (from_area <> to_area)
      )`);
    const edges = DEFAULT_ESCALATION_GRAPH.edges;
    await runner.query(
      `INSERT INTO "${s}".edges (from_area, to_area, kind, position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])`,
      [edges.map((e) => e.from), edges.map((e) => e.to), edges.map((e) => e.kind), edges.map((_, i) => i)],
    );
    // Areas are not foreign keys here: the history must survive an area being removed from the graph.
    // `seq` orders a ticket's path; the ticket row lock makes it follow commit order.
    await runner.query(`
      CREATE TABLE "${s}".derivations (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        ticket_id uuid NOT NULL REFERENCES "${s}".tickets(ticket_id),
        number bigint NOT NULL,
        from_area text NOT NULL,
        to_area text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('escalate', 'coordinate', 'return')),
        reason text NOT NULL,
        by jsonb NOT NULL,
        at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX derivations_ticket ON "${s}".derivations (ticket_id, seq)`);
    // "Did UIT handle this category before?" (9.1 step 3): the category's tickets, then their derivations.
    await runner.query(`CREATE INDEX derivations_to_area ON "${s}".derivations (to_area, ticket_id)`);
    await runner.query(`CREATE INDEX tickets_category ON "${s}".tickets (lower(category))`);
    // A graph edit must keep every area that holds tickets.
    await runner.query(`CREATE INDEX tickets_area ON "${s}".tickets (area)`);
    await runner.query(`
      ALTER TABLE "${s}".tickets
        ADD COLUMN title text,
        ADD COLUMN requester_email text,
        ADD COLUMN jurisdiction text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP INDEX "${s}".tickets_category, "${s}".tickets_area`);
    await runner.query(
      `ALTER TABLE "${s}".tickets DROP COLUMN title, DROP COLUMN requester_email, DROP COLUMN jurisdiction`,
    );
    await runner.query(`DROP TABLE "${s}".derivations, "${s}".edges`);
    await runner.query(`ALTER TABLE "${s}".areas DROP COLUMN position`);
  }
}
