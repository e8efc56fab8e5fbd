import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AreaV1, ConfiguredGraphV1, DerivationKind } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import type { DerivationEdge, EscalationGraph } from '../escalation/escalation-graph.js';

export function escalationGraphOf(configured: ConfiguredGraphV1): EscalationGraph {
  return { areas: configured.areas.map((a) => a.code), entryArea: configured.entryArea, edges: configured.edges };
}

const GRAPH_CACHE_MS = 5_000;

/** Areas and edges of the routing schema. */
@Injectable()
export class GraphRepository {
  private readonly s: string;
  private cached: { value: ConfiguredGraphV1; loadedAt: number } | null = null;
  private generation = 0;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /**
   * The graph for the hot paths (derive, suggest). It changes rarely, so a short cache spares two queries
   * per command; an edit on this instance drops it at once, other instances follow within seconds.
   */
  async current(): Promise<ConfiguredGraphV1> {
    if (this.cached && Date.now() - this.cached.loadedAt <= GRAPH_CACHE_MS) return this.cached.value;
    const generation = this.generation;
    const value = await this.load();
    // A load that overlapped an edit may have read the old graph: use it, but do not keep it.
    if (generation === this.generation) this.cached = { value, loadedAt: Date.now() };
    return value;
  }

  /** Call after an edit has committed (earlier, a concurrent load could cache the old graph again). */
  invalidate(): void {
    this.generation++;
    this.cached = null;
  }

  async load(tx: EntityManager = this.runtime.dataSource.manager): Promise<ConfiguredGraphV1> {
    const areas: Array<{ code: string; name: string; is_entry: boolean }> = await tx.query(
      `SELECT code, name, is_entry FROM "${this.s}".areas ORDER BY position, code`,
    );
    const edges: Array<{ from_area: string; to_area: string; kind: DerivationKind }> = await tx.query(
      `SELECT from_area, to_area, kind FROM "${this.s}".edges ORDER BY position`,
    );
    const entry = areas.find((a) => a.is_entry);
    if (!entry) throw new Error('no entry area configured (areas.is_entry)');
    return {
      areas: areas.map((a) => ({ code: a.code, name: a.name, isEntry: a.is_entry })),
      entryArea: entry.code,
      edges: edges.map((e) => ({ from: e.from_area, to: e.to_area, kind: e.kind })),
    };
  }

  /** Serialises edits of areas and edges until the transaction ends; reads and derivations go on. */
  async lockForEdit(tx: EntityManager): Promise<void> {
    await tx.query(`LOCK TABLE "${this.s}".areas, "${this.s}".edges IN SHARE ROW EXCLUSIVE MODE`);
  }

  /** The renamed area, or null when no area has that code. */
  async rename(tx: EntityManager, code: string, name: string): Promise<AreaV1 | null> {
    const rows: Array<{ code: string; name: string; is_entry: boolean }> = await tx.query(
      // Wrapped in a SELECT because TypeORM reshapes the result of a bare UPDATE … RETURNING.
      `WITH renamed AS (
         UPDATE "${this.s}".areas SET name = $2 WHERE code = $1 RETURNING code, name, is_entry
       ) SELECT code, name, is_entry FROM renamed`,
      [code, name],
    );
    const row = rows[0];
    return row ? { code: row.code, name: row.name, isEntry: row.is_entry } : null;
  }

  /**
   * Replaces the areas (added, renamed or removed; the entry flag stays where it is) and all edges, in
   * the given order. The caller validates first and holds `lockForEdit`.
   */
  async replace(
    tx: EntityManager,
    areas: ReadonlyArray<{ code: string; name: string }>,
    edges: readonly DerivationEdge[],
  ): Promise<void> {
    const codes = areas.map((a) => a.code);
    await tx.query(`DELETE FROM "${this.s}".edges`);
    await tx.query(
      `INSERT INTO "${this.s}".areas (code, name, position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position`,
      [codes, areas.map((a) => a.name), areas.map((_, i) => i)],
    );
    await tx.query(`DELETE FROM "${this.s}".areas WHERE code <> ALL($1::text[])`, [codes]);
    await tx.query(
      `INSERT INTO "${this.s}".edges (from_area, to_area, kind, position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])`,
      [edges.map((e) => e.from), edges.map((e) => e.to), edges.map((e) => e.kind), edges.map((_, i) => i)],
    );
  }
}
