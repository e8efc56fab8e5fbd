import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { CatalogueKind, CategoryV1, JurisdictionV1, ServiceV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchFirst, fetchRows } from '@cau/persistence';
import { intakeRows } from '../rows.js';
import type { Categories, DB, Jurisdictions, Services } from '../rows.generated.js';
import type { CategorySetting, JurisdictionSetting } from './catalogue-seed.js';

/** A registration's catalogue values as the catalogue knows them. */
export interface RegistrationValues {
  /** code → retired (a subcategory under a retired category counts as retired). */
  categories: Map<string, boolean>;
  /** code → retired, for the services named. */
  services: Map<string, boolean>;
  jurisdictions: Map<string, { listed: boolean; retired: boolean }>;
  /** Whether any jurisdiction is listed: only then is `jurisdiction` checked against the catalogue. */
  jurisdictionsClosed: boolean;
}

const TABLE = {
  category: 'categories',
  service: 'services',
  jurisdiction: 'jurisdictions',
} as const satisfies Record<CatalogueKind, keyof DB>;

const CATEGORY_COLUMNS = ['code', 'parent_code', 'label_es', 'label_en', 'position', 'retired'] as const;
const SERVICE_COLUMNS = ['code', 'label_es', 'label_en', 'retired'] as const;
const JURISDICTION_COLUMNS = ['code', 'name', 'referente_emails', 'supervisor_emails', 'listed', 'retired'] as const;

type CategoryRow = Pick<Selectable<Categories>, (typeof CATEGORY_COLUMNS)[number]>;
type ServiceRow = Pick<Selectable<Services>, (typeof SERVICE_COLUMNS)[number]>;
type JurisdictionRow = Pick<Selectable<Jurisdictions>, (typeof JURISDICTION_COLUMNS)[number]>;

const toCategory = (r: CategoryRow): CategoryV1 => ({
  code: r.code,
  parent: r.parent_code,
  label: { es: r.label_es, en: r.label_en },
  order: r.position,
  retired: r.retired,
});
const toService = (r: ServiceRow): ServiceV1 => ({
  code: r.code,
  label: { es: r.label_es, en: r.label_en },
  retired: r.retired,
});
const toJurisdiction = (r: JurisdictionRow): JurisdictionV1 => ({
  code: r.code,
  name: r.name ?? r.code,
  referenteEmails: r.referente_emails,
  supervisorEmails: r.supervisor_emails,
  listed: r.listed,
  retired: r.retired,
});

/** The catalogue tables of the intake schema. */
@Injectable()
export class CatalogueRepository {
  private readonly db = intakeRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** Top-level categories in order, each followed by its subcategories in order. */
  async categories(db: EntityManager): Promise<CategoryV1[]> {
    const rows = await fetchRows(
      db,
      this.db
        .selectFrom('categories as c')
        .leftJoin('categories as p', 'p.code', 'c.parent_code')
        .select(CATEGORY_COLUMNS.map((column) => `c.${column}` as const))
        .orderBy(sql`coalesce(p.position, c.position)`)
        .orderBy(sql`coalesce(p.code, c.code)`)
        .orderBy('c.parent_code', (order) => order.nullsFirst())
        .orderBy('c.position')
        .orderBy('c.code'),
    );
    return rows.map(toCategory);
  }

  async services(db: EntityManager): Promise<ServiceV1[]> {
    const rows = await fetchRows(
      db,
      this.db.selectFrom('services').select(SERVICE_COLUMNS).orderBy('label_es').orderBy('code'),
    );
    return rows.map(toService);
  }

  async jurisdictions(db: EntityManager): Promise<JurisdictionV1[]> {
    const rows = await fetchRows(
      db,
      this.db
        .selectFrom('jurisdictions')
        .select(JURISDICTION_COLUMNS)
        .orderBy(sql`coalesce(name, code)`)
        .orderBy('code'),
    );
    return rows.map(toJurisdiction);
  }

