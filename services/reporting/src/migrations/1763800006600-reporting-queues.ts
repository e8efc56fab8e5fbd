import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';

/**
 * What the desk console's queues need from the ticket view: resolution's service-level targets
 * (`ticket.service-level-changed`), the time of the latest reclassification (`ticket.reclassified`: a
 * registration arriving later keeps its hands off the corrected classification), and a sort key per
 * order that is not a plain column:
 * - `due_order`: the resolution due date, `infinity` without one, so "soonest first, none last" is an
 *   ascending row comparison;
 * - `priority_rank`: ALTA 1, MEDIA 2, BAJA 3, none 4.
 *
 * Indexes for the queues (measured on 100,000 tickets, `npm run bench -- queues`): each serves a filter
 * and an order together, so a page is read in order and stops after its rows. Rows without a number
 * (registration not seen yet) are never listed, so they are left out of every index.
 */
export class ReportingQueues1763800006600 implements MigrationInterface {
  name = 'ReportingQueues1763800006600';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE "${s}".ticket_view
        ADD COLUMN response_due_at timestamptz,
        ADD COLUMN resolution_due_at timestamptz,
        ADD COLUMN response_met_at timestamptz,
        ADD COLUMN resolution_met_at timestamptz,
        ADD COLUMN reclassified_at timestamptz`);
    await runner.query(`
      ALTER TABLE "${s}".ticket_view
        ADD COLUMN due_order timestamptz
          GENERATED ALWAYS AS (coalesce(resolution_due_at, 'infinity'::timestamptz)) STORED,
        ADD COLUMN priority_rank smallint
          GENERATED ALWAYS AS (CASE priority WHEN 'ALTA' THEN 1 WHEN 'MEDIA' THEN 2 WHEN 'BAJA' THEN 3 ELSE 4 END) STORED`);
    // The open queues (abierto, en_curso: a few thousand of 100,000 tickets) get small partial indexes
    // of their own: over every ticket, "soonest due first" would walk the due dates of the closed
    // tickets, all in the past, before reaching an open one. A query's `status` list within the open
    // statuses is enough for PostgreSQL to pick them.
    const open = `status IN ('abierto', 'en_curso')`;
    const indexes: Array<[string, string, string?]> = [
      // My area's open tickets by due date (also con atraso, about to be, waiting, unassigned in my area).
      ['open_area_due', '(area, due_order, number)', open],
      // Every open ticket by due date, or by priority.
      ['open_due', '(due_order, number)', open],
      ['open_priority', '(priority_rank, number)', open],
      // Assigned to me, open, by due date.
      ['open_assignee_due', '(assignee_id, due_order, number)', open],
      // Everything assigned to someone, newest first.
      ['assignee', '(assignee_id, number DESC)'],
      // To review and recently closed: by status, latest change first.
      ['status_updated', '(status, updated_at DESC, number DESC)'],
      // The orders over every visible ticket.
      ['updated', '(updated_at DESC, number DESC)'],
      ['due', '(due_order, number)'],
      ['priority_rank', '(priority_rank, number)'],
    ];
    for (const [name, columns, predicate] of indexes) {
      await runner.query(
        `CREATE INDEX ticket_view_${name}_idx ON "${s}".ticket_view ${columns}
         WHERE number IS NOT NULL${predicate ? ` AND ${predicate}` : ''}`,
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    for (const name of [
      'open_area_due',
      'open_due',
      'open_priority',
      'open_assignee_due',
      'assignee',
      'status_updated',
      'updated',
      'due',
      'priority_rank',
    ]) {
      await runner.query(`DROP INDEX "${s}".ticket_view_${name}_idx`);
    }
    await runner.query(`
      ALTER TABLE "${s}".ticket_view
        DROP COLUMN due_order, DROP COLUMN priority_rank, DROP COLUMN response_due_at,
        DROP COLUMN resolution_due_at, DROP COLUMN response_met_at, DROP COLUMN resolution_met_at,
        DROP COLUMN reclassified_at`);
  }
}
