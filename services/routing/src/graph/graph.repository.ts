import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { AreaV1, ConfiguredGraphV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { routingRows } from '../rows.js';
import type { DerivationEdge, EscalationGraph } from '../escalation/escalation-graph.js';

export function escalationGraphOf(configured: ConfiguredGraphV1): EscalationGraph {
  return { areas: configured.areas.map((a) => a.code), entryArea: configured.entryArea, edges: configured.edges };
}

const GRAPH_CACHE_MS = 5_000;

/** Areas and edges of the routing schema. */
@Injectable()
export class GraphRepository {
  private readonly db = routingRows;
  private cached: { value: ConfiguredGraphV1; loadedAt: number } | null = null;
  private generation = 0;

  constructor(private readonly runtime: ServiceRuntime) {}

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
    const areas = await fetchRows(
      tx,
      this.db.selectFrom('areas').select(['code', 'name', 'is_entry']).orderBy('position').orderBy('code'),
    );
    const edges = await fetchRows(
      tx,
      this.db.selectFrom('edges').select(['from_area', 'to_area', 'kind']).orderBy('position'),
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
    // Locks and reads no row; the tables are found on the pool's search_path.
    await tx.query(`LOCK TABLE areas, edges IN SHARE ROW EXCLUSIVE MODE`);
  }

  /** The renamed area, or null when no area has that code. */
  async rename(tx: EntityManager, code: string, name: string): Promise<AreaV1 | null> {
    const row = await fetchFirst(
      tx,
      this.db.updateTable('areas').set({ name }).where('code', '=', code).returning(['code', 'name', 'is_entry']),
    );
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
    await execute(tx, this.db.deleteFrom('edges'));
    const newAreas = sql<{ code: string; name: string; position: number }>`unnest(
      ${codes}::text[], ${areas.map((a) => a.name)}::text[], ${areas.map((_, i) => i)}::int[])`.as<'t'>(
      sql`t (code, name, position)`,
    );
    await execute(
      tx,
      this.db
        .insertInto('areas')
        .columns(['code', 'name', 'position'])
        .expression((eb) => eb.selectFrom(newAreas).select(['t.code', 't.name', 't.position']))
        .onConflict((conflict) =>
          conflict.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            position: eb.ref('excluded.position'),
          })),
        ),
    );
    await execute(tx, this.db.deleteFrom('areas').where('code', '<>', sql<string>`ALL(${codes}::text[])`));
    const newEdges = sql<{ from_area: string; to_area: string; kind: DerivationEdge['kind']; position: number }>`unnest(
      ${edges.map((e) => e.from)}::text[], ${edges.map((e) => e.to)}::text[], ${edges.map((e) => e.kind)}::text[],
      ${edges.map((_, i) => i)}::int[])`.as<'t'>(sql`t (from_area, to_area, kind, position)`);
    await execute(
      tx,
      this.db
        .insertInto('edges')
        .columns(['from_area', 'to_area', 'kind', 'position'])
        .expression((eb) => eb.selectFrom(newEdges).select(['t.from_area', 't.to_area', 't.kind', 't.position'])),
    );
  }
}
