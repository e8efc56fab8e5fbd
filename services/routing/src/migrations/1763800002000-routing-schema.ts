import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@cau/persistence';
import { DEFAULT_PRIORITY_MATRIX } from '../priority/priority-matrix.js';

/** Areas (AGETIC defaults), the priority matrix, and routing's own record of each ticket. */
export class RoutingSchema1763800002000 implements MigrationInterface {
  name = 'RoutingSchema1763800002000';

  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE "${s}".areas (
        code text PRIMARY KEY,
        name text NOT NULL,
        is_entry boolean NOT NULL DEFAULT false
      )`);
    await runner.query(
      `INSERT INTO "${s}".areas (code, name, is_entry) VALUES
        ('L1', 'Mesa de Servicios / Área de Implementación Tecnológica', true),
        ('UIT', 'Unidad de Infraestructura Tecnológica', false),
        ('UPAT', 'Unidad de Producción y Actualización Tecnológica', false),
        ('ACGII', 'Área Centro de Gestión de Incidentes Informáticos', false),
        ('ADT', 'Área de Diseño Tecnológico', false)`,
    );
    await runner.query(`
      CREATE TABLE "${s}".priority_matrix (
        impact text NOT NULL,
        urgency text NOT NULL,
        priority text NOT NULL CHECK (priority IN ('ALTA', 'MEDIA', 'BAJA')),
        PRIMARY KEY (impact, urgency)
      )`);
    for (const [impact, row] of Object.entries(DEFAULT_PRIORITY_MATRIX)) {
      for (const [urgency, priority] of Object.entries(row)) {
        await runner.query(`INSERT INTO "${s}".priority_matrix (impact, urgency, priority) VALUES ($1, $2, $3)`, [
          impact,
          urgency,
          priority,
        ]);
      }
    }
    await runner.query(`
      CREATE TABLE "${s}".tickets (
        ticket_id uuid PRIMARY KEY,
        number bigint NOT NULL UNIQUE,
        type text NOT NULL,
        category text NOT NULL,
        impact text NOT NULL,
        urgency text NOT NULL,
        priority text NOT NULL,
        area text NOT NULL REFERENCES "${s}".areas(code),
        routed_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE "${s}".tickets, "${s}".priority_matrix, "${s}".areas`);
  }
}