  /** The row, locked until the transaction ends (changes to one entry happen one at a time). */
  async category(tx: EntityManager, code: string): Promise<CategoryV1 | null> {
    const row = await fetchFirst(
      tx,
      this.db.selectFrom('categories').select(CATEGORY_COLUMNS).where('code', '=', code).forUpdate(),
    );
    return row ? toCategory(row) : null;
  }

  async service(tx: EntityManager, code: string): Promise<ServiceV1 | null> {
    const row = await fetchFirst(
      tx,
      this.db.selectFrom('services').select(SERVICE_COLUMNS).where('code', '=', code).forUpdate(),
    );
    return row ? toService(row) : null;
  }

  async jurisdiction(tx: EntityManager, code: string): Promise<JurisdictionV1 | null> {
    const row = await fetchFirst(
      tx,
      this.db.selectFrom('jurisdictions').select(JURISDICTION_COLUMNS).where('code', '=', code).forUpdate(),
    );
    return row ? toJurisdiction(row) : null;
  }

  async hasSubcategories(tx: EntityManager, code: string): Promise<boolean> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('categories')
        .select(sql<number>`1`.as('found'))
        .where('parent_code', '=', code)
        .limit(1),
    );
    return row !== null;
  }

  /** The position after the last sibling. */
  async nextPosition(tx: EntityManager, parent: string | null): Promise<number> {
    const row = await fetchFirst(
      tx,
      this.db
        .selectFrom('categories')
        .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as('next'))
        .where('parent_code', 'is not distinct from', parent),
    );
    return row!.next;
  }

  async saveCategory(tx: EntityManager, c: CategoryV1): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('categories')
        .values({
          code: c.code,
          parent_code: c.parent,
          label_es: c.label.es,
          label_en: c.label.en,
          position: c.order,
          retired: c.retired,
        })
        .onConflict((conflict) =>
          conflict.column('code').doUpdateSet((eb) => ({
            parent_code: eb.ref('excluded.parent_code'),
            label_es: eb.ref('excluded.label_es'),
            label_en: eb.ref('excluded.label_en'),
            position: eb.ref('excluded.position'),
            retired: eb.ref('excluded.retired'),
            updated_at: sql<Date>`now()`,
          })),
        ),
    );
  }

  async saveService(tx: EntityManager, v: ServiceV1): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('services')
        .values({ code: v.code, label_es: v.label.es, label_en: v.label.en, retired: v.retired })
        .onConflict((conflict) =>
          conflict.column('code').doUpdateSet((eb) => ({
            label_es: eb.ref('excluded.label_es'),
            label_en: eb.ref('excluded.label_en'),
            retired: eb.ref('excluded.retired'),
            updated_at: sql<Date>`now()`,
          })),
        ),
    );
  }

  async saveJurisdiction(tx: EntityManager, j: JurisdictionV1): Promise<void> {
    await execute(
      tx,
      this.db
        .insertInto('jurisdictions')
        .values({
          code: j.code,
          name: j.name,
          referente_emails: j.referenteEmails,
          supervisor_emails: j.supervisorEmails,
          listed: j.listed,
          retired: j.retired,
        })
        .onConflict((conflict) =>
          conflict.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            referente_emails: eb.ref('excluded.referente_emails'),
            supervisor_emails: eb.ref('excluded.supervisor_emails'),
            listed: eb.ref('excluded.listed'),
            retired: eb.ref('excluded.retired'),
            updated_at: sql<Date>`now()`,
          })),
        ),
    );
  }

  async setRetired(tx: EntityManager, kind: CatalogueKind, code: string, retired: boolean): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable(TABLE[kind])
        .set({ retired, updated_at: sql<Date>`now()` })
        .where('code', '=', code),
    );
  }

  /** What the catalogue says about the categories, services and jurisdictions of a batch of registrations. */
  async registrationValues(
    tx: EntityManager,
    categories: string[],
    jurisdictions: string[],
    services: string[],
  ): Promise<RegistrationValues> {
    const anyOf = (codes: string[]) => sql<string>`ANY(${[...new Set(codes)]}::text[])`;
    const categoryRows = await fetchRows(
      tx,
      this.db
        .selectFrom('categories as c')
        .leftJoin('categories as p', 'p.code', 'c.parent_code')
        .select(['c.code', sql<boolean>`c.retired OR coalesce(p.retired, false)`.as('retired')])
        .where('c.code', '=', anyOf(categories)),
    );
    const jurisdictionRows = await fetchRows(
      tx,
      this.db
        .selectFrom('jurisdictions')
        .select(['code', 'listed', 'retired'])
        .where('code', '=', anyOf(jurisdictions)),
    );
    const serviceRows =
      services.length === 0
        ? []
        : await fetchRows(
            tx,
            this.db.selectFrom('services').select(['code', 'retired']).where('code', '=', anyOf(services)),
          );
    const closed = await fetchFirst(
      tx,
      this.db
        .selectFrom('jurisdictions')
        .select(sql<number>`1`.as('found'))
        .where('listed', '=', true)
        .limit(1),
    );
    return {
      categories: new Map(categoryRows.map((r) => [r.code, r.retired])),
      services: new Map(serviceRows.map((r) => [r.code, r.retired])),
      jurisdictions: new Map(jurisdictionRows.map((r) => [r.code, { listed: r.listed, retired: r.retired }])),
      jurisdictionsClosed: closed !== null,
    };
  }

  /**
   * Fills the catalogue from the old settings once per kind, whatever instance starts first (an advisory
   * lock serializes concurrent starts; `catalogue_seeded` remembers what was done).
   */
  async seedOnce(
    tx: EntityManager,
    categories: readonly CategorySetting[],
    jurisdictions: readonly JurisdictionSetting[],
  ): Promise<string[]> {
    // Takes a lock and reads no row.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`cau-catalogue-seed-${this.runtime.schema}`]);
    const done = await fetchRows(tx, this.db.selectFrom('catalogue_seeded').select('kind'));
    const seeded = new Set(done.map((r) => r.kind));
    const now: string[] = [];
    if (!seeded.has('category')) {
      const settings = sql<{ code: string; label_es: string; label_en: string; position: number }>`unnest(
        ${categories.map((c) => c.code)}::text[], ${categories.map((c) => c.es)}::text[],
        ${categories.map((c) => c.en)}::text[], ${categories.map((_, i) => i)}::int[])`.as<'t'>(
        sql`t (code, label_es, label_en, position)`,
      );
      await execute(
        tx,
        this.db
          .insertInto('categories')
          .columns(['code', 'label_es', 'label_en', 'position'])
          .expression((eb) => eb.selectFrom(settings).select(['t.code', 't.label_es', 't.label_en', 't.position']))
          .onConflict((conflict) => conflict.column('code').doNothing()),
      );
      now.push('category');
    }
    if (!seeded.has('jurisdiction')) {
      for (const j of jurisdictions) {
        await execute(
          tx,
          this.db
            .insertInto('jurisdictions')
            .values({ code: j.code, referente_emails: j.referenteEmails, supervisor_emails: j.supervisorEmails })
            .onConflict((conflict) =>
              conflict.column('code').doUpdateSet((eb) => ({
                referente_emails: eb.ref('excluded.referente_emails'),
                supervisor_emails: eb.ref('excluded.supervisor_emails'),
                updated_at: sql<Date>`now()`,
              })),
            ),
        );
      }
      now.push('jurisdiction');
    }
    if (now.length > 0) {
      await execute(
        tx,
        this.db
          .insertInto('catalogue_seeded')
          .columns(['kind', 'at'])
          .expression(
            this.db.selectNoFrom([sql<string>`unnest(${now}::text[])`.as('kind'), sql<Date>`now()`.as('at')]),
          ),
      );
    }
    return now;
  }
}
